using System.Security.Cryptography;
using System.Text;

namespace EventSourced.Handlers.Messaging.Integration;

/// <summary>
/// A message id derived from what the message is about (an RFC 9562 version 8 UUID from a SHA-256 of the parts), for
/// integration events that report no single stored event: the same fact sent twice carries the same id, so consumers
/// deduplicate on it as on the others.
/// </summary>
public static class DerivedMessageId
{
    public static Guid From(Guid subject, string fact)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(fact.Length)];
        subject.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(fact, input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
