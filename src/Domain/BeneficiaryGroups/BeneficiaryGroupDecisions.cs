using EventSourced.Domain.BeneficiaryGroups.Commands;
using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Domain.Common;

namespace EventSourced.Domain.BeneficiaryGroups;

/// <summary>Beneficiary group rules: valid details; tags trimmed and de-duplicated.</summary>
public static class BeneficiaryGroupDecisions
{
    public static Decision Create(CreateBeneficiaryGroup command, Guid groupId, DateTimeOffset now)
    {
        var errors = CreateBeneficiaryGroupValidator.Instance.Validate(command).ToFieldErrors().ToArray();
        return errors.Length > 0
            ? DomainError.Validation(errors)
            : Decision.Accept(new BeneficiaryGroupCreated(groupId, command.Name!.Trim(), command.Description, command.Region,
                Tags.Normalize(command.Tags), now));
    }

    public static Decision Update(BeneficiaryGroup group, UpdateBeneficiaryGroup command, DateTimeOffset now)
    {
        var errors = UpdateBeneficiaryGroupValidator.Instance.Validate(command).ToFieldErrors().ToArray();
        return errors.Length > 0
            ? DomainError.Validation(errors)
            : Decision.Accept(new BeneficiaryGroupUpdated(group.Id, command.Name?.Trim() ?? group.Name, command.Description ?? group.Description,
                command.Region ?? group.Region, command.Tags is null ? group.Tags : Tags.Normalize(command.Tags), now));
    }
}
