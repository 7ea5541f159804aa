using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments.Commands;

namespace EventSourced.Handlers.Enrollments.Contracts;

/// <summary>What is wrong with an external event, named as the producer's message names its fields (the command calls
/// the event id <c>externalEventId</c>, the producer <c>eventId</c>). Used by the handler for its dead-letter reason and by
/// hosts that receive events over HTTP, to refuse a malformed one at once instead of accepting it for the dead letters.</summary>
public static class SourceEventErrors
{
    public static IReadOnlyList<FieldError> Of(IEnrollmentSourceEvent message) =>
        AsProducerNames(EnrollUserValidator.Instance.Validate(message.ToCommand()).ToFieldErrors()).ToArray();

    public static IEnumerable<FieldError> AsProducerNames(IEnumerable<FieldError> errors) =>
        errors.Select(e => e.Path == "externalEventId"
            ? e with { Path = "eventId", Message = e.Message.Replace("'externalEventId'", "'eventId'", StringComparison.Ordinal) }
            : e);
}
