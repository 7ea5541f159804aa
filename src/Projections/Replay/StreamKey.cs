namespace EventSourced.Projections.Replay;

/// <summary>A stream in one tenant, and the version its events reached.</summary>
public readonly record struct StreamKey(string TenantId, Guid Id, long Version);
