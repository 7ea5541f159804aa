using System.Text;
using RabbitMQ.Client;

namespace EventSourced.Host.Tests.Messaging;

/// <summary>A producer that knows nothing of Wolverine: the RabbitMQ client, a JSON body, <c>content-type:
/// application/json</c>, a persistent message on the default exchange, routed by queue name.</summary>
internal static class PlainJsonProducer
{
    public static Task PublishAsync(string amqpUri, string queue, params string[] bodies) =>
        PublishWithContentTypeAsync(amqpUri, queue, "application/json", bodies);

    /// <param name="contentType">Null: no content-type property at all, as some producers send.</param>
    public static async Task PublishWithContentTypeAsync(string amqpUri, string queue, string? contentType, params string[] bodies)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true));
        foreach (var body in bodies)
        {
            var properties = new BasicProperties { ContentType = contentType, Persistent = true };
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
        }
    }
}
