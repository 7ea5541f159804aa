using EventSourced.Testing;

namespace EventSourced.IntegrationTests.Packaging;

/// <summary>
/// The way most people use the library: pack EventSourced.Domain, .Projections, .Handlers and .Operations to a
/// local folder, then build and run a separate minimal web host that references the packages (not the projects) and uses
/// only the public one-call registrations, against a real database: it runs a command, checks integrity, answers
/// <c>/health/ready</c> and exposes the gauges on <c>/metrics</c>.
/// </summary>
public sealed class PackageConsumerTests(IsolatedDatabase db) : IClassFixture<IsolatedDatabase>
{
    private const string ConsumerProgram = """
        using System.Text.Json;
        using EventSourced.Domain.Templates.Commands;
        using EventSourced.Handlers.Commands;
        using EventSourced.Handlers.Registration;
        using EventSourced.Operations;
        using EventSourced.Operations.Health;
        using EventSourced.Projections.Integrity;
        using EventSourced.Projections.Registration;
        using EventSourced.Projections.Templates;
        using Marten;
        using Microsoft.AspNetCore.Hosting.Server;
        using Microsoft.AspNetCore.Hosting.Server.Features;
        using OpenTelemetry.Metrics;
        using Wolverine;
        using Wolverine.Marten;

        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddMarten(options =>
            {
                options.Connection(Environment.GetEnvironmentVariable("CONSUMER_POSTGRES")!);
                options.AddEventSourced();
            })
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine();
        builder.Services.AddEventSourcedOperations(builder.Configuration, metrics => metrics.AddPrometheusExporter());
        builder.Host.UseWolverine(options => options.AddEventSourced());

        var app = builder.Build();
        app.MapEventSourcedHealthChecks();
        app.MapPrometheusScrapingEndpoint("/metrics");
        await app.StartAsync();
        var bus = app.Services.GetRequiredService<IMessageBus>();
        var json = JsonDocument.Parse("{}").RootElement;
        var created = await bus.InvokeAsync<CommandResult>(new CreateTemplate("packaged-template", "Packaged", null, "mentorship", json, json));
        if (!created.IsAccepted) { Console.WriteLine($"refused: {created.Error}"); return 1; }

        var store = app.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var template = await session.FindTemplateAsync(created.StreamId);
        var report = await IntegrityCheck.RunAsync(store, new IntegrityCheckOptions(), TimeProvider.System);
        Console.WriteLine($"template {template?.TemplateKey} {template?.Status}; integrity clean: {report.IsClean}");

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var ready = await http.GetAsync("/health/ready");
        Console.WriteLine($"ready: {(int)ready.StatusCode}");
        // The gauges are filled by the refresher's first pass, just after the start: wait for it, with a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var metrics = "";
        while (DateTime.UtcNow < deadline && !metrics.Contains("eventsourced_approvals_pending"))
        {
            metrics = await http.GetStringAsync("/metrics");
            if (!metrics.Contains("eventsourced_approvals_pending")) await Task.Delay(200);
        }

        Console.WriteLine($"gauges: {metrics.Contains("eventsourced_approvals_pending")} {metrics.Contains("eventsourced_wolverine_dead_letters")}");
        await app.StopAsync();
        return 0;
        """;

    [Fact]
    public async Task A_host_built_on_the_packages_alone_creates_a_template_checks_integrity_and_is_operable()
    {
        var root = DotnetProcess.RepositoryRoot;
        var work = Directory.CreateTempSubdirectory("eventsourced-consumer-");
        var version = $"0.0.0-consumer.{Guid.NewGuid():N}"[..32];
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            foreach (var project in new[] { "src/Domain/EventSourced.Domain.csproj", "src/Projections/EventSourced.Projections.csproj", "src/Handlers/EventSourced.Handlers.csproj", "src/Operations/EventSourced.Operations.csproj" })
            {
                await DotnetAsync(root, null, "pack", Path.Combine(root, project), "-c", "Release", "-o", feed, $"-p:Version={version}");
            }

            var app = Directory.CreateDirectory(Path.Combine(work.FullName, "app")).FullName;
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ConsumerProgram, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(app, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="EventSourced.Projections" Version="{version}" />
                    <PackageReference Include="EventSourced.Handlers" Version="{version}" />
                    <PackageReference Include="EventSourced.Operations" Version="{version}" />
                    <PackageReference Include="OpenTelemetry.Exporter.Prometheus.AspNetCore" Version="{PinnedVersion(root, "OpenTelemetry.Exporter.Prometheus.AspNetCore")}" />
                    <PackageReference Include="WolverineFx.Marten" Version="{PinnedVersion(root, "WolverineFx.Marten")}" />
                    <PackageReference Include="WolverineFx.RuntimeCompilation" Version="{PinnedVersion(root, "WolverineFx.RuntimeCompilation")}" />
                  </ItemGroup>
                </Project>
                """, TestContext.Current.CancellationToken);
            // The consumer's own nuget.config: the packages just built, and nuget.org for everything else (no local shim, no NoWarn).
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                    <add key="eventsourced" value="{feed}" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="eventsourced"><package pattern="EventSourced.*" /></packageSource>
                    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
                  </packageSourceMapping>
                </configuration>
                """, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(app, "Directory.Build.props"), "<Project />", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(app, "Directory.Packages.props"), "<Project />", TestContext.Current.CancellationToken);

            var output = await DotnetAsync(app, db.ConnectionString, "run", "--project", Path.Combine(app, "Consumer.csproj"));

            output.ShouldContain("template packaged-template draft; integrity clean: True");
            output.ShouldContain("ready: 200");
            output.ShouldContain("gauges: True True");
            (await Sql.ScalarAsync(db.ConnectionString, "select count(*) from program_templates where template_key = 'packaged-template'")).ShouldBe(1);
        }
        finally
        {
            work.Delete(recursive: true);
            foreach (var id in new[] { "eventsourced.domain", "eventsourced.projections", "eventsourced.handlers", "eventsourced.operations" })
            {
                var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), id, version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
    }

    /// <summary>The version this repository builds with (Directory.Packages.props), so the consumer moves with it.</summary>
    private static string PinnedVersion(string root, string package) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == package).Attribute("Version")!.Value;

    private static async Task<string> DotnetAsync(string directory, string? connectionString, params string[] args)
    {
        // Not the test run's own MSBuild environment: the consumer is an ordinary build.
        var environment = new Dictionary<string, string?>
        {
            ["MSBuildExtensionsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
            ["MSBuildSDKsPath"] = null,
            ["DOTNET_HOST_PATH"] = null,
        };
        if (connectionString is not null)
        {
            environment["CONSUMER_POSTGRES"] = connectionString;
        }

        var (exitCode, output) = await DotnetProcess.RunAsync(directory, environment, args);
        exitCode.ShouldBe(0, $"dotnet {string.Join(' ', args)}:\n{output}");
        return output;
    }
}
