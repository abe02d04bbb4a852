namespace Nat64Harness.Model;

/// <summary>
/// Everything a capture point saw travel one way during an exchange, counted over every packet (also those a
/// bounded capture left out of its pcap): sizes, TCP progress and retransmissions, and packets no receiver would
/// accept (a transport checksum that does not verify, a length field that disagrees with the bytes present).
/// </summary>
/// <param name="Packets">IP packets.</param>
/// <param name="Bytes">Their IP sizes summed.</param>
/// <param name="Largest">The largest IP packet, 0 when none.</param>
/// <param name="LargestSizes">The largest distinct sizes with their counts, largest first (at most 8).</param>
/// <param name="First">When the first was seen.</param>
/// <param name="Last">When the last was seen.</param>
/// <param name="TcpSegments">TCP segments carrying data.</param>
/// <param name="TcpPayloadBytes">TCP data bytes, retransmissions included.</param>
/// <param name="TcpStreamBytes">TCP data bytes once each: how far each flow's stream got, summed over flows.</param>
/// <param name="TcpRetransmissions">TCP data segments starting below the highest sequence this point had seen: retransmissions (or, rarely, reordering).</param>
/// <param name="UdpDatagrams">UDP datagrams (unfragmented or first fragments).</param>
/// <param name="Fragments">IPv4 or IPv6 fragments.</param>
/// <param name="BadChecksums">Complete packets whose TCP, UDP, ICMP or ICMPv6 checksum does not verify (or IPv6 UDP with checksum 0), and IPv4 headers whose checksum does not.</param>
/// <param name="BadChecksumsOddLength">Of <paramref name="BadChecksums"/>, those whose transport segment has an odd length.</param>
/// <param name="BadLengths">Packets whose IP or UDP length field disagrees with the bytes present.</param>
/// <param name="Examples">A few of the bad packets, described (at most 4).</param>
public sealed record DirectionSummary(
    long Packets,
    long Bytes,
    int Largest,
    IReadOnlyList<SizeCount> LargestSizes,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    long TcpSegments,
    long TcpPayloadBytes,
    long TcpStreamBytes,
    long TcpRetransmissions,
    long UdpDatagrams,
    long Fragments,
    long BadChecksums,
    long BadChecksumsOddLength,
    long BadLengths,
    IReadOnlyList<string> Examples)
{
    /// <summary>Nothing seen.</summary>
    public static DirectionSummary Empty { get; } = new(0, 0, 0, [], null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, []);

    /// <summary>How many packets of exactly <paramref name="size"/> bytes were seen (0 when the size is not among the largest kept).</summary>
    public long CountOf(int size) => LargestSizes.FirstOrDefault(s => s.Size == size).Count;
}
