using Nat64Harness.Model;

namespace Nat64Harness.Bench;

/// <summary>
/// Everything measured on one path. Throughputs are bits per second (UDP: payload bits), delays milliseconds.
/// A measurement that failed is null and its reason is in <see cref="Errors"/>.
/// </summary>
/// <param name="Name">The path, e.g. "wireguard/tayga".</param>
/// <param name="Vpn">The VPN's name, or "none".</param>
/// <param name="Router">The NAT64 router.</param>
public sealed record PathResult(string Name, string Vpn, RouterKind Router)
{
    /// <summary>TCP probe → server.</summary>
    public ToolComparison? TcpUp { get; init; }

    /// <summary>TCP server → probe.</summary>
    public ToolComparison? TcpDown { get; init; }

    /// <summary>The probe → server stream while both directions run at once.</summary>
    public ToolComparison? TcpBothUp { get; init; }

    /// <summary>The server → probe stream while both directions run at once.</summary>
    public ToolComparison? TcpBothDown { get; init; }

    /// <summary>UDP throughput at loss below the threshold, probe → server.</summary>
    public ToolComparison? Udp { get; init; }

    /// <summary>The harness's UDP searches, every trial.</summary>
    public IReadOnlyList<RateSearchResult> UdpSearches { get; init; } = [];

    /// <summary>iperf3's UDP searches, every trial.</summary>
    public IReadOnlyList<RateSearchResult> Iperf3UdpSearches { get; init; } = [];

    /// <summary>Round trips under light load.</summary>
    public DelayStatistics? Latency { get; init; }

    /// <summary>TCP handshakes per second.</summary>
    public Measured? ConnectsPerSecond { get; init; }

    /// <summary>Median handshake time of the connection-rate runs, milliseconds.</summary>
    public double? HandshakeMedianMs { get; init; }

    /// <summary>The host's load while this path was measured.</summary>
    public LoadSummary? Load { get; init; }

    /// <summary>Seconds the topology took to start.</summary>
    public double? StartSeconds { get; init; }

    /// <summary>What failed, each naming the measurement.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Every throughput comparison with its label, in table order.</summary>
    public IEnumerable<(string Label, ToolComparison Comparison)> Comparisons()
    {
        foreach (var (label, c) in new[] { ("tcp up", TcpUp), ("tcp down", TcpDown), ("tcp both up", TcpBothUp), ("tcp both down", TcpBothDown), ("udp", Udp) })
        {
            if (c is not null)
            {
                yield return (label, c);
            }
        }
    }
}
