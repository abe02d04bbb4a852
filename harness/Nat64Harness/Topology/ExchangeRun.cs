using Nat64Harness.Probing;

namespace Nat64Harness.Topology;

/// <summary>One exchange as run: what the probe said and where the captures of each bridge are (null when not captured).</summary>
public sealed record ExchangeRun(string Name, Exchange Exchange, ProbeResult Result, string? V6Pcap, string? V4Pcap, string? UnderlayPcap, long V6Packets, long V4Packets)
{
    /// <summary>The in-namespace capture of what the VPN wrote into its TUN, when it has one.</summary>
    public string? TunPcap { get; init; }

    /// <summary>Every pcap written for the exchange.</summary>
    public IEnumerable<string> Pcaps => new[] { V6Pcap, V4Pcap, UnderlayPcap, TunPcap }.OfType<string>();
}
