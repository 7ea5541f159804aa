using EventSourced.Bench.Measuring;
using EventSourced.Bench.Reporting;
using EventSourced.Bench.Seeding;
using EventSourced.Domain.Campaigns.Commands;
using EventSourced.Domain.Campaigns.Events;
using EventSourced.Domain.Enrollments;
using EventSourced.Domain.Enrollments.Commands;
using EventSourced.Domain.Enrollments.Events;
using EventSourced.Handlers.Commands;
using EventSourced.Handlers.Enrollments;
using Marten;
using Npgsql;
using System.Text.Json;
using Weasel.Core;

namespace EventSourced.Bench.Scenarios;

/// <summary>
/// 1. The command path: real commands through Wolverine (IMessageBus.InvokeAsync, in process: validation, load, decide,
/// append, inline projections, commit) against (a) a second Marten store (own schema, same event types, no projections)
/// appending the same events, and (b) the seed systems' dual write in plain SQL. Same worker count for all three; the
/// variants take turns (two rounds, the second in reverse order) so a noisy neighbour hurts them alike.
/// </summary>
public static class CommandScenario
{
    private const string Section = "1. Command path";
    private const string RawSchema = "bench_raw";
    private const string DualSchema = "bench_dual";
    private static readonly string[] Categories = ["mentorship", "upskilling", "buddy"];

    public static async Task RunAsync(BenchContext context)
    {
        var events = await context.EventCountAsync();
        var seeder = context.Seeder;
        var open = seeder.OpenCampaigns;
        var run = Interlocked.Increment(ref _runs); // ids stay unique when the scenario runs again at the next size

        await using var raw = await RawStoreAsync(context.HostConnection, open);
        await using var dual = await DualWriteAsync(context);
        var bus = context.Host.Bus;

        var enroll = new Variants(
            new Measurement("Wolverine + inline projections"),
            new Measurement("(a) raw Marten append, no projection"),
            new Measurement("(b) plain-SQL dual write"));
        await RunVariantsAsync(context, enroll,
            async i =>
            {
                var result = await bus.InvokeAsync<EnrollmentResult>(Enroll($"real-{run}", i));
                return result.Outcome == EnrollmentOutcome.Created;
            },
            async i =>
            {
                await using var session = raw.LightweightSession();
                var e = EnrollmentEvent(seeder, $"raw-{run}", i);
                session.Events.StartStream<EnrollmentState>(e.EnrollmentId, e);
                await session.SaveChangesAsync();
                return true;
            },
            i => DualWriteEnrollAsync(dual, Enroll($"dual-{run}", i)));
        Report(context, events, "enroll-user (EnrollUser, program lookup)", enroll);

        var probability = new Variants(
            new Measurement("Wolverine + inline projections"),
            new Measurement("(a) raw Marten append, no projection"),
            new Measurement("(b) plain-SQL dual write"));
        await RunVariantsAsync(context, probability,
            async i =>
            {
                var (campaign, to) = ProbabilityChange(open, i);
                var result = await bus.InvokeAsync<CommandResult>(new SetCampaignProbability(campaign.Id, to));
                return result.IsAccepted;
            },
            async i =>
            {
                var (campaign, to) = ProbabilityChange(open, i);
                await using var session = raw.LightweightSession();
                session.Events.Append(campaign.Id, new CampaignProbabilityChanged(campaign.Id, 0, to, DateTimeOffset.UtcNow));
                await session.SaveChangesAsync();
                return true;
            },
            i => DualWriteProbabilityAsync(dual, ProbabilityChange(open, i)));
        Report(context, events, "set-probability (SetCampaignProbability, below 90 %)", probability);
    }

    private static int _runs;

    private sealed record Variants(Measurement Real, Measurement Raw, Measurement Dual);

    private static async Task RunVariantsAsync(BenchContext context, Variants variants, Func<int, Task<bool>> real, Func<int, Task<bool>> raw,
        Func<int, Task<bool>> dual)
    {
        var (workers, ops) = (context.Options.Workers, context.Options.Ops);
        var warmup = Math.Max(ops / 10, workers * 4);
        var round = ops / 2;
        var all = new[] { (variants.Real, real), (variants.Raw, raw), (variants.Dual, dual) };
        foreach (var (measurement, operation) in all)
        {
            await LoadRunner.RunAsync(new Measurement("warm-up"), warmup, workers, 0, operation);
        }

        foreach (var (measurement, operation) in all)
        {
            await LoadRunner.RunAsync(measurement, round, workers, warmup, operation);
        }

        foreach (var (measurement, operation) in all.Reverse())
        {
            await LoadRunner.RunAsync(measurement, ops - round, workers, warmup + round, operation);
        }
    }

    private static void Report(BenchContext context, long events, string command, Variants v)
    {
        var workers = context.Options.Workers;
        foreach (var baseline in new[] { v.Raw, v.Dual })
        {
            var ratio = v.Real.PerSecond / baseline.PerSecond;
            context.Results.Add(new ResultRow(Section, events, $"{command}, {workers} workers: {v.Real.Name}", v.Real.Describe(),
                $"{baseline.Name}: {baseline.Describe()}", ratio, "≥ 0.5× throughput", ratio >= 0.5));
        }

        foreach (var m in new[] { v.Real, v.Raw, v.Dual })
        {
            context.Results.Note($"{command} / {m.Name}: {m.Count} ops in {m.Elapsed.TotalSeconds:F1} s, this process {m.ProcessCpu.TotalMilliseconds / m.Count:F2} ms CPU per op" +
                (m.MachineBusy is { } busy ? $", machine CPU {busy:P0} busy" : string.Empty));
        }
    }

    private static EnrollUser Enroll(string variant, int i) =>
        new(SourceSystems.Kintell, $"cmd-{variant}-{i}", $"cmd-user-{variant}-{i}", Seeder.Companies[i % Seeder.Companies.Count],
            Categories[i % Categories.Length], DateTimeOffset.UtcNow);

    // The event the handler would decide for a user of a seeded program (the raw store only appends it).
    private static EnrollmentCreated EnrollmentEvent(Seeder seeder, string variant, int i)
    {
        var command = Enroll(variant, i);
        var id = EnrollmentIds.ForExternalEvent(command.SourceSystem!, command.ExternalEventId!);
        var program = seeder.Programs[i % seeder.Programs.Count];
        var campaign = program.Campaigns.FirstOrDefault();
        var now = DateTimeOffset.UtcNow;
        return new EnrollmentCreated(id, command.UserId!, command.CompanyId, program.Template.Category, program.Id, campaign?.Id, program.Group,
            command.SourceSystem!, command.ExternalEventId!, now, now);
    }

    // Campaign i mod n, visited again every n operations with a value 37 apart (mod 79) from the last one: always a change, below 90.
    private static (SeedCampaign Campaign, int To) ProbabilityChange(IReadOnlyList<SeedCampaign> open, int i) =>
        (open[i % open.Count], 10 + ((((i / open.Count) * 37) + ((i % open.Count) * 11)) % 79));

    private static async Task<DocumentStore> RawStoreAsync(string connectionString, IReadOnlyList<SeedCampaign> open)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = RawSchema;
            options.Events.UseAdvisoryLockTransaction = true; // as the real store
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
            options.Events.MapEventType<EnrollmentCreated>("enrollment_created.v1");
            options.Events.MapEventType<CampaignProbabilityChanged>("campaign_probability_changed.v1");
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        // The campaign streams exist, as they do in the real store (Append starts those a previous size did not).
        foreach (var chunk in open.Chunk(500))
        {
            await using var session = store.LightweightSession();
            foreach (var c in chunk)
            {
                session.Events.Append(c.Id, new CampaignProbabilityChanged(c.Id, 0, c.Probability, DateTimeOffset.UtcNow));
            }

            await session.SaveChangesAsync();
        }

        return store;
    }

    /// <summary>The dual-write system's tables: copies of the read tables (same columns, indexes and rows, plus the company index its
    /// tenant-less lookup needs) and an events table.</summary>
    private static async Task<NpgsqlDataSource> DualWriteAsync(BenchContext context)
    {
        await context.ExecuteAsync(
            $"drop schema if exists {DualSchema} cascade; create schema {DualSchema}; " +
            string.Join(' ', new[] { "programs", "program_campaigns", "program_enrollments" }.Select(t =>
                $"create table {DualSchema}.{t} (like public.{t} including all); insert into {DualSchema}.{t} select * from public.{t};")) +
            $"create table {DualSchema}.events (seq_id bigserial primary key, stream_id uuid not null, type text not null, data jsonb not null, " +
            "created_at timestamptz not null default now()); " +
            // Its lookup has no tenant column, so it gets the company index that fits it (the copied one leads with tenant_id).
            $"create index on {DualSchema}.program_campaigns (company_id, created_at, id); " +
            $"create index on {DualSchema}.events (stream_id); analyze {DualSchema}.programs; analyze {DualSchema}.program_campaigns; " +
            $"analyze {DualSchema}.program_enrollments;");
        return NpgsqlDataSource.Create(context.HostConnection);
    }

    /// <summary>
    /// What the seed system's enrollment handler does, in one transaction: find the program context (a campaign of the
    /// company for an active program of the type, else the type's oldest active program), check the user is not already
    /// active in it, insert the event row and the enrollment row.
    /// </summary>
    private static async Task<bool> DualWriteEnrollAsync(NpgsqlDataSource dual, EnrollUser command)
    {
        await using var connection = await dual.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Guid? programId = null, campaignId = null, groupId = null;
        await using (var lookup = new NpgsqlCommand(
            $"select p.id, p.beneficiary_group_id, c.id from {DualSchema}.program_campaigns c join {DualSchema}.programs p on p.id = c.program_id " +
            "where c.company_id = $1 and p.program_type = $2 and p.status = 'active' and c.status in ('won', 'active') order by c.created_at, c.id limit 1",
            connection, transaction))
        {
            lookup.Parameters.Add(new NpgsqlParameter { Value = command.CompanyId!.Value });
            lookup.Parameters.Add(new NpgsqlParameter { Value = command.ProgramType! });
            await using var reader = await lookup.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                (programId, groupId, campaignId) = (reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2));
            }
        }

        if (programId is null)
        {
            await using var fallback = new NpgsqlCommand(
                $"select id, beneficiary_group_id from {DualSchema}.programs where program_type = $1 and status = 'active' order by created_at, id limit 1",
                connection, transaction);
            fallback.Parameters.Add(new NpgsqlParameter { Value = command.ProgramType! });
            await using var reader = await fallback.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                (programId, groupId) = (reader.GetGuid(0), reader.GetGuid(1));
            }
        }

        if (programId is not null)
        {
            await using var active = new NpgsqlCommand(
                $"select id from {DualSchema}.program_enrollments where user_id = $1 and program_id = $2 and status = 'active'", connection, transaction);
            active.Parameters.Add(new NpgsqlParameter { Value = command.UserId! });
            active.Parameters.Add(new NpgsqlParameter { Value = programId.Value });
            if (await active.ExecuteScalarAsync() is not null)
            {
                return false;
            }
        }

        var id = EnrollmentIds.ForExternalEvent(command.SourceSystem!, command.ExternalEventId!);
        var now = DateTimeOffset.UtcNow;
        var created = new EnrollmentCreated(id, command.UserId!, command.CompanyId, command.ProgramType!, programId, campaignId, groupId,
            command.SourceSystem!, command.ExternalEventId!, command.OccurredAt!.Value, now);
        await InsertEventAsync(connection, transaction, id, "enrollment_created", created);
        await using (var insert = new NpgsqlCommand(
            $"insert into {DualSchema}.program_enrollments (id, user_id, company_id, program_type, program_id, campaign_id, beneficiary_group_id, " +
            "source_system, external_event_id, status, occurred_at, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $11, $11)",
            connection, transaction))
        {
            foreach (var value in new object?[] { id, created.UserId, created.CompanyId, created.ProgramType, created.ProgramId, created.CampaignId,
                         created.BeneficiaryGroupId, created.SourceSystem, created.ExternalEventId, created.OccurredAt, created.CreatedAt })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <summary>What the seed system's campaign update does, in one transaction: read the campaign's probability (locked, to
    /// decide whether 90 % is crossed), update it, insert the event row.</summary>
    private static async Task<bool> DualWriteProbabilityAsync(NpgsqlDataSource dual, (SeedCampaign Campaign, int To) change)
    {
        var (campaign, to) = change;
        await using var connection = await dual.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        int from;
        await using (var read = new NpgsqlCommand(
            $"select probability from {DualSchema}.program_campaigns where id = $1 for update", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = campaign.Id });
            from = (int)(await read.ExecuteScalarAsync())!;
        }

        var now = DateTimeOffset.UtcNow;
        await using (var update = new NpgsqlCommand(
            $"update {DualSchema}.program_campaigns set probability = $2, updated_at = $3 where id = $1", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = campaign.Id });
            update.Parameters.Add(new NpgsqlParameter { Value = to });
            update.Parameters.Add(new NpgsqlParameter { Value = now });
            await update.ExecuteNonQueryAsync();
        }

        await InsertEventAsync(connection, transaction, campaign.Id, "campaign_probability_changed", new CampaignProbabilityChanged(campaign.Id, from, to, now));
        await transaction.CommitAsync();
        return true;
    }

    private static async Task InsertEventAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid streamId, string type, T data)
    {
        await using var insert = new NpgsqlCommand(
            $"insert into {DualSchema}.events (stream_id, type, data) values ($1, $2, $3::jsonb)", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = streamId });
        insert.Parameters.Add(new NpgsqlParameter { Value = type });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(data) });
        await insert.ExecuteNonQueryAsync();
    }
}
