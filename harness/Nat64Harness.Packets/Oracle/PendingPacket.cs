using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>A packet waiting for its counterpart.</summary>
internal sealed class PendingPacket(CapturedPacket packet, IpPacket parsed, PairKey key, bool fromBefore)
{
    public CapturedPacket Packet { get; } = packet;

    public IpPacket Parsed { get; } = parsed;

    public PairKey Key { get; } = key;

    /// <summary>Which input stream it came from: the order of two records of one stream is evidence too.</summary>
    public bool FromBefore { get; } = fromBefore;

    public int Version => Parsed.Version;

    /// <summary>Its slot in the eviction queue while it waits.</summary>
    public PairingState.Arrival? Arrival { get; set; }
}
