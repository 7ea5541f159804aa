using System.Text.Json;
using FluentValidation;

namespace EventSourced.Domain.Common;

/// <summary>FluentValidation rules for JSON-valued command fields.</summary>
public static class JsonRules
{
    public static IRuleBuilderOptions<T, JsonElement?> MustBeJsonObject<T>(this IRuleBuilder<T, JsonElement?> rule) =>
        rule.Must(value => value is { ValueKind: JsonValueKind.Object })
            .WithMessage("'{PropertyName}' must be a JSON object.")
            .WithErrorCode("type");
}
