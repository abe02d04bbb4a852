using System.Net;

namespace Nat64Harness.Model;

/// <summary>One flow of a multi-flow TCP or UDP exchange.</summary>
/// <param name="Seed">The flow's number; it seeds its payload, so a crossed flow returns another's bytes.</param>
/// <param name="Ok">Every byte came back as sent.</param>
/// <param name="Error">Why not.</param>
/// <param name="LocalAddress">The probe's address for this flow.</param>
/// <param name="LocalPort">The probe's port for this flow.</param>
/// <param name="Sent">Bytes sent (TCP).</param>
/// <param name="Received">Bytes received (TCP).</param>
/// <param name="SentSha256">SHA-256 of what was sent (TCP).</param>
/// <param name="ReceivedSha256">SHA-256 of what came back (TCP).</param>
/// <param name="Datagrams">The flow's datagrams (UDP).</param>
/// <param name="ElapsedMs">Time of the flow, in milliseconds.</param>
public sealed record ProbeFlow(
    int Seed,
    bool Ok,
    string? Error,
    IPAddress? LocalAddress,
    int? LocalPort,
    long? Sent,
    long? Received,
    string? SentSha256,
    string? ReceivedSha256,
    IReadOnlyList<ProbeDatagram> Datagrams,
    double ElapsedMs)
{
    /// <summary>True when the flow made no progress for the stall time and was ended (TCP).</summary>
    public bool Stalled { get; init; }

    /// <summary>The TCP socket's state when the flow failed or stalled.</summary>
    public TcpSocketInfo? SocketInfo { get; init; }

    /// <summary>The flow's progress, a mark a second, when it failed.</summary>
    public IReadOnlyList<ProgressSample> Progress { get; init; } = [];

    /// <summary>When the TCP flow's connect returned (its port taken), on the probe's monotonic clock in milliseconds; null when it never connected.</summary>
    public double? ConnectedAtMs { get; init; }

    /// <summary>When the TCP flow's socket was closed, on the same clock as <see cref="ConnectedAtMs"/>.</summary>
    public double? ClosedAtMs { get; init; }
}
