using NJsonSchema;

namespace EventSourced.Domain.Json;

/// <summary>
/// Finds a <c>$ref</c> that can never resolve to a schema (<c>{"$ref": "#"}</c>, or two definitions that refer to each other
/// and nothing else). NJsonSchema only notices such a cycle when validation reaches it, and then throws; a schema holding one
/// is refused when the template is created instead. Recursion through data (a property whose schema is <c>#</c>) is fine
/// and is not reported: each step consumes a level of the document.
/// </summary>
internal static class SchemaReferences
{
    public static string? FindUnresolvable(JsonSchema root)
    {
        var seen = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsonSchema>([root]);
        while (pending.TryPop(out var schema))
        {
            if (!seen.Add(schema))
            {
                continue;
            }

            try
            {
                _ = schema.ActualSchema;
            }
            catch (InvalidOperationException ex)
            {
                return $"a '$ref' never resolves to a schema ({ex.Message.TrimEnd('.')}: it refers, directly or through others, to itself)";
            }

            foreach (var child in Children(schema))
            {
                pending.Push(child);
            }
        }

        return null;
    }

    private static IEnumerable<JsonSchema> Children(JsonSchema schema)
    {
        IEnumerable<JsonSchema?> children =
        [
            schema.Reference, schema.AdditionalPropertiesSchema, schema.AdditionalItemsSchema, schema.Item, schema.Not,
            .. schema.Properties.Values, .. schema.PatternProperties.Values, .. schema.Definitions.Values,
            .. schema.Items, .. schema.AllOf, .. schema.AnyOf, .. schema.OneOf,
        ];
        return children.OfType<JsonSchema>();
    }
}
