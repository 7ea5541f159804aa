using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EventSourced.Testing;

namespace EventSourced.Host.Tests.Docs;

/// <summary>
/// docs/http-api.md's list of operations is generated from the OpenAPI document the host serves, so it cannot drift: this
/// test fails when the two differ. After changing an endpoint, regenerate it with
/// <c>EVENTSOURCED_UPDATE_DOCS=1 dotnet test --project tests/EventSourced.Host.Tests -- --filter-class "*HttpApiReferenceTests"</c>.
/// </summary>
public sealed class HttpApiReferenceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Start = "<!-- operations:start -->";
    private const string End = "<!-- operations:end -->";

    [Fact]
    public async Task The_operations_in_the_http_reference_are_the_ones_the_openapi_document_describes()
    {
        var response = await fixture.Host.GetAsync("/openapi/v1.json");
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        var generated = Section(JsonNode.Parse(response.Body)!);

        var path = Path.Combine(DotnetProcess.RepositoryRoot, "docs", "http-api.md");
        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var (from, to) = (text.IndexOf(Start, StringComparison.Ordinal), text.IndexOf(End, StringComparison.Ordinal));
        from.ShouldBeGreaterThan(0, "docs/http-api.md marks its generated section");
        var current = text[(from + Start.Length)..to];
        if (Environment.GetEnvironmentVariable("EVENTSOURCED_UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, text[..(from + Start.Length)] + generated + text[to..], TestContext.Current.CancellationToken);
            return;
        }

        current.ShouldBe(generated, "docs/http-api.md is out of date: regenerate it (see this test's summary)");
    }

    private static string Section(JsonNode document)
    {
        var lines = new StringBuilder("\n| Operation | What it does | Body | Answers |\n|---|---|---|---|\n");
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(op => op.Key is "get" or "post" or "put" or "delete" or "patch")
                .Select(op => (Path: path.Key, Method: op.Key.ToUpperInvariant(), Operation: op.Value!.AsObject())))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal);
        foreach (var (path, method, operation) in operations)
        {
            var summary = (operation["description"] ?? operation["summary"])?.GetValue<string>()?.Replace("|", "\\|", StringComparison.Ordinal) ?? "";
            var body = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? $"`{SchemaName(schema)}`" : "";
            var answers = string.Join(" · ", operation["responses"]!.AsObject().OrderBy(r => r.Key, StringComparer.Ordinal).Select(r =>
                r.Value!["content"]?.AsObject().FirstOrDefault() is { Value: { } content } && content["schema"] is { } answer
                    ? $"{r.Key} `{SchemaName(answer)}`"
                    : r.Key));
            lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{method} {path}` | {summary} | {body} | {answers} |\n");
        }

        return lines.ToString();
    }

    private static string SchemaName(JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? reference[(reference.LastIndexOf('/') + 1)..]
        : schema["type"]?.ToString() == "array" && schema["items"] is { } items ? $"{SchemaName(items)}[]"
        : schema["oneOf"] is JsonArray alternatives ? string.Join(" or ", alternatives.Select(a => SchemaName(a!)))
        : schema["type"]?.ToString() ?? "object";
}
