using System.Text.Json;
using Wolverine.Runtime.Serialization;

namespace EventSourced.Handlers.Messaging;

/// <summary>JSON on the broker as on the HTTP API: camelCase, read case-insensitively, unknown members ignored.</summary>
internal static class MessagingJson
{
    public static SystemTextJsonSerializer Web { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
