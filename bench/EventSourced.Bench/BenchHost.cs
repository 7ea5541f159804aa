using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EventSourced.Bench.Measuring;
using EventSourced.Host.Hosting;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace EventSourced.Bench;

/// <summary>
/// The real host, in process, built the way <c>src/Host/Program.cs</c> builds it (AddEventSourcedHostAsync,
/// UseEventSourcedHost), on Kestrel at a free loopback port. Authentication off and the write rate limit off (a load test is
/// not an attack), logging at Warning. Its store is the store every scenario uses.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public IDocumentStore Store => _app.Services.GetRequiredService<IDocumentStore>();

    public IMessageBus Bus => _app.Services.GetRequiredService<IMessageBus>();

    /// <summary>When set, every request's time inside the server (from the first middleware to the response) is recorded here.</summary>
    public LatencyRecorder? ServerTimes { get; set; }

    /// <param name="amqpUri">A RabbitMQ broker for the host (the broker scenario); null: none.</param>
    public static async Task<BenchHost> StartAsync(string connectionString, string? amqpUri = null)
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marten"] = connectionString,
            ["ConnectionStrings:RabbitMq"] = amqpUri,
            ["Authentication:Disabled"] = "true",
            ["RateLimiting:Writes:PermitLimit"] = "0",
            [WebHostDefaults.ServerUrlsKey] = $"http://127.0.0.1:{port}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        await builder.AddEventSourcedHostAsync();
        builder.Services.RunWolverineInSoloMode(); // one node: no leader election traffic during the measurements

        var app = builder.Build();
        var host = new BenchHost(app, new Uri($"http://127.0.0.1:{port}"));
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            await next(context);
            host.ServerTimes?.Record(Stopwatch.GetElapsedTime(started));
        });
        app.UseEventSourcedHost();
        await app.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
