namespace Nat64Harness.Docker;

/// <summary>Which Docker engine the harness talks to, and in which API version.</summary>
public sealed record EngineOptions
{
    /// <summary>The local engine's socket, Docker's own default.</summary>
    public const string LocalSocket = "unix:///var/run/docker.sock";

    /// <summary>The endpoint: a unix:// socket (probed for its API version) or a tcp:// engine.</summary>
    public string Endpoint { get; init; } = LocalSocket;

    /// <summary>The API version to speak, or null to ask a local engine for its own.</summary>
    public string? ApiVersion { get; init; }
}
