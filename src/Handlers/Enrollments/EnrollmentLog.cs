using Microsoft.Extensions.Logging;

namespace EventSourced.Handlers.Enrollments;

/// <summary>The runbook's log lines (operators grep for them), as structured log messages. Also the logger category.</summary>
public sealed partial class EnrollmentLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Found program context for enrollment: user {UserId}, programType {ProgramType} -> program {ProgramId}, campaign {CampaignId}")]
    public static partial void FoundProgramContext(ILogger logger, string userId, string programType, Guid programId, Guid? campaignId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created enrollment with program context: enrollment {EnrollmentId}, user {UserId}, program {ProgramId}, source {SourceSystem}")]
    public static partial void CreatedWithProgramContext(ILogger logger, Guid enrollmentId, string userId, Guid programId, string sourceSystem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No matching program found for programType {ProgramType} (user {UserId}, company {CompanyId}); created legacy enrollment {EnrollmentId}")]
    public static partial void NoMatchingProgram(ILogger logger, string programType, string userId, Guid? companyId, Guid enrollmentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Program lookup disabled (Programs:DisableProgramLookup); created legacy enrollment {EnrollmentId} for programType {ProgramType}")]
    public static partial void LookupDisabled(ILogger logger, Guid enrollmentId, string programType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate delivery of {SourceSystem} event {EventId}: enrollment {EnrollmentId} already exists")]
    public static partial void DuplicateDelivery(ILogger logger, string sourceSystem, string eventId, Guid enrollmentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} already has active enrollment {ExistingEnrollmentId} in program {ProgramId}; no new enrollment for {SourceSystem} event {EventId}")]
    public static partial void AlreadyEnrolled(ILogger logger, string userId, Guid existingEnrollmentId, Guid programId, string sourceSystem, string eventId);
}
