using EventSourced.Projections.Templates;
using JasperFx.Events.Projections;
using Marten;

namespace EventSourced.Projections.Registration;

/// <summary>Everything EventSourced needs from a Marten store, in one call. The one place that lists every
/// stored event name and every projection with its lifecycle.</summary>
public static class EventSourcedStoreOptions
{
    /// <summary>
    /// Registers EventSourced's events and projections. Call it after setting <see cref="StoreOptions.DatabaseSchemaName"/>:
    /// the read tables are created in that schema.
    /// </summary>
    public static StoreOptions AddEventSourced(this StoreOptions options)
    {
        // The upstream DistributedLock.Postgres the platform restores with cannot take an advisory lock through an
        // NpgsqlDataSource; a transaction-scoped lock avoids it (see README, "The DistributedLock hole").
        options.Events.UseAdvisoryLockTransaction = true;

        TemplateEventTypes.Register(options);

        // Write models: folded from their streams when a command loads them (streams are short).
        options.Projections.Add(new TemplateAggregation(), ProjectionLifecycle.Live);

        // Read tables: inline, in the same transaction as the events.
        options.Projections.Add(new ProgramTemplatesProjection(options.DatabaseSchemaName), ProjectionLifecycle.Inline);
        return options;
    }
}
