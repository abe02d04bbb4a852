using Nat64Harness.Model;

namespace Nat64Harness.Reporting;

/// <summary>
/// The ladder diagram of one exchange, bounded: the first packets of each capture point and every failed one up
/// to a cap; the rest is counted, never held.
/// </summary>
/// <param name="Bands">The capture points in path order.</param>
/// <param name="Lifelines">The hops between and around the bands (one more than the bands).</param>
/// <param name="Packets">The arrows, in capture-time order.</param>
/// <param name="PacketsCaptured">IP packets in each capture point's pcap.</param>
/// <param name="Omitted">Packets counted but not drawn (over the cap).</param>
/// <param name="NonIpFrames">Frames without IP (ARP, ...) in the pcaps, not drawn.</param>
/// <param name="Failures">Failed pairing events, up to a cap.</param>
/// <param name="FailuresOmitted">Failed events over that cap.</param>
/// <param name="Errors">Pcaps that could not be read, with the reason.</param>
public sealed record Ladder(
    IReadOnlyList<CapturePoint> Bands,
    IReadOnlyList<string> Lifelines,
    IReadOnlyList<LadderPacket> Packets,
    IReadOnlyDictionary<CapturePoint, long> PacketsCaptured,
    long Omitted,
    long NonIpFrames,
    IReadOnlyList<LadderFailure> Failures,
    long FailuresOmitted,
    IReadOnlyList<string> Errors)
{
    /// <summary>Every IP packet of every pcap.</summary>
    public long TotalPackets => PacketsCaptured.Values.Sum();
}
