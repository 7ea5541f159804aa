using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using EventSourced.Host.Tests.Reliability;

namespace EventSourced.Host.Tests.Hostile;

/// <summary>
/// A property-based generator of hostile requests (CsCheck): from each write endpoint's valid body, one to three mutations —
/// wrong types, sizes at and over every limit, odd encodings, duplicate keys, numbers PostgreSQL cannot store, pathological
/// JSON Schemas and regular expressions with values that trigger them, missing or wrong content types, illegal route ids.
/// Unlike the catalogue of <see cref="BadBodies"/>, a mutated request may still be valid: the property is not "refused" but
/// "never a 5xx, always answered quickly, and nothing appended unless accepted".
/// </summary>
internal static class HostileMutations
{
    private const string Marker = "\"__HOSTILE__\"";

    /// <summary>A body under construction: JSON (or raw text once a textual mutation has run), the path, the content type.</summary>
    private sealed record Draft(WriteEndpoint Endpoint, string Text, string Path, string? ContentType, byte[]? Bytes, IReadOnlyList<string> Mutations)
    {
        public Draft With(string mutation, string? text = null, string? path = null, byte[]? bytes = null) =>
            this with { Text = text ?? Text, Path = path ?? Path, Bytes = bytes ?? Bytes, Mutations = [.. Mutations, mutation] };

        public HostileCase ToCase() => new(Endpoint, Mutations, Path, Bytes ?? Encoding.UTF8.GetBytes(Text), ContentType);
    }

    public static Gen<HostileCase> For(IReadOnlyList<WriteEndpoint> endpoints) =>
        from endpoint in Gen.OneOf([.. endpoints])
        from count in Gen.Int[1, 3]
        from mutations in Gen.Frequency<Func<Draft, Draft>>((6, Structural(endpoint)), (2, Textual), (1, ContentTypes), (1, Route(endpoint))).Array[count]
        select mutations.Aggregate(new Draft(endpoint, endpoint.ValidBody, endpoint.Path, "application/json", null, []), (draft, mutate) => mutate(draft)).ToCase();

    // Mutations of the JSON: a field's value replaced, a field removed or added, a key repeated.
    private static Gen<Func<Draft, Draft>> Structural(WriteEndpoint endpoint)
    {
        if (endpoint.Fields.Length == 0)
        {
            return Gen.Const<Func<Draft, Draft>>(draft => draft.With("body on a body-less operation: {\"reason\": \"x\"}", text: """{"reason": "x"}"""));
        }

        var field = Gen.OneOf(endpoint.Fields);
        return Gen.Frequency<Func<Draft, Draft>>(
            (6, from f in field from value in ValueFor(f) select (Func<Draft, Draft>)(d => Replace(d, f.Name, value.Raw, $"value: {f.Name} = {value.Name}"))),
            (1, from f in field select (Func<Draft, Draft>)(d => Edit(d, f.Name, node => node.Remove(f.Name), $"missing: {f.Name}"))),
            (1, from name in Gen.OneOf("unknownField", "__proto__", "$type", "Id", "", "constructor")
                select (Func<Draft, Draft>)(d => Edit(d, name, node => node[name] = 1, $"unknown: {name}"))),
            (2, from f in field from raw in AnyValue select (Func<Draft, Draft>)(d => DuplicateKey(d, f.Name, raw))),
            (endpoint.Fields.Any(f => f.Kind == FieldKind.Schema) && endpoint.Fields.Any(f => f.Kind == FieldKind.Config) ? 1 : 0, TriggeredPattern));
    }

    /// <summary>A catastrophic pattern in the schema and, in the defaults, a value that makes it backtrack: the hang of issue 14.</summary>
    private static readonly Gen<Func<Draft, Draft>> TriggeredPattern =
        from pattern in Gen.OneOf("^(a+)+$", "^(a|aa)+$", "^(a|a)*$")
        from length in Gen.Int[16, 60]
        from place in Gen.OneOf("pattern", "patternProperties")
        select (Func<Draft, Draft>)(draft =>
        {
            var trigger = new string('a', length) + "!";
            var (schema, defaults) = place == "pattern"
                ? ($$$$"""{"properties": {"code": {"type": "string", "pattern": "{{{{pattern}}}}"}}}""", $$"""{"code": "{{trigger}}"}""")
                : ($$$$"""{"patternProperties": {"{{{{pattern}}}}": {"type": "integer"}}}""", $$"""{"{{trigger}}": 1}""");
            var edited = Replace(draft, "configSchema", schema, $"triggered pattern: {pattern} in {place}, {length + 1} characters");
            return edited.Text.Contains("\"configSchema\"", StringComparison.Ordinal) ? Replace(edited, "defaultConfig", defaults, "triggered pattern: its default") : edited;
        });

    private static Gen<(string Name, string Raw)> ValueFor(BodyField field) => field.Kind switch
    {
        FieldKind.Schema => Gen.Frequency<(string Name, string Raw)>((3, PathologicalSchemas), (1, AnyValue)),
        FieldKind.Config => Gen.Frequency<(string Name, string Raw)>((3, Configs), (1, AnyValue)),
        _ => AnyValue,
    };

    // Declared before the generators that use it: static fields are initialized in the order they are written.
    private static readonly Gen<string> HostileText = Gen.Frequency<string>(
        (3, Gen.String[Gen.Char, 0, 40]),
        (2, Gen.OneOf("", " ", "\t\n", "a", "mentorship", "active", "approve", "kintell", "2027-01-15", "2026-11-20T10:00:00Z",
            "6c8f0a52-3f7e-4a8e-9d0b-1b2c3d4e5f60", Guid.Empty.ToString(), "' or 1=1 --", "../../etc/passwd", "<script>", "😀", "\u202E", "\uFEFF", "\u0301",
            "\uFF11", "٢٠٢٧-٠١-١٥")),
        (1, from n in Gen.OneOf(199, 200, 201, 1999, 2000, 2001, 65_536, 70_000, 1_100_000) from unit in Gen.OneOf("x", "é", "😀") select
            string.Concat(Enumerable.Repeat(unit, unit.Length == 2 ? n / 2 : n))));

    /// <summary>Any JSON value a hostile client might put anywhere.</summary>
    private static readonly Gen<(string Name, string Raw)> AnyValue = Gen.Frequency<(string Name, string Raw)>(
        (3, Gen.OneOf(
            ("number 1e1000000", "1e1000000"), ("number -1e1000000", "-1e1000000"), ("number 1e-1000000", "1e-1000000"), ("number 1e309", "1e309"),
            ("number 1e131071", "1e131071"), ("number 65 digits", new string('9', 65)), ("number 2^31", "2147483648"), ("number 2^63", "9223372036854775808"),
            ("number -0", "-0"), ("number 1.5", "1.5"), ("number -1", "-1"), ("number 0", "0"), ("number 1e2", "1e2"), ("number 100,000 digits", new string('7', 100_000)))),
        (3, from text in HostileText select ($"string {Describe(text)}", System.Text.Json.JsonSerializer.Serialize(text))),
        (1, Gen.OneOf(("escaped NUL", "\"a\\u0000b\""), ("escaped lone surrogate", "\"\\ud800\""), ("reversed surrogates", "\"\\udc00\\ud800\""))),
        (1, Gen.OneOf(("null", "null"), ("true", "true"), ("false", "false"), ("[]", "[]"), ("{}", "{}"), ("[null]", "[null]"))),
        (1, from depth in Gen.Int[1, 300] select ($"{depth} nested arrays", new string('[', depth) + new string(']', depth))),
        (1, from depth in Gen.Int[1, 300] select ($"{depth} nested objects", string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))));

    private static string Describe(string text) => text.Length > 20 ? $"of {text.Length} chars" : $"'{text}'";

    /// <summary>Configuration documents: duplicate keys, numbers out of range, deep or large, and values for the strict schema.</summary>
    private static readonly Gen<(string Name, string Raw)> Configs = Gen.OneOf<(string Name, string Raw)>(
        Gen.OneOf(
            ("duplicate section", """{"session": {"defaultDurationMinutes": 60}, "session": 1}"""),
            ("duplicate leaf", """{"session": {"defaultDurationMinutes": 60, "defaultDurationMinutes": 90}}"""),
            ("number 1e1000000", """{"session": {"defaultDurationMinutes": 1e1000000}}"""),
            ("number -1e-1000000", """{"limits": [-1e-1000000]}"""),
            ("out of the schema's range", """{"session": {"defaultDurationMinutes": 5}}"""),
            ("wrong type", """{"session": {"defaultDurationMinutes": "sixty"}}"""),
            ("not in the enum", """{"session": {"recommendedFrequency": "hourly"}}"""),
            ("empty", "{}"), ("valid", WriteEndpointCatalog.ValidConfig)),
        from size in Gen.OneOf(60_000, 66_000, 200_000) select ($"a {size}-byte note", $$"""{"note": "{{new string('n', size)}}"}"""),
        from text in HostileText select ($"a string {Describe(text)}", $$$"""{"session": {"recommendedFrequency": {{{System.Text.Json.JsonSerializer.Serialize(text)}}}}}"""));

    /// <summary>Schemas that are invalid, unresolvable, slow to evaluate, or fine — with defaults that trigger the slow ones.</summary>
    private static readonly Gen<(string Name, string Raw)> PathologicalSchemas = Gen.OneOf<(string Name, string Raw)>(
        Gen.OneOf(
            ("$ref #", """{"$ref": "#"}"""), ("allOf $ref #", """{"allOf": [{"$ref": "#"}]}"""),
            ("mutual $refs", """{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "properties": {"session": {"$ref": "#/definitions/a"}}}"""),
            ("$ref to a URL", """{"$ref": "http://169.254.169.254/latest/meta-data"}"""), ("$ref to a file", """{"$ref": "file:///etc/passwd"}"""),
            ("invalid pattern", """{"properties": {"session": {"pattern": "(["}}}"""), ("pattern on the session object", """{"properties": {"session": {"type": "object", "pattern": "^(a+)+$"}}}"""),
            ("recursive through data", """{"type": "object", "properties": {"session": {"type": "object", "properties": {"child": {"$ref": "#"}}}}}"""),
            ("huge enum", "{\"enum\": [" + string.Join(',', Enumerable.Range(0, 5000)) + "]}"),
            ("email format", """{"properties": {"session": {"properties": {"recommendedFrequency": {"format": "email"}}}}}"""),
            ("hostname format", """{"properties": {"session": {"properties": {"recommendedFrequency": {"format": "hostname"}}}}}""")),
        from pattern in Gen.OneOf("^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "(x+x+)+y", "^(\\\\w+\\\\s?)*$", "^([a-z]+)*[0-9]$")
        from place in Gen.OneOf("pattern", "patternProperties")
        select place == "pattern"
            ? ($"pattern {pattern}", $$$$$$"""{"properties": {"session": {"properties": {"recommendedFrequency": {"type": "string", "pattern": "{{{{{{pattern}}}}}}"}}}}}""")
            : ($"patternProperties {pattern}", $$$$$$"""{"properties": {"session": {"patternProperties": {"{{{{{{pattern}}}}}}": {}}}}}"""),
        from depth in Gen.Int[10, 40]
        select ($"{depth} levels of anyOf", "{\"definitions\": {" + string.Join(", ", Enumerable.Range(0, depth).Select(i =>
            $"\"d{i}\": {{\"anyOf\": [{{\"$ref\": \"#/definitions/d{i + 1}\"}}, {{\"$ref\": \"#/definitions/d{i + 1}\"}}]}}")) +
            $", \"d{depth}\": {{\"type\": \"integer\"}}}}, \"properties\": {{\"session\": {{\"$ref\": \"#/definitions/d0\"}}}}}}"));

    // Mutations of the bytes: truncation, invalid UTF-8, byte order marks, UTF-16.
    private static readonly Gen<Func<Draft, Draft>> Textual = Gen.OneOf<Func<Draft, Draft>>(
        from percent in Gen.Int[0, 99] select (Func<Draft, Draft>)(d => d.With($"truncated: at {percent} %", text: d.Text[..(d.Text.Length * percent / 100)])),
        from percent in Gen.Int[0, 100] from b in Gen.OneOf<byte>(0xFF, 0xC0, 0xED, 0x80, 0x00)
        select (Func<Draft, Draft>)(d => d.With($"invalid byte: 0x{b:X2} at {percent} %", bytes: Insert(Encoding.UTF8.GetBytes(d.Text), d.Text.Length * percent / 100, b))),
        Gen.Const<Func<Draft, Draft>>(d => d.With("encoding: UTF-8 BOM", bytes: [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(d.Text)])),
        Gen.Const<Func<Draft, Draft>>(d => d.With("encoding: UTF-16", bytes: [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(d.Text)])),
        Gen.Const<Func<Draft, Draft>>(d => d.With("empty body", text: string.Empty, bytes: [])));

    private static readonly Gen<Func<Draft, Draft>> ContentTypes =
        from declared in Gen.OneOf("(none)", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
            "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json;charset=UTF-8", "APPLICATION/JSON",
            "application/problem+json", "application/vnd.api+json", "json", "application/json, text/plain", "")
        let type = declared == "(none)" ? null : declared
        select (Func<Draft, Draft>)(d => d with { ContentType = type, Mutations = [.. d.Mutations, $"content type: {declared}"] });

    private static Gen<Func<Draft, Draft>> Route(WriteEndpoint endpoint)
    {
        var id = endpoint.Path.Split('/').FirstOrDefault(segment => Guid.TryParse(segment, out _));
        if (id is null)
        {
            return ContentTypes; // a route without an id: something else to vary
        }

        return from bad in Gen.OneOf("not-a-guid", Guid.Empty.ToString(), "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "1%20or%201%3D1", "%2500", new string('f', 300),
                "..%2F..%2Fadmin", id.ToUpperInvariant(), "%F0%9F%98%80")
            select (Func<Draft, Draft>)(d => d.With($"route id: {bad[..Math.Min(bad.Length, 20)]}", path: d.Path.Replace(id, bad, StringComparison.Ordinal)));
    }

    private static Draft Replace(Draft draft, string field, string raw, string mutation) =>
        Edit(draft, field, node => node[field] = "__HOSTILE__", mutation) is var edited && edited.Text.Contains(Marker, StringComparison.Ordinal)
            ? edited with { Text = edited.Text.Replace(Marker, raw, StringComparison.Ordinal) }
            : edited;

    /// <summary>Edits the body as a JSON object; a body that is no longer one (an earlier textual mutation) is left as it is.</summary>
    private static Draft Edit(Draft draft, string field, Action<JsonObject> edit, string mutation)
    {
        if (draft.Bytes is not null || !TryParseObject(draft.Text, out var node))
        {
            return draft.With($"{mutation} (skipped: not a JSON object)");
        }

        try
        {
            edit(node);
            return draft.With(mutation, text: node.ToJsonString());
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return draft.With($"{mutation} (skipped: {ex.GetType().Name})"); // a body an earlier mutation made too deep or ambiguous to edit
        }
    }

    /// <summary>The key written twice: once as it was, once more with another value (the body is ambiguous either way).</summary>
    private static Draft DuplicateKey(Draft draft, string field, (string Name, string Raw) value)
    {
        var text = draft.Text.TrimEnd();
        if (draft.Bytes is not null || !text.EndsWith('}') || !TryParseObject(text, out _))
        {
            return draft.With($"duplicate key: {field} (skipped: not a JSON object)");
        }

        return draft.With($"duplicate key: {field} again as {value.Name}", text: $"{text[..^1]}, \"{field}\": {value.Raw}}}");
    }

    private static bool TryParseObject(string text, out JsonObject node)
    {
        try
        {
            node = JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 }) as JsonObject ?? [];
            return node.Count > 0 || text.TrimStart().StartsWith('{');
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            node = [];
            return false;
        }
    }

    private static byte[] Insert(byte[] bytes, int at, byte value) => [.. bytes[..at], value, .. bytes[at..]];
}
