using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>A packet waiting for its counterpart.</summary>
internal sealed class PendingPacket(CapturedPacket packet, IpPacket parsed, PairKey key, bool fromBefore, bool goesIn)
{
    public CapturedPacket Packet { get; } = packet;

    public IpPacket Parsed { get; } = parsed;

    public PairKey Key { get; } = key;

    public bool FromBefore { get; } = fromBefore;

    /// <summary>True when the packet was on its way into the translator (a "before").</summary>
    public bool GoesIn { get; } = goesIn;

    public int Version => Parsed.Version;

    /// <summary>Its slot in the eviction queue while it waits.</summary>
    public PairingState.Arrival? Arrival { get; set; }
}
