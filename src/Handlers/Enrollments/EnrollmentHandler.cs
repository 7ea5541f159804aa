using EventSourced.Domain.Common;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Handlers.Commands;
using EventSourced.Handlers.Enrollments.Contracts;
using EventSourced.Projections.Enrollments;
using EventSourced.Projections.Observability;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Runtime.Handlers;

namespace EventSourced.Handlers.Enrollments;

/// <summary>
/// Enrollments from external events (Wolverine message handlers) and direct requests: look up the program context,
/// decide, start the enrollment stream. Idempotent: the stream id is derived from the producer's event id, so a
/// second delivery finds the stream (or, when concurrent, collides with it) and creates nothing.
/// </summary>
[Transactional]
public static class EnrollmentHandler
{
    /// <summary>A lost race (twin delivery, or the user enrolled by another event meanwhile) is decided again on a fresh
    /// session by Wolverine, which then reports the duplicate or the existing enrollment.</summary>
    public static void Configure(HandlerChain chain) => chain.RetryOnRace(attempts: 3);

    public static Task Handle(KintellSessionCompleted message, Envelope envelope, IDocumentSession session, TimeProvider clock, ProgramLookupOptions lookup,
        ILogger<EnrollmentLog> logger, CancellationToken cancellation) =>
        HandleSourceEventAsync(message, envelope, session, clock, lookup, logger, cancellation);

    public static Task Handle(BuddyMatchCreated message, Envelope envelope, IDocumentSession session, TimeProvider clock, ProgramLookupOptions lookup,
        ILogger<EnrollmentLog> logger, CancellationToken cancellation) =>
        HandleSourceEventAsync(message, envelope, session, clock, lookup, logger, cancellation);

    public static Task Handle(UpskillingCourseEnrolled message, Envelope envelope, IDocumentSession session, TimeProvider clock, ProgramLookupOptions lookup,
        ILogger<EnrollmentLog> logger, CancellationToken cancellation) =>
        HandleSourceEventAsync(message, envelope, session, clock, lookup, logger, cancellation);

    /// <summary>A direct enrollment (or one any host builds itself).</summary>
    public static Task<EnrollmentResult> Handle(EnrollUser command, IDocumentSession session, TimeProvider clock, ProgramLookupOptions lookup,
        ILogger<EnrollmentLog> logger, CancellationToken cancellation) =>
        EnrollAsync(command, session, clock, lookup, logger, cancellation);

    /// <summary>Decides and appends; the caller's commit (Wolverine's, once) saves it.</summary>
    public static async Task<EnrollmentResult> EnrollAsync(EnrollUser command, IDocumentSession session, TimeProvider clock,
        ProgramLookupOptions lookup, ILogger logger, CancellationToken cancellation)
    {
        var validation = EnrollUserValidator.Instance.Validate(command);
        if (!validation.IsValid)
        {
            return new EnrollmentResult(EnrollmentOutcome.Rejected, Guid.Empty, DomainError.Validation(validation.ToFieldErrors().ToArray()));
        }

        var id = EnrollmentIds.ForExternalEvent(command.SourceSystem!, command.ExternalEventId!.Trim());

        // One round trip for every read (then one for the commit): the duplicate check, the program lookup and the user's
        // active enrollments in the candidate programs.
        var facts = await session.EnrollmentFactsAsync(id, command.UserId!.Trim(), lookup.DisableProgramLookup ? null : command.ProgramType,
            command.CompanyId, cancellation);
        if (facts.StreamExists)
        {
            EnrollmentLog.DuplicateDelivery(logger, command.SourceSystem!, command.ExternalEventId!, id);
            return new EnrollmentResult(EnrollmentOutcome.Duplicate, id);
        }

        var context = FindContext(command, facts.Candidates, lookup);
        var existing = context is null ? null : facts.ActiveEnrollmentIn(context.ProgramId);
        var decision = EnrollmentDecisions.Enroll(command, id, context, existing, clock.GetUtcNow());
        if (decision.Error is { } error)
        {
            if (error.Title == EnrollmentDecisions.AlreadyEnrolled && existing == id)
            {
                // The "other" active enrollment is this very event's, committed by a concurrent twin delivery.
                EnrollmentLog.DuplicateDelivery(logger, command.SourceSystem!, command.ExternalEventId!, id);
                return new EnrollmentResult(EnrollmentOutcome.Duplicate, id);
            }

            if (error.Title == EnrollmentDecisions.AlreadyEnrolled)
            {
                EnrollmentLog.AlreadyEnrolled(logger, command.UserId!, existing!.Value, context!.ProgramId, command.SourceSystem!, command.ExternalEventId!);
                return new EnrollmentResult(EnrollmentOutcome.AlreadyEnrolled, existing.Value, error);
            }

            return new EnrollmentResult(EnrollmentOutcome.Rejected, id, error);
        }

        // Logged once committed: a commit that loses a race (the same event delivered concurrently: stream collision; another
        // event enrolling the user in the same program: unique index) is decided again and logs the duplicate it finds instead.
        session.Events.StartStream<EnrollmentState>(id, [.. decision.Events]);
        AfterCommit.Register(session, () => LogCreated(logger, command, id, context, lookup));
        return new EnrollmentResult(EnrollmentOutcome.Created, id);
    }

    private static async Task HandleSourceEventAsync(IEnrollmentSourceEvent message, Envelope envelope, IDocumentSession session, TimeProvider clock,
        ProgramLookupOptions lookup, ILogger logger, CancellationToken cancellation)
    {
        // The correlation id of the request (or producer) that sent the event, on every line this handler logs.
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["CorrelationId"] = envelope.CorrelationId });
        // Who made the change: the caller that posted it (its token's subject, relayed on the envelope), else the producing
        // system itself (a broker message has no user). The session's correlation id is the envelope's already (Wolverine).
        session.LastModifiedBy ??= $"system:{message.SourceSystem}";
        var result = await EnrollAsync(message.ToCommand(), session, clock, lookup, logger, cancellation);
        if (result.Outcome == EnrollmentOutcome.Rejected && result.Error is { Kind: ErrorKind.Invalid } error)
        {
            // Name the fields as the producer's message does (the command calls the event id "externalEventId").
            throw new InvalidEnrollmentEventException(message.SourceSystem, message.EventId, SourceEventErrors.AsProducerNames(error.Errors));
        }
    }

    private static ProgramContext? FindContext(EnrollUser command, ProgramCandidates candidates, ProgramLookupOptions lookup)
    {
        if (lookup.DisableProgramLookup)
        {
            return null;
        }

        var context = ProgramLookup.Find(command.ProgramType!, command.CompanyId, candidates.Programs, candidates.Campaigns, lookupDisabled: false);
        if (context is null)
        {
            EventSourcedMetrics.RecordLookupFailure(command.SourceSystem!);
        }

        return context;
    }

    private static void LogCreated(ILogger logger, EnrollUser command, Guid id, ProgramContext? context, ProgramLookupOptions lookup)
    {
        if (context is not null)
        {
            EnrollmentLog.FoundProgramContext(logger, command.UserId!, command.ProgramType!, context.ProgramId, context.CampaignId);
            EnrollmentLog.CreatedWithProgramContext(logger, id, command.UserId!, context.ProgramId, command.SourceSystem!);
        }
        else if (lookup.DisableProgramLookup)
        {
            EnrollmentLog.LookupDisabled(logger, id, command.ProgramType!);
        }
        else
        {
            EnrollmentLog.NoMatchingProgram(logger, command.ProgramType!, command.UserId!, command.CompanyId, id);
        }
    }
}
