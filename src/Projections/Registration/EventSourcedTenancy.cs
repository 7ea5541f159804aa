namespace EventSourced.Projections.Registration;

/// <summary>How a store keeps its tenants (organisations) apart. Every read table has a <c>tenant_id</c> column in every mode,
/// so the SQL is the same in all three.</summary>
public enum EventSourcedTenancy
{
    /// <summary>One tenant, Marten's default (<c>*DEFAULT*</c>): the zero-configuration default.</summary>
    None,

    /// <summary>Tenants share one database: every event, stream and read-table row carries its tenant (Marten's conjoined
    /// tenancy); every session is opened for one tenant and sees only its rows.</summary>
    Conjoined,

    /// <summary>A database per tenant (<see cref="EventSourcedStoreOptions.UseTenantDatabases"/>): Marten routes each session to
    /// its tenant's database.</summary>
    Database,
}
