namespace EventSourced.Host.Security;

/// <summary>The roles a token's <c>role</c> claim may carry.</summary>
public static class AccessRoles
{
    /// <summary>Runs the programme: templates, groups, programs, campaigns, enrollments, external events.</summary>
    public const string Operator = "operator";

    /// <summary>Decides approvals (runbook 002's reviewer).</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Integrity check, repair and rebuild; may also do what the other roles do.</summary>
    public const string Admin = "admin";
}
