using System.Security.Cryptography;
using System.Text;

namespace EventSourced.Domain.Enrollments;

/// <summary>
/// The enrollment stream id of an external event: a name-based UUID (RFC 9562 version 5) of "source:eventId". The same
/// event, delivered twice or concurrently, maps to the same stream, and the event store refuses to start it twice.
/// </summary>
public static class EnrollmentIds
{
    // A fixed namespace for EventSourced enrollment ids (random, generated once; never change it).
    private static readonly Guid Namespace = Guid.Parse("5b0f3c9e-2a61-4d3b-9f57-0c8e6a1d4e21");

    public static Guid ForExternalEvent(string sourceSystem, string externalEventId)
    {
        var name = Encoding.UTF8.GetBytes($"{sourceSystem}:{externalEventId}");
        var namespaceBytes = Namespace.ToByteArray(bigEndian: true);
        var hash = SHA1.HashData([.. namespaceBytes, .. name]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
