using System.Text.Json;
using EventSourced.Domain.Common;
using EventSourced.Domain.Templates.Commands;
using EventSourced.Handlers.Commands;
using EventSourced.Testing;
using Wolverine;
using Wolverine.Tracking;

namespace EventSourced.Host.Tests.Templates;

/// <summary>The same commands sent as Wolverine messages, as a host embedding the library would.</summary>
public sealed class TemplateMessageTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int CompileTimeoutMs = 60_000; // first use of a handler compiles it

    [Fact]
    public async Task Create_and_publish_through_the_message_bus()
    {
        var create = new CreateTemplate("bus-template", "From the bus", null, "mentorship",
            JsonDocument.Parse("{}").RootElement, JsonDocument.Parse("{}").RootElement);

        var (_, created) = await fixture.Host.InvokeMessageAndWaitAsync<CommandResult>(create, CompileTimeoutMs);
        var (_, published) = await fixture.Host.InvokeMessageAndWaitAsync<CommandResult>(
            new PublishTemplate(created!.StreamId, DeprecatePrevious: false), CompileTimeoutMs);

        published!.IsAccepted.ShouldBeTrue();
        (await Sql.QueryAsync(fixture.ConnectionString, $"select status from program_templates where id = '{created.StreamId}'"))
            .Single()["status"].ShouldBe("active");
    }

    [Fact]
    public async Task Refusals_come_back_as_results_not_exceptions()
    {
        var result = await fixture.Host.MessageBus().InvokeAsync<CommandResult>(new ArchiveTemplate(Guid.NewGuid()), TestContext.Current.CancellationToken,
            timeout: TimeSpan.FromMilliseconds(CompileTimeoutMs));

        result.Error.ShouldNotBeNull().Kind.ShouldBe(ErrorKind.NotFound);
    }
}
