using EventSourced.Domain.Common;

namespace EventSourced.Handlers.Enrollments.Contracts;

/// <summary>A malformed external event: retrying cannot help, so hosts send it to the dead-letter storage with this
/// message (every offending field) as the reason.</summary>
public sealed class InvalidEnrollmentEventException : Exception
{
    public InvalidEnrollmentEventException(string sourceSystem, string? eventId, IEnumerable<FieldError> errors)
        : base($"Invalid {sourceSystem} event '{eventId}': " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")))
    {
    }

    public InvalidEnrollmentEventException()
    {
    }

    public InvalidEnrollmentEventException(string message)
        : base(message)
    {
    }

    public InvalidEnrollmentEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
