using EventSourced.Handlers.Messaging.Integration;
using EventSourced.Testing;
using RabbitMQ.Client;
using System.Text;
using System.Text.Json;

using static EventSourced.Host.Tests.Enrollments.EnrollmentSeed;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>A queue of its own bound to the exchange with <c>#</c>: every integration event published after it is bound.</summary>
internal sealed class IntegrationEventConsumer : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;
    private readonly List<Received> _received = [];

    private IntegrationEventConsumer(IConnection connection, IChannel channel, string queue) => (_connection, _channel, _queue) = (connection, channel, queue);

    /// <summary>A consumer on a queue of its own (<paramref name="durableQueue"/>: a named durable one, which outlives this
    /// connection and is read again with <see cref="AttachAsync"/>; else a server-named one that goes with it).</summary>
    public static async Task<IntegrationEventConsumer> BindAsync(string amqpUri, string? durableQueue = null)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = durableQueue is null
            ? (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName
            : (await channel.QueueDeclareAsync(durableQueue, durable: true, exclusive: false, autoDelete: false)).QueueName;
        await channel.ExchangeDeclarePassiveAsync(IntegrationEvents.Exchange); // declared by the host, as a topic exchange
        await channel.QueueBindAsync(queue, IntegrationEvents.Exchange, "#");
        return new IntegrationEventConsumer(connection, channel, queue);
    }

    /// <summary>A consumer reading a durable queue bound before (see <see cref="BindAsync"/>).</summary>
    public static async Task<IntegrationEventConsumer> AttachAsync(string amqpUri, string durableQueue)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclarePassiveAsync(durableQueue);
        return new IntegrationEventConsumer(connection, channel, durableQueue);
    }

    public async Task<IReadOnlyList<Received>> UntilAsync(Func<Received, bool> done)
    {
        await Eventually.UntilAsync(async () =>
        {
            while (await _channel.BasicGetAsync(_queue, autoAck: true) is { } message)
            {
                _received.Add(new Received(message.RoutingKey, message.BasicProperties.ContentType,
                    JsonDocument.Parse(Encoding.UTF8.GetString(message.Body.Span)).RootElement.Clone()));
            }

            return _received.Any(done);
        }, "the integration event arrived", TestContext.Current.CancellationToken, PollTimeout);
        return _received;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

internal sealed record Received(string Key, string? ContentType, JsonElement Body)
{
    public Guid? Guid(string name) => Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetGuid() : null;

    public int? Int(string name) => Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public string? String(string name) => Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
