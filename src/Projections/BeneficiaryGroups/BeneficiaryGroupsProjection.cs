using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Projections.ReadTables;
using JasperFx.Events;
using Marten;

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

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case BeneficiaryGroupCreated c:
                Insert(operations, e, "id, name, description, region, tags, created_at, updated_at", "?, ?, ?::text, ?::text, ?, ?, ?",
                    c.BeneficiaryGroupId, c.Name, c.Description!, c.Region!, c.Tags.ToArray(), c.CreatedAt, c.CreatedAt);
                break;
            case BeneficiaryGroupUpdated u:
                Update(operations, e, u.BeneficiaryGroupId, "name = ?, description = ?::text, region = ?::text, tags = ?, updated_at = ?",
                    u.Name, u.Description!, u.Region!, u.Tags.ToArray(), u.UpdatedAt);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
