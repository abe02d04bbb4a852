using Nat64Harness.Model;

namespace Nat64Harness.Reporting;

/// <summary>One packet of a ladder diagram: one arrow across its capture point's band.</summary>
/// <param name="Point">Where it was captured.</param>
/// <param name="Index">Its frame index in that pcap (Wireshark's frame number − 1).</param>
/// <param name="Timestamp">Capture time.</param>
/// <param name="Direction">Which way the arrow points.</param>
/// <param name="Label">Key fields, short (protocol, ports, flags, length, hop limit).</param>
/// <param name="Detail">The whole flow description, for the tooltip.</param>
/// <param name="PairId">The oracle's pair this packet belongs to, or null.</param>
/// <param name="Outcome">What the oracle concluded about it ("pass", "fail", "lost", ...), or null when not judged.</param>
public sealed record LadderPacket(CapturePoint Point, long Index, DateTimeOffset Timestamp, LadderDirection Direction, string Label, string Detail, int? PairId, string? Outcome)
{
    /// <summary>The oracle found something wrong with it.</summary>
    public bool Failed => Outcome is not null and not "pass";
}
