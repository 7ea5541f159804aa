namespace EventSourced.Domain.Common;

/// <summary>
/// Why a decision refused a command. <see cref="Title"/> is stable and short (operators grep for it),
/// <see cref="Detail"/> explains this occurrence, <see cref="Errors"/> lists every offending field.
/// </summary>
public sealed record DomainError(ErrorKind Kind, string Title, string Detail, IReadOnlyList<FieldError> Errors)
{
    /// <summary>Machine-readable facts about the refusal (e.g. the decision already taken), shown as problem details members.</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    public static DomainError Invalid(string title, string detail, IReadOnlyList<FieldError>? errors = null) =>
        new(ErrorKind.Invalid, title, detail, errors ?? []);

    public static DomainError Validation(IReadOnlyList<FieldError> errors) =>
        new(ErrorKind.Invalid, "Validation failed", $"{errors.Count} field(s) are invalid.", errors);

    public static DomainError NotFound(string what, Guid id) =>
        new(ErrorKind.NotFound, $"{what} not found", $"No {what.ToLowerInvariant()} with id '{id}'.", []);

    public static DomainError Conflict(string title, string detail) =>
        new(ErrorKind.Conflict, title, detail, []);

    public const string StreamMovedOn = "Stream version mismatch";

    /// <summary>The caller expected stream <paramref name="id"/> at <paramref name="expected"/>; it is at <paramref name="current"/>
    /// (null when it moved on while the command was being decided). Nothing was saved.</summary>
    public static DomainError PreconditionFailed(Guid id, long expected, long? current) =>
        new(ErrorKind.PreconditionFailed, StreamMovedOn,
            current is { } version
                ? $"Stream {id} is at version {version}, not {expected} as expected (If-Match); nothing was saved. Fetch it again and retry."
                : $"Stream {id} moved past version {expected} while this request was being decided; nothing was saved. Fetch it again and retry.",
            [])
        {
            Extensions = new Dictionary<string, object?> { ["expectedVersion"] = expected, ["currentVersion"] = current },
        };
}
