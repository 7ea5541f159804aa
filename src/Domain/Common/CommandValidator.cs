using FluentValidation;

namespace EventSourced.Domain.Common;

/// <summary>
/// The base of every command validator: a message names its field as the JSON API spells it (<c>'userId' must not be
/// empty.</c>, <c>'budget.amount'</c>), the same name as the problem details' <c>errors</c> key, not FluentValidation's
/// "User Id". Per validator, so a host's own validators keep FluentValidation's global defaults.
/// </summary>
public abstract class CommandValidator<T> : AbstractValidator<T>
{
    protected override void OnRuleAdded(IValidationRule<T> rule)
    {
        if (rule.PropertyName is { Length: > 0 } name)
        {
            rule.SetDisplayName(JsonPath.CamelCase(name));
        }

        base.OnRuleAdded(rule);
    }
}
