using EventSourced.Host.Tests.Templates;
using EventSourced.Operations.Repairs;
using EventSourced.Projections.Integrity;
using EventSourced.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;

namespace EventSourced.Host.Tests.Integrity;

/// <summary><c>GET /admin/integrity</c>: the check's JSON report, and the findings gauges it updates.</summary>
public sealed class IntegrityEndpointTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Reports_a_hand_edited_row_then_clean_after_the_rebuild_of_that_stream()
    {
        var template = (await fixture.Host.PostAsync("/templates", TemplateRequests.Create("integrity-endpoint"))).Template;

        var clean = await fixture.Host.GetAsync("/admin/integrity");
        clean.Status.ShouldBe(HttpStatusCode.OK);
        Json(clean).GetProperty("isClean").GetBoolean().ShouldBeTrue();

        await Sql.ExecuteAsync(fixture.ConnectionString, $"update program_templates set name = 'edited by hand' where id = '{template.Id}'");
        var drift = Json(await fixture.Host.GetAsync("/admin/integrity?table=program_templates"));

        drift.GetProperty("isClean").GetBoolean().ShouldBeFalse();
        drift.GetProperty("tables").GetArrayLength().ShouldBe(1);
        var mismatch = drift.GetProperty("tables")[0].GetProperty("mismatches").EnumerateArray().ShouldHaveSingleItem();
        mismatch.GetProperty("id").GetGuid().ShouldBe(template.Id);
        mismatch.GetProperty("column").GetString().ShouldBe("name");
        mismatch.GetProperty("expected").GetString().ShouldBe(template.Name);
        mismatch.GetProperty("actual").GetString().ShouldBe("edited by hand");
        drift.GetProperty("countsByKind").GetProperty("column-mismatch").GetInt64().ShouldBe(1);
        (await GaugeAsync("eventsourced.integrity.findings", "kind", "column-mismatch")).ShouldBe(1);

        var store = fixture.Host.Services.GetRequiredService<Marten.IDocumentStore>();
        var repair = await IntegrityRepair.RunAsync(store, new RepairOptions { OperatorId = "ops" }, fixture.Clock,
            cancellation: TestContext.Current.CancellationToken);
        repair.Reprojected.ShouldHaveSingleItem().StreamId.ShouldBe(template.Id);

        Json(await fixture.Host.GetAsync("/admin/integrity")).GetProperty("isClean").GetBoolean().ShouldBeTrue();
        (await GaugeAsync("eventsourced.integrity.findings", "kind", "column-mismatch")).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_table_is_a_400_naming_the_parameter()
    {
        var response = await fixture.Host.GetAsync("/admin/integrity?table=program_templates,no_such_table");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Problem.Errors.ShouldNotBeNull().ShouldContainKey("table");
        response.Problem.Errors!["table"].ShouldHaveSingleItem().ShouldContain("no_such_table");
    }

    private static JsonElement Json(ApiResponse response)
    {
        response.Status.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(response.Body).RootElement.Clone();
    }

    /// <summary>Reads one gauge the way an exporter would: a MeterListener collecting observable instruments.</summary>
    private Task<long?> GaugeAsync(string instrument, string tag, string value)
    {
        var meter = fixture.Host.Services.GetRequiredService<IntegrityMetrics>().Meter;
        long? observed = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, meter) && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var t in tags)
            {
                if (t.Key == tag && Equals(t.Value, value))
                {
                    observed = measurement;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return Task.FromResult(observed);
    }
}
