using FluentValidation.Results;

namespace EventSourced.Domain.Common;

public static class FluentValidationExtensions
{
    /// <summary>FluentValidation's failures as field errors, with camelCase JSON paths as the client sent them.</summary>
    public static IEnumerable<FieldError> ToFieldErrors(this ValidationResult result) =>
        result.Errors.Select(e => new FieldError(JsonPath.CamelCase(e.PropertyName), e.ErrorMessage, e.ErrorCode));
}
