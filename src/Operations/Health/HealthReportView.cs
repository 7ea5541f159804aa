namespace EventSourced.Operations.Health;

/// <summary>The JSON of <c>/health</c> and <c>/health/ready</c>: the overall status and every check's.</summary>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c> (still ready) or <c>Unhealthy</c> (503).</param>
public sealed record HealthReportView(string Status, double DurationMs, IReadOnlyDictionary<string, HealthCheckView> Checks);

/// <summary>One check of a <see cref="HealthReportView"/>.</summary>
public sealed record HealthCheckView(string Status, string? Description, double DurationMs, string? Error);
