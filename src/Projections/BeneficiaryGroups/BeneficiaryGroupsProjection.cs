using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;

namespace EventSourced.Projections.BeneficiaryGroups;

/// <summary>Projects beneficiary group events into <c>beneficiary_groups</c> (inline, plain SQL).</summary>
public sealed class BeneficiaryGroupsProjection : ReadTableProjection
{
    public const string ProjectionName = BeneficiaryGroupsTable.Name;

    public BeneficiaryGroupsProjection(string schema)
        : base(BeneficiaryGroupsTable.Define(schema))
    {
        IncludeType<BeneficiaryGroupCreated>();
        IncludeType<BeneficiaryGroupUpdated>();
    }

    public override RowChange? Change(IEvent e) => e.Data switch
    {
        BeneficiaryGroupCreated c => Insert(e, c.BeneficiaryGroupId, ("name", c.Name), ("description", c.Description), ("region", c.Region),
            ("tags", c.Tags.ToArray()), ("created_at", c.CreatedAt), ("updated_at", c.CreatedAt)),
        BeneficiaryGroupUpdated u => Update(e, u.BeneficiaryGroupId, ("name", u.Name), ("description", u.Description), ("region", u.Region),
            ("tags", u.Tags.ToArray()), ("updated_at", u.UpdatedAt)),
        _ => null,
    };
}
