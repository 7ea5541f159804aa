using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventSourced.Host.OpenApi;

/// <summary>
/// Corrections to the document that Microsoft.AspNetCore.OpenApi builds from Wolverine.Http's endpoint metadata. The
/// resource endpoints return typed answers (<c>Http/Answers</c>: <c>Found&lt;T&gt;</c>, <c>Changed&lt;T&gt;</c>,
/// <c>Created&lt;T&gt;</c>…) whose types declare their responses; the lists and the operational endpoints declare theirs with
/// <c>[ProducesResponseType]</c>, and for those Wolverine.Http also guesses "200 with the return type" plus a bodiless 404:
/// the guesses are dropped here, and so is the schema of <see cref="IResult"/> itself. Also: bodies an endpoint reads itself
/// (<see cref="OpenApiRequestBodyAttribute"/>), descriptions from the methods' doc comments, and problem details that
/// admit their extension members.
/// </summary>
public static class EventSourcedOpenApi
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer(DropGuessedResponsesAsync);
        options.AddOperationTransformer(AddUnboundRequestBodyAsync);
        options.AddOperationTransformer(DescribeFromDocumentationAsync);
        options.AddSchemaTransformer(AllowProblemExtensionsAsync);
        options.AddDocumentTransformer(DropResultSchemaAsync);
        BearerSecurity.Configure(options);
        OperationalEndpoints.Configure(options);
    }

    private static Task DropGuessedResponsesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        if (operation.Responses is not { } responses)
        {
            return Task.CompletedTask;
        }

        foreach (var response in context.Description.SupportedResponseTypes)
        {
            var code = response.StatusCode.ToString(CultureInfo.InvariantCulture);
            // "200 IResult" is Wolverine's reading of the return type; "404" without a body is its default for every endpoint.
            // A 404 an endpoint can really return is declared with its problem details.
            if (IsResult(response.Type) || (response.StatusCode == StatusCodes.Status404NotFound && response.Type is null))
            {
                responses.Remove(code);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task AddUnboundRequestBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellation)
    {
        if (operation.RequestBody is OpenApiRequestBody bound && context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
        {
            bound.Required = true; // a missing body (or the literal null) is refused with a 400
            return;
        }

        if (operation.RequestBody is not null || MethodOf(context)?.GetCustomAttribute<OpenApiRequestBodyAttribute>() is not { } body)
        {
            return;
        }

        // Registered as components, like the bodies that Wolverine.Http binds, so clients get named types.
        var document = context.Document;
        var schemas = new List<IOpenApiSchema>();
        foreach (var type in body.Types)
        {
            var schema = await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellation);
            if (body.AllowsUnknownMembers && schema is OpenApiSchema open)
            {
                open.AdditionalProperties = null;
                open.AdditionalPropertiesAllowed = true;
            }

            if (document is null)
            {
                schemas.Add(schema);
                continue;
            }

            if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
            {
                document.AddComponent(type.Name, schema);
            }

            schemas.Add(new OpenApiSchemaReference(type.Name, document));
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = body.Required,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = schemas.Count == 1 ? schemas[0] : new OpenApiSchema { OneOf = schemas } },
            },
        };
    }

    // Wolverine.Http repeats the operation id as summary and description; the method's doc comment says more.
    private static Task DescribeFromDocumentationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellation)
    {
        if (operation.Summary == operation.OperationId)
        {
            operation.Summary = null;
        }

        if (operation.Description == operation.OperationId)
        {
            operation.Description = MethodOf(context) is { } method ? EndpointDocumentation.SummaryOf(method) : null;
        }

        return Task.CompletedTask;
    }

    // Problem details carry extension members (traceId, errors, and the endpoint's own, e.g. the current decision of an
    // approval): the generated "additionalProperties: false" would declare every real error response invalid.
    private static Task AllowProblemExtensionsAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellation)
    {
        if (context.JsonTypeInfo.Type.IsAssignableTo(typeof(ProblemDetails)))
        {
            schema.AdditionalProperties = null;
            schema.AdditionalPropertiesAllowed = true;
        }

        return Task.CompletedTask;
    }

    private static Task DropResultSchemaAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellation)
    {
        document.Components?.Schemas?.Remove(nameof(IResult));
        return Task.CompletedTask;
    }

    private static MethodInfo? MethodOf(OpenApiOperationTransformerContext context) =>
        (context.Description.ActionDescriptor as ControllerActionDescriptor)?.MethodInfo;

    private static bool IsResult(Type? type) => type is not null && type.IsAssignableTo(typeof(IResult));
}
