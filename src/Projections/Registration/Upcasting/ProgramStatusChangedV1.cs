using EventSourced.Domain.Programs;
using EventSourced.Domain.Programs.Events;

namespace EventSourced.Projections.Registration.Upcasting;

/// <summary>
/// <c>program_status_changed.v1</c> as it was stored until the reason was added: kept only to read old events, which the
/// upcaster turns into <see cref="ProgramStatusChanged"/> with no reason. The worked example of an event that evolves
/// (docs/event-versioning.md): a stored event is never rewritten; its old shape stays readable through the upcaster.
/// </summary>
public sealed record ProgramStatusChangedV1(Guid ProgramId, ProgramStatus From, ProgramStatus To, DateTimeOffset ChangedAt)
{
    public const string StoredName = "program_status_changed.v1";

    public ProgramStatusChanged Upcast() => new(ProgramId, From, To, ChangedAt, Reason: null);
}
