using EventSourced.Domain.Approvals;
using EventSourced.Domain.BeneficiaryGroups;
using EventSourced.Domain.Campaigns;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Domain.Privacy;
using EventSourced.Domain.Inventory;
using EventSourced.Domain.Programs;
using EventSourced.Domain.Templates;
using EventSourced.Projections.Observability;
using EventSourced.Projections.ReadTables;
using JasperFx.Events.Projections;
using Marten;
using JasperFx.MultiTenancy;
using Weasel.Core;

namespace EventSourced.Projections.Registration;

/// <summary>Everything EventSourced needs from a Marten store, in one call. The one place that lists every
/// stored event name and every projection with its lifecycle.</summary>
public static class EventSourcedStoreOptions
{
    /// <summary>
    /// Registers EventSourced's events and projections. Call it after setting <see cref="StoreOptions.DatabaseSchemaName"/>:
    /// the read tables are created in that schema. <paramref name="tenancy"/> chooses how tenants are kept apart; for
    /// <see cref="EventSourcedTenancy.Database"/> also call <see cref="UseTenantDatabases"/>.
    /// </summary>
    public static StoreOptions AddEventSourced(this StoreOptions options, EventSourcedTenancy tenancy = EventSourcedTenancy.None)
    {
        // Conjoined: Marten scopes every stream, event and query of a session to its tenant; mt_streams is keyed by
        // (tenant_id, id), like the read tables. No documents are stored (write models are folded live), so no document
        // policy is needed.
        if (tenancy == EventSourcedTenancy.Conjoined)
        {
            options.Events.TenancyStyle = TenancyStyle.Conjoined;
        }

        // Who and why, stored with every event (columns of mt_events): the user, the correlation id and the causing message
        // that Wolverine puts on the sessions it opens (the token's subject, X-Correlation-Id, the message handled); a session
        // opened without Wolverine sets them itself (session.LastModifiedBy, CorrelationId, CausationId).
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;

        // Part of the storage format: enums (statuses) are stored by name, not by number.
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        StoredEventNames.Register(options);

        // Write models: folded from their streams when a command loads them (streams are short).
        options.Projections.Add(new DomainFold<Template>(Template.Evolve), ProjectionLifecycle.Live);
        options.Projections.Add(new DomainFold<BeneficiaryGroup>(BeneficiaryGroup.Evolve), ProjectionLifecycle.Live);
        options.Projections.Add(new DomainFold<ProgramState>(ProgramState.Evolve), ProjectionLifecycle.Live);
        options.Projections.Add(new DomainFold<CampaignState>(CampaignState.Evolve), ProjectionLifecycle.Live);
        options.Projections.Add(new DomainFold<ApprovalState>(ApprovalState.Evolve), ProjectionLifecycle.Live);
        options.Projections.Add(new DomainFold<ReservationState>(ReservationState.Evolve), ProjectionLifecycle.Live);
        options.Projections.Add(new DomainFold<EnrollmentState>(EnrollmentState.Evolve), ProjectionLifecycle.Live);

        // Read tables: inline, in the same transaction as the events.
        // A rebuild must stop on an event it cannot read or apply, never skip it and leave a table quietly wrong. (These
        // are JasperFx's rebuild defaults today; stated so a changed default cannot slip in. The read tables are
        // inline, so the continuous-mode skips never apply to them; IntegrityCheck reports any such event.)
        options.Projections.RebuildErrors.SkipApplyErrors = false;
        options.Projections.RebuildErrors.SkipSerializationErrors = false;
        options.Projections.RebuildErrors.SkipUnknownEvents = false;

        // Forgetting a person (GDPR erasure, Operations' UserErasure): Marten's event data masking rewrites the events of the
        // streams named with this rule, and only those (docs/privacy.md lists the personal data).
        options.Events.AddMaskingRuleForProtectedInformation<EnrollmentCreated>(e => e with { UserId = PersonalData.ErasedUserId(e.EnrollmentId) });

        options.Listeners.Add(new MetricsCommitListener());

        foreach (var table in ReadTableCatalog.For(options.DatabaseSchemaName))
        {
            options.Projections.Add(table, ProjectionLifecycle.Inline);
        }

        return options;
    }

    /// <summary>
    /// Database-per-tenant tenancy: each tenant's events and read tables live in its own database (created and migrated
    /// like a single-tenant one). <paramref name="databases"/> maps tenant id to connection string.
    /// </summary>
    public static StoreOptions UseTenantDatabases(this StoreOptions options, IReadOnlyDictionary<string, string> databases)
    {
        if (databases.Count == 0)
        {
            throw new ArgumentException("Database-per-tenant tenancy needs at least one tenant database.", nameof(databases));
        }

        options.MultiTenantedDatabases(tenants =>
        {
            foreach (var (tenantId, connectionString) in databases)
            {
                tenants.AddSingleTenantDatabase(connectionString, tenantId);
            }
        });
        return options;
    }
}
