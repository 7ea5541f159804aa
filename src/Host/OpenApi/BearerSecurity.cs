using System.Net.Mime;
using EventSourced.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EventSourced.Host.OpenApi;

/// <summary>
/// When the API requires tokens, the document says so: a <c>Bearer</c> (JWT) security scheme, and on every operation
/// that needs a role, the requirement, its roles, and the 401/403 problem details it can answer with.
/// </summary>
public static class BearerSecurity
{
    public const string SchemeName = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer(AddSchemeAsync);
        options.AddOperationTransformer(RequireOnOperationAsync);
    }

    private static Task AddSchemeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellation)
    {
        if (context.ApplicationServices.GetRequiredService<AuthenticationMode>().Enabled)
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT with `sub`, one or more `role` claims (operator, reviewer, admin) and, with tenants, `tenant_id`.",
            };
        }

        return Task.CompletedTask;
    }

    private static async Task RequireOnOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        var policy = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
        if (policy is null || !context.ApplicationServices.GetRequiredService<AuthenticationMode>().Enabled || context.Document is not { } document)
        {
            return;
        }

        var roles = string.Join(" or ", AccessPolicies.Roles[policy]);
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        operation.Description = $"{operation.Description}\n\nRequires the role {roles}.".TrimStart();
        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellation);
        operation.Responses ??= [];
        operation.Responses["401"] = Problem("No bearer token, or one that is expired, badly signed, or for another issuer or audience.", problem);
        operation.Responses["403"] = Problem($"The token lacks the role ({roles}).", problem);
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [MediaTypeNames.Application.ProblemJson] = new() { Schema = schema } },
    };
}
