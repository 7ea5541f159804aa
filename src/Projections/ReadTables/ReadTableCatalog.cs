using EventSourced.Projections.Approvals;
using EventSourced.Projections.BeneficiaryGroups;
using EventSourced.Projections.Campaigns;
using EventSourced.Projections.Enrollments;
using EventSourced.Projections.Inventory;
using EventSourced.Projections.Orders;
using EventSourced.Projections.Programs;
using EventSourced.Projections.Templates;

namespace EventSourced.Projections.ReadTables;

/// <summary>
/// Every read table, as projections writing into a given schema. The store registers them for the live schema; the
/// integrity check builds a second set for a scratch schema, so both run the very same projection code.
/// </summary>
public static class ReadTableCatalog
{
    public static IReadOnlyList<ReadTableProjection> For(string schema) =>
    [
        new ProgramTemplatesProjection(schema),
        new BeneficiaryGroupsProjection(schema),
        new ProgramsProjection(schema),
        new ProgramCampaignsProjection(schema),
        new CampaignApprovalsProjection(schema),
        new InventoryReservationsProjection(schema),
        new OrdersProjection(schema),
        new ProgramEnrollmentsProjection(schema),
    ];

    /// <summary>The table names, in the order they are checked and reported.</summary>
    public static IReadOnlyList<string> TableNames { get; } = For("public").Select(p => p.TableShortName).ToArray();
}
