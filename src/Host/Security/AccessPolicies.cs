using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace EventSourced.Host.Security;

/// <summary>
/// Which roles may call which endpoint, by one rule over method and route (so a new endpoint cannot be left open):
/// <c>/admin/…</c> and <c>/users/…</c> (a person's data) need admin; deciding an approval needs reviewer or admin; any other write, and a resource's
/// <c>/history</c>, needs operator or admin; other reads need any of the three roles.
/// </summary>
public static class AccessPolicies
{
    public const string Read = "read";
    public const string Operate = "operate";
    public const string Review = "review";
    public const string Administer = "administer";

    /// <summary>The roles each policy accepts.</summary>
    public static IReadOnlyDictionary<string, string[]> Roles { get; } = new Dictionary<string, string[]>
    {
        [Read] = [AccessRoles.Operator, AccessRoles.Reviewer, AccessRoles.Admin],
        [Operate] = [AccessRoles.Operator, AccessRoles.Admin],
        [Review] = [AccessRoles.Reviewer, AccessRoles.Admin],
        [Administer] = [AccessRoles.Admin],
    };

    public static string For(string method, string route)
    {
        if (route.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("/users/", StringComparison.OrdinalIgnoreCase))
        {
            return Administer;
        }

        // A history names who did what: for those who run the service, not for every reader.
        if (route.EndsWith("/history", StringComparison.OrdinalIgnoreCase))
        {
            return Operate;
        }

        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return Read;
        }

        return HttpMethods.IsPut(method) && string.Equals(route, "/approvals/{id}", StringComparison.OrdinalIgnoreCase) ? Review : Operate;
    }

    public static string For(IEnumerable<string> methods, RoutePattern? route)
    {
        // A chain mapped to several methods gets the strictest policy among them.
        var policies = methods.Select(method => For(method, route?.RawText ?? "")).ToArray();
        return policies.Contains(Administer) ? Administer
            : policies.Contains(Review) ? Review
            : policies.Contains(Operate) ? Operate
            : Read;
    }

    public static void Register(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in Roles)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
    }
}
