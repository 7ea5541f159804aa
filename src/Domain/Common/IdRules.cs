using FluentValidation;

namespace EventSourced.Domain.Common;

/// <summary>FluentValidation rules for ids in a command body.</summary>
public static class IdRules
{
    /// <summary>
    /// Like <c>NotEmpty()</c>, which on a <c>Guid?</c> compares with <c>default(Guid?)</c> (null) and so lets
    /// <see cref="Guid.Empty"/> through: here both null and <see cref="Guid.Empty"/> are empty.
    /// </summary>
    public static IRuleBuilderOptions<T, Guid?> NotEmptyId<T>(this IRuleBuilder<T, Guid?> rule) =>
        rule.Must(id => id is { } value && value != Guid.Empty)
            .WithMessage("'{PropertyName}' must not be empty.")
            .WithErrorCode("NotEmptyValidator");
}
