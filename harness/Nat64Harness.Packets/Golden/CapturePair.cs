using Nat64Harness.Capture;

namespace Nat64Harness.Golden;

/// <summary>The two captures of one translator exchange: its IPv6 side (before.pcap) and its IPv4 side (after.pcap).</summary>
/// <param name="Before">Packets of the capture before the translator (the IPv6 side, both directions).</param>
/// <param name="After">Packets of the capture after the translator (the IPv4 side, both directions).</param>
public sealed record CapturePair(IReadOnlyList<CapturedPacket> Before, IReadOnlyList<CapturedPacket> After);
