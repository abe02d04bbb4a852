namespace Nat64Harness.Docker;

/// <summary>Whether a Docker engine answered, why not, and the API version it speaks.</summary>
public sealed record EngineStatus(bool Reachable, string Reason, string? ApiVersion);
