namespace EventSourced.Host.OpenApi;

/// <summary>
/// Documents a request body that the endpoint reads itself instead of binding it (an optional body, or one whose type
/// depends on a route value), so that neither Wolverine.Http nor ApiExplorer can see it. Several types are documented as
/// <c>oneOf</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenApiRequestBodyAttribute(params Type[] types) : Attribute
{
    public IReadOnlyList<Type> Types { get; } = types;

    /// <summary>False when the caller may leave the body out entirely.</summary>
    public bool Required { get; init; } = true;

    /// <summary>True when members the types do not declare are ignored rather than refused (bodies from other systems).</summary>
    public bool AllowsUnknownMembers { get; init; }
}
