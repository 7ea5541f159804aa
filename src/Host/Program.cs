using EventSourced.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
await builder.AddEventSourcedHostAsync();

var app = builder.Build();
app.UseEventSourcedHost();
await app.RunAsync();
