using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventSourced.Host.Tests.Reliability;

/// <summary>One generated request: which endpoint, what kind of bad, which variant, the path and the raw bytes sent.</summary>
internal sealed record BadRequest(WriteEndpoint Endpoint, string Category, string Variant, string Path, byte[] Body)
{
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Body);
        return $"{Endpoint} [{Category}: {Variant}] {Path} body ({Body.Length} bytes): {(text.Length > 200 ? text[..200] + "…" : text)}";
    }
}

/// <summary>
/// Generates bodies that every write endpoint must refuse, deterministically (a fixed seed): invalid JSON, wrong root types,
/// wrong field types, missing and null required fields, unknown fields, huge strings and numbers, deep nesting, odd
/// unicode, invalid JSON Schemas, configurations that violate the schema, and illegal ids. A variant is only generated where
/// it is certainly wrong for that field (an optional field left out, or a valid emoji in a name, is not bad input).
/// </summary>
internal static class BadBodies
{
    public const string InvalidJson = "invalid JSON";
    public const string RootType = "wrong root type";
    public const string WrongType = "wrong type";
    public const string Missing = "missing field";
    public const string Null = "null field";
    public const string Unknown = "unknown field";
    public const string HugeString = "huge string";
    public const string HugeNumber = "huge number";
    public const string Nesting = "deep nesting";
    public const string Unicode = "odd unicode";
    public const string BadSchema = "invalid JSON Schema";
    public const string BadConfig = "schema-violating config";
    public const string IllegalId = "illegal id";
    public const string Body = "body on a body-less operation";

    private static readonly string[] Garbage =
    [
        "{", "}", "[", "{\"", "{\"a\"", "{\"a\":", "{\"a\":}", "{,}", "{\"a\":1,}", "[1,]", "{'a': 1}", "{a: 1}", "{\"a\" 1}",
        "{\"a\":1}}", "{\"a\":1} x", "nul", "tru", "NaN", "Infinity", "-Infinity", "undefined", "{\"a\": NaN}", "{\"a\": 01}",
        "{\"a\": .5}", "{\"a\": +1}", "{\"a\": 0x10}", "{\"a\": \"unterminated}", "{\"a\": \"bad \\x escape\"}", "{\"a\": \"\\u12\"}",
        "/* comment */ {}", "{\"a\": 1 // comment\n}", "<xml/>", "a=1&b=2", "\u0000", "{\"a\": \"tab\there\"}", "\"\\", "{{}}", "[[]",
    ];

    private static readonly byte[][] RawGarbage =
    [
        [0xFF, 0xFE, 0x7B, 0x7D], // a UTF-16 byte order mark
        [0x7B, 0xC3, 0x28, 0x7D], // invalid UTF-8 sequence
        [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D], // overlong encoding of '/'
        [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D], // a UTF-8-encoded surrogate
        [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22, 0x7D], // a 5-byte sequence
        [0x00, 0x00, 0x00, 0x7B],
        [0x1F, 0x8B, 0x08, 0x00], // gzip magic
    ];

    private static readonly string[] InvalidSchemas =
    [
        """{"type": "nonsense"}""", """{"type": 5}""", """{"type": ["object", 7]}""", """{"properties": []}""", """{"properties": {"a": 5}}""",
        """{"required": "a"}""", """{"required": [1]}""", """{"minimum": "a"}""", """{"maxLength": -1}""", """{"pattern": "(["}""",
        """{"$ref": "#/definitions/missing"}""", """{"items": 5}""", """{"enum": 5}""", """{"additionalProperties": 5}""",
        """{"type": "object", "properties": {"session": {"type": "integer", "minimum": "ten"}}}""", "42", "\"object\"", "[]", "true",
    ];

    /// <summary>A valid string of each token-like field's shape with an odd character inside: never a valid key, id or status.</summary>
    private static readonly string[] OddCharacters = ["\u200B", "\u202E", "\uFEFF", "\u0301", "\uFF11", "\u00A0", "😀", "\u2028"];

    public static IEnumerable<BadRequest> For(WriteEndpoint endpoint, int seed)
    {
        if (endpoint.TakesNoBody)
        {
            return ForBodiless(endpoint);
        }

        return Syntax(endpoint, seed).Concat(Roots(endpoint)).Concat(Fields(endpoint)).Concat(Unknowns(endpoint)).Concat(Nestings(endpoint));
    }

    /// <summary>Every route id that names nothing: not a GUID, the empty GUID, one that exists nowhere, injection attempts.</summary>
    public static IEnumerable<BadRequest> IllegalRouteIds(WriteEndpoint endpoint, Guid existing)
    {
        if (!endpoint.Path.Contains(existing.ToString(), StringComparison.Ordinal))
        {
            yield break;
        }

        string[] ids =
        [
            "not-a-guid", Guid.Empty.ToString(), Guid.NewGuid().ToString(), "1%20or%201%3D1", "%27%3B%20drop%20table%20mt_events%3B--",
            new string('f', 300), existing.ToString().ToUpperInvariant().Replace('-', '_'), "%2500", "..%2F..%2Fadmin", "{id}",
        ];
        foreach (var id in ids)
        {
            yield return new BadRequest(endpoint, IllegalId, $"route id {id[..Math.Min(id.Length, 40)]}",
                endpoint.Path.Replace(existing.ToString(), id, StringComparison.Ordinal), Utf8(endpoint.ValidBody));
        }
    }

    private static IEnumerable<BadRequest> ForBodiless(WriteEndpoint endpoint)
    {
        foreach (var (garbage, i) in Garbage.Select((g, i) => (g, i)))
        {
            yield return Bad(endpoint, InvalidJson, $"garbage {i}", garbage);
        }

        foreach (var (raw, i) in RawGarbage.Select((g, i) => (g, i)))
        {
            yield return new BadRequest(endpoint, InvalidJson, $"raw bytes {i}", endpoint.Path, raw);
        }

        foreach (var body in new[] { """{"reason": "x"}""", """{"version": 2}""", "[]", "42", "\"archive\"", "true", "null", """{"": null}""" })
        {
            yield return Bad(endpoint, Body, body, body);
        }

        yield return Bad(endpoint, HugeString, "1,000,000 characters", $$"""{"reason": "{{new string('x', 1_000_000)}}"}""");
        yield return Bad(endpoint, Nesting, "5,000 arrays", new string('[', 5000) + new string(']', 5000));
    }

    private static IEnumerable<BadRequest> Syntax(WriteEndpoint endpoint, int seed)
    {
        foreach (var (garbage, i) in Garbage.Select((g, i) => (g, i)))
        {
            yield return Bad(endpoint, InvalidJson, $"garbage {i}", garbage);
        }

        foreach (var (raw, i) in RawGarbage.Select((g, i) => (g, i)))
        {
            yield return new BadRequest(endpoint, InvalidJson, $"raw bytes {i}", endpoint.Path, raw);
        }

        if (!endpoint.BodyOptional)
        {
            yield return Bad(endpoint, InvalidJson, "empty body", "");
            yield return Bad(endpoint, InvalidJson, "whitespace", "  \n\t ");
        }

        yield return new BadRequest(endpoint, InvalidJson, "valid body behind a UTF-16 BOM", endpoint.Path,
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(endpoint.ValidBody)]);

        // The valid body cut short at 49 places, and garbled at 550 (a character deleted, doubled, replaced or swapped):
        // whatever still parses as JSON is dropped, since it may be valid.
        var valid = endpoint.ValidBody;
        foreach (var (cut, k) in Enumerable.Range(1, 49).Select(k => (valid[..(valid.Length * k / 50)], k)).DistinctBy(c => c.Item1))
        {
            if (cut.Trim().Length > 0) // an empty body is a variant of its own
            {
                yield return Bad(endpoint, InvalidJson, $"cut at {k}/50", cut);
            }
        }

        var random = new Random(seed);
        const string noise = "{}[]\",:\\ 0aeE-+.tnfl\u0000\u00e9";
        for (var k = 0; k < 550; k++)
        {
            var at = random.Next(valid.Length);
            var garbled = random.Next(4) switch
            {
                0 => valid.Remove(at, 1),
                1 => valid.Insert(at, valid[at].ToString()),
                2 => valid.Remove(at, 1).Insert(at, noise[random.Next(noise.Length)].ToString()),
                _ => at + 1 < valid.Length ? valid.Remove(at, 2).Insert(at, $"{valid[at + 1]}{valid[at]}") : valid + "}",
            };
            if (!ParsesAsJson(garbled))
            {
                yield return Bad(endpoint, InvalidJson, $"garbled {k} at {at}", garbled);
            }
        }
    }

    private static IEnumerable<BadRequest> Roots(WriteEndpoint endpoint)
    {
        foreach (var root in new[] { "[]", "[{}]", "42", "-1.5e300", "\"body\"", "true", "false", "null", $"[{endpoint.ValidBody}]" })
        {
            yield return Bad(endpoint, RootType, root.Length > 30 ? "the valid body in an array" : root, root);
        }

        if (endpoint.Fields.Any(f => f.Required))
        {
            yield return Bad(endpoint, Missing, "{}", "{}");
        }
    }

    private static IEnumerable<BadRequest> Fields(WriteEndpoint endpoint)
    {
        foreach (var field in endpoint.Fields)
        {
            foreach (var (variant, value) in WrongTypes(field.Kind))
            {
                yield return With(endpoint, field, WrongType, variant, value);
            }

            if (field.Required)
            {
                yield return Bad(endpoint, Missing, field.Name, Without(endpoint.ValidBody, field.Name));
                yield return With(endpoint, field, Null, "null", null);
                if (field.Kind is FieldKind.Text or FieldKind.Token)
                {
                    yield return With(endpoint, field, Missing, "empty string", JsonValue.Create(""));
                    yield return With(endpoint, field, Missing, "blank string", JsonValue.Create("   \t"));
                }
            }

            foreach (var (category, variant, raw) in Hostile(field, endpoint.ValidBody))
            {
                yield return Bad(endpoint, category, variant, ReplaceRaw(endpoint.ValidBody, field.Name, raw), field.Name);
            }
        }
    }

    private static IEnumerable<BadRequest> Unknowns(WriteEndpoint endpoint)
    {
        if (endpoint.ExtraFieldsAllowed)
        {
            yield break;
        }

        foreach (var (name, value) in new[] { ("unknownField", "1"), ("__proto__", "{}"), ("$type", "\"System.Object\""), ("Id", $"\"{Guid.NewGuid()}\""), ("", "null") })
        {
            var node = JsonNode.Parse(endpoint.ValidBody)!.AsObject();
            node[name] = JsonNode.Parse(value);
            yield return Bad(endpoint, Unknown, name.Length == 0 ? "(empty name)" : name, node.ToJsonString());
        }

        // A known field named twice, once as a wrong value: the last one wins in System.Text.Json, and is wrong.
        if (endpoint.Fields.FirstOrDefault() is { } first)
        {
            yield return Bad(endpoint, Unknown, $"{first.Name} twice",
                endpoint.ValidBody.TrimEnd().TrimEnd('}') + $", \"{first.Name}\": [[[]]]}}");
        }
    }

    private static IEnumerable<BadRequest> Nestings(WriteEndpoint endpoint)
    {
        yield return Bad(endpoint, Nesting, "5,000 arrays as the body", new string('[', 5000) + new string(']', 5000));
        yield return Bad(endpoint, Nesting, "5,000 objects as the body", string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000));
        yield return Bad(endpoint, Nesting, "100,000 unclosed arrays", new string('[', 100_000));
        foreach (var field in endpoint.Fields)
        {
            yield return Bad(endpoint, Nesting, $"{field.Name}: 1,000 arrays", ReplaceRaw(endpoint.ValidBody, field.Name, new string('[', 1000) + new string(']', 1000)));
            yield return Bad(endpoint, Nesting, $"{field.Name}: 1,000 objects",
                ReplaceRaw(endpoint.ValidBody, field.Name, string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)));
        }
    }

    /// <summary>Values no field of <paramref name="kind"/> can take.</summary>
    private static IEnumerable<(string Variant, JsonNode? Value)> WrongTypes(FieldKind kind)
    {
        JsonNode? Json(string json) => JsonNode.Parse(json);
        var text = new[] { ("number", Json("42")), ("boolean", Json("true")), ("array", Json("[\"a\"]")), ("object", Json("{\"a\": \"b\"}")) };
        return kind switch
        {
            FieldKind.Text or FieldKind.Token => text,
            FieldKind.Integer => [("string", Json("\"5\"")), ("fraction", Json("1.5")), ("boolean", Json("true")), ("array", Json("[5]")),
                ("object", Json("{\"value\": 5}")), ("exponent", Json("1e2"))],
            FieldKind.Boolean => [("string", Json("\"true\"")), ("number", Json("1")), ("array", Json("[true]")), ("object", Json("{}"))],
            FieldKind.Guid => [("not a GUID", Json("\"template-uuid\"")), ("number", Json("42")), ("array", Json("[]")), ("object", Json("{}")),
                ("GUID without a digit", Json("\"3f2504e0-4f89-11d3-9a0c-0305e82c330\"")), ("GUID in braces with junk", Json("\"{3f2504e0-4f89-11d3-9a0c-0305e82c3301}x\""))],
            FieldKind.Date => [("not a date", Json("\"next tuesday\"")), ("month 13", Json("\"2027-13-01\"")), ("February 30", Json("\"2027-02-30\"")),
                ("number", Json("20270115")), ("date-time", Json("\"2027-01-15T00:00:00Z\""))],
            FieldKind.DateTime => [("not a time", Json("\"yesterday\"")), ("hour 25", Json("\"2026-11-20T25:00:00Z\"")), ("number", Json("1700000000")),
                ("array", Json("[]"))],
            FieldKind.TextList => [("string", Json("\"a\"")), ("numbers", Json("[1, 2]")), ("nested", Json("[[\"a\"]]")), ("object", Json("{}"))],
            FieldKind.IntegerList => [("string", Json("\"4\"")), ("strings", Json("[\"4\"]")), ("fractions", Json("[4.5]")), ("object", Json("{\"4\": true}"))],
            FieldKind.Object => [("string", Json("\"25000 EUR\"")), ("number", Json("25000")), ("array", Json("[25000, \"EUR\"]"))],
            FieldKind.Config => [("number", Json("42")), ("string", Json("\"{}\"")), ("array", Json("[]")), ("boolean", Json("true"))],
            _ => [],
        };
    }

    /// <summary>Huge, odd-unicode, schema and config variants of one field, as raw JSON text to put in its place.</summary>
    private static IEnumerable<(string Category, string Variant, string Raw)> Hostile(BodyField field, string validBody)
    {
        var current = JsonNode.Parse(validBody)![field.Name];
        switch (field.Kind)
        {
            case FieldKind.Text or FieldKind.Token:
                yield return (HugeString, $"{field.Name}: 100,000 characters", $"\"{new string('x', 100_000)}\"");
                yield return (HugeString, $"{field.Name}: 1,000,000 characters", $"\"{new string('é', 1_000_000)}\"");
                yield return (Unicode, $"{field.Name}: NUL", "\"a\\u0000b\"");
                yield return (Unicode, $"{field.Name}: lone high surrogate", "\"a\\ud800b\"");
                yield return (Unicode, $"{field.Name}: lone low surrogate", "\"\\udc00\"");
                yield return (Unicode, $"{field.Name}: reversed surrogates", "\"\\ude00\\ud83d\"");
                if (field.Kind == FieldKind.Token && current?.GetValue<string>() is { } token)
                {
                    foreach (var odd in OddCharacters)
                    {
                        yield return (Unicode, $"{field.Name}: U+{char.ConvertToUtf32(odd, 0):X4} inside", JsonSerializer.Serialize(token[..1] + odd + token[1..]));
                    }
                }

                break;
            case FieldKind.Integer:
                foreach (var huge in new[] { "1e400", "2147483648", "-2147483649", "99999999999999999999999999999", "9223372036854775808", "-1e-400" })
                {
                    yield return (HugeNumber, $"{field.Name}: {huge}", huge);
                }

                yield return (HugeNumber, $"{field.Name}: 100,000 digits", new string('9', 100_000));
                break;
            case FieldKind.Guid:
                yield return (IllegalId, $"{field.Name}: empty GUID", $"\"{Guid.Empty}\"");
                if (field.References)
                {
                    yield return (IllegalId, $"{field.Name}: exists nowhere", $"\"{Guid.NewGuid()}\"");
                }

                yield return (Unicode, $"{field.Name}: fullwidth digits", JsonSerializer.Serialize("\uFF13" + Guid.NewGuid().ToString()[1..]));
                yield return (HugeString, $"{field.Name}: 100,000 characters", $"\"{new string('0', 100_000)}\"");
                break;
            case FieldKind.Date or FieldKind.DateTime:
                yield return (Unicode, $"{field.Name}: Arabic-Indic digits", "\"٢٠٢٧-٠١-١٥\"");
                yield return (HugeNumber, $"{field.Name}: year 10000", field.Kind == FieldKind.Date ? "\"10000-01-01\"" : "\"10000-01-01T00:00:00Z\"");
                break;
            case FieldKind.TextList:
                yield return (HugeString, $"{field.Name}: 10,000 entries", "[" + string.Join(',', Enumerable.Repeat("\"t\"", 10_000)) + "]");
                yield return (HugeString, $"{field.Name}: one 100,000-character entry", $"[\"{new string('t', 100_000)}\"]");
                yield return (Unicode, $"{field.Name}: NUL in an entry", "[\"a\\u0000\"]");
                break;
            case FieldKind.IntegerList:
                yield return (HugeNumber, $"{field.Name}: 1e400", "[1e400]");
                yield return (HugeNumber, $"{field.Name}: out of range", "[2147483648]");
                yield return (HugeString, $"{field.Name}: 10,000 entries", "[" + string.Join(',', Enumerable.Repeat("4", 10_000)) + "]");
                break;
            case FieldKind.Schema:
                foreach (var (schema, i) in InvalidSchemas.Select((s, i) => (s, i)))
                {
                    yield return (BadSchema, $"{field.Name}: {schema}", schema);
                }

                break;
            case FieldKind.Config:
                foreach (var config in new[]
                         {
                             """{"session": {"defaultDurationMinutes": "sixty"}}""", """{"session": {"defaultDurationMinutes": 5}}""",
                             """{"session": {"defaultDurationMinutes": 100000}}""", """{"session": {"defaultDurationMinutes": 1e400}}""",
                             """{"session": "weekly"}""", """{"session": {"recommendedFrequency": "hourly"}}""",
                             """{"session": {"defaultDurationMinutes": 60, "unknownSetting": true}}""", """{"notASection": {}}""",
                             """{"session": {"defaultDurationMinutes": "\u0000"}}""",
                         })
                {
                    yield return (BadConfig, $"{field.Name}: {config}", config);
                }

                break;
        }
    }

    private static BadRequest With(WriteEndpoint endpoint, BodyField field, string category, string variant, JsonNode? value)
    {
        var node = JsonNode.Parse(endpoint.ValidBody)!.AsObject();
        node[field.Name] = value;
        return Bad(endpoint, category, $"{field.Name}: {variant}", node.ToJsonString());
    }

    private static BadRequest Bad(WriteEndpoint endpoint, string category, string variant, string body, string? field = null) =>
        new(endpoint, category, field is null || variant.StartsWith(field, StringComparison.Ordinal) ? variant : $"{field}: {variant}", endpoint.Path, Utf8(body));

    private static string Without(string body, string field)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node.Remove(field);
        return node.ToJsonString();
    }

    /// <summary>The body with <paramref name="field"/>'s value replaced by raw JSON text (which need not be valid).</summary>
    private static string ReplaceRaw(string body, string field, string raw)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        const string marker = "\"__REPLACE_ME__\"";
        node[field] = "__REPLACE_ME__";
        return node.ToJsonString().Replace(marker, raw, StringComparison.Ordinal);
    }

    private static bool ParsesAsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
