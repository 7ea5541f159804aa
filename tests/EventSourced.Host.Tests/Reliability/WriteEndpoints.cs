namespace EventSourced.Host.Tests.Reliability;

/// <summary>What a body field holds, which decides what is certainly wrong for it.</summary>
internal enum FieldKind
{
    /// <summary>Free text with a length limit (names, descriptions, reviewer ids).</summary>
    Text,

    /// <summary>Text with a format: keys, slugs, enum names (status, action, source system).</summary>
    Token,
    Integer,
    Boolean,
    Guid,
    Date,
    DateTime,

    /// <summary>A configuration object (defaults, overrides), checked against the template's JSON Schema.</summary>
    Config,

    /// <summary>A JSON Schema.</summary>
    Schema,
    TextList,
    IntegerList,

    /// <summary>An object with fields of its own (a budget).</summary>
    Object,
}

/// <param name="References">For a GUID: it names one of this service's resources (so an id that exists nowhere is bad input),
/// not an outside one (a company).</param>
internal sealed record BodyField(string Name, FieldKind Kind, bool Required = false, bool References = true);

/// <summary>
/// One write endpoint as the bad-input suite drives it: the route it is known by in the OpenAPI document, the path with
/// the id of a real resource, a body it would accept, and its fields.
/// </summary>
/// <param name="TakesNoBody">The operation reads no body: any non-empty body is bad input.</param>
/// <param name="ExtraFieldsAllowed">Unknown members are ignored by design (producers' external events).</param>
/// <param name="BodyOptional">No body at all is a valid request (<c>POST /templates/{id}/publish</c>).</param>
internal sealed record WriteEndpoint(string Method, string Route, string Path, string ValidBody, BodyField[] Fields,
    bool TakesNoBody = false, bool ExtraFieldsAllowed = false, bool BodyOptional = false)
{
    public override string ToString() => $"{Method} {Route}";
}
