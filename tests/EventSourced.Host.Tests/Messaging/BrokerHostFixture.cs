using EventSourced.Handlers.Messaging;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>The real host with its broker turned on (<c>ConnectionStrings:RabbitMq</c>), on a database and a RabbitMQ virtual
/// host of its own.</summary>
public sealed class BrokerHostFixture(PostgresServer server, RabbitMqServer broker) : HostFixture(server)
{
    public string AmqpUri { get; private set; } = string.Empty;

    public RabbitMqServer Broker => broker;

    protected override async Task<IReadOnlyDictionary<string, string?>?> SettingsAsync()
    {
        AmqpUri = await broker.CreateVirtualHostAsync(GetType().Name);
        return new Dictionary<string, string?> { [$"ConnectionStrings:{EventSourcedRabbitMq.ConnectionStringName}"] = AmqpUri };
    }

    protected override bool UsesBroker => true;
}
