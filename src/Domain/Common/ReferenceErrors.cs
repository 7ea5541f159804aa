namespace EventSourced.Domain.Common;

/// <summary>Field errors for ids in a command body that point at nothing usable.</summary>
public static class ReferenceErrors
{
    public static FieldError Missing(string field, string what, Guid id) =>
        new(field, $"no {what} with id '{id}'", "exists");

    public static FieldError NotActive(string field, string what, Guid id, string status, string why) =>
        new(field, $"{what} '{id}' is {status}; {why}", "active");
}
