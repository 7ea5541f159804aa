using EventSourced.Handlers.Approvals.Reminders;
using EventSourced.Handlers.Messaging;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>The host with its broker, and a stale-approval policy of seconds: stale after 2 s, reminded every 2 s, the
/// scheduled envelopes polled every ½ s and the gauges refreshed as often. The approvals' age is read from the fixture's
/// <see cref="HostFixture.Clock"/>, which the tests move on.</summary>
public sealed class StaleApprovalHostFixture(PostgresServer server, RabbitMqServer broker) : HostFixture(server)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2);

    public string AmqpUri { get; private set; } = string.Empty;

    protected override async Task<IReadOnlyDictionary<string, string?>?> SettingsAsync()
    {
        AmqpUri = await broker.CreateVirtualHostAsync(GetType().Name);
        return new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{EventSourcedRabbitMq.ConnectionStringName}"] = AmqpUri,
            [$"{StaleApprovalOptions.Section}:{nameof(StaleApprovalOptions.StaleAfter)}"] = "00:00:02",
            [$"{StaleApprovalOptions.Section}:{nameof(StaleApprovalOptions.RemindEvery)}"] = "00:00:02",
            ["Wolverine:Durability:ScheduledJobPollingTime"] = "00:00:00.500",
            ["Metrics:RefreshInterval"] = "00:00:00.500",
        };
    }

    protected override bool UsesBroker => true;
}
