using EventSourced.Domain.Approvals.Events;
using EventSourced.Domain.BeneficiaryGroups.Events;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Repairs.Events;
using EventSourced.Domain.Retention.Events;
using EventSourced.Domain.Inventory.Events;
using EventSourced.Domain.Orders.Events;
using EventSourced.Domain.Privacy.Events;
using EventSourced.Domain.Programs.Events;
using EventSourced.Domain.Templates.Events;
using EventSourced.Projections.Registration.Upcasting;
using Marten;

namespace EventSourced.Projections.Registration;

/// <summary>
/// The stored name of every event: part of the storage format. Never change one; add a new version (".v2") and an
/// upcaster from the old name instead (docs/event-versioning.md). Renaming a C# class is safe because streams refer to
/// these names, not to the class.
/// </summary>
internal static class StoredEventNames
{
    /// <summary>Read by the replay (rebuild, check) to leave quarantined events out, before any event is decoded.</summary>
    public const string EventQuarantinedName = "event_quarantined.v1";

    public static void Register(StoreOptions options)
    {
        var events = options.Events;
        events.MapEventType<TemplateCreated>("template_created.v1");
        events.MapEventType<TemplateUpdated>("template_updated.v1");
        events.MapEventType<TemplatePublished>("template_published.v1");
        events.MapEventType<TemplateDeprecated>("template_deprecated.v1");
        events.MapEventType<TemplateArchived>("template_archived.v1");

        events.MapEventType<BeneficiaryGroupCreated>("beneficiary_group_created.v1");
        events.MapEventType<BeneficiaryGroupUpdated>("beneficiary_group_updated.v1");

        events.MapEventType<ProgramCreated>("program_created.v1");
        events.MapEventType<ProgramStatusChanged>("program_status_changed.v2"); // v2 added the reason
        events.Upcast<ProgramStatusChangedV1, ProgramStatusChanged>(ProgramStatusChangedV1.StoredName, v1 => v1.Upcast());
        events.MapEventType<ProgramMigrated>("program_migrated.v1");
        events.MapEventType<CampaignDeployed>("program_campaign_deployed.v1");

        events.MapEventType<CampaignCreated>("campaign_created.v1");
        events.MapEventType<CampaignUpdated>("campaign_updated.v1");
        events.MapEventType<CampaignRebased>("campaign_rebased.v1");
        events.MapEventType<CampaignProbabilityChanged>("campaign_probability_changed.v1");
        events.MapEventType<CampaignApprovalRequested>("campaign_approval_requested.v1");
        events.MapEventType<CampaignWon>("campaign_won.v1");
        events.MapEventType<CampaignApprovalRejected>("campaign_approval_rejected.v1");

        events.MapEventType<ApprovalRequested>("approval_requested.v1");
        events.MapEventType<ApprovalApproved>("approval_approved.v1");
        events.MapEventType<ApprovalRejected>("approval_rejected.v1");

        events.MapEventType<InventoryReserved>("inventory_reserved.v1");
        events.MapEventType<ReservationConverted>("inventory_reservation_converted.v1");
        events.MapEventType<ReservationReleased>("inventory_reservation_released.v1");

        events.MapEventType<OrderCreated>("order_created.v1");

        events.MapEventType<EnrollmentCreated>("enrollment_created.v1");
        events.MapEventType<EnrollmentLinkedToProgram>("enrollment_linked_to_program.v1");
        events.MapEventType<EnrollmentStatusChanged>("enrollment_status_changed.v1");
        events.MapEventType<EnrollmentUnlinked>("enrollment_unlinked.v1");

        events.MapEventType<RepairRecorded>("repair_recorded.v1");
        events.MapEventType<EventQuarantined>(EventQuarantinedName);

        events.MapEventType<PersonalDataErased>("personal_data_erased.v1");
        events.MapEventType<StreamsArchived>("streams_archived.v1");
    }
}
