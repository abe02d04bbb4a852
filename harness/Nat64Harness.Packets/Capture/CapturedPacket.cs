namespace Nat64Harness.Capture;

/// <summary>
/// One IP packet from a capture, whatever its source (classic pcap, pcapng, live capture):
/// the link-layer header is already stripped.
/// </summary>
/// <param name="Index">0-based index of the frame in its file, counting skipped non-IP frames too (Wireshark frame number − 1).</param>
/// <param name="Timestamp">Capture time.</param>
/// <param name="Ip">The IPv4 or IPv6 packet. Owned by this value: readers copy it, so it stays valid after the next read.</param>
/// <param name="OriginalLength">Length of the whole frame on the wire (including the link header), as recorded by the capture.</param>
/// <param name="LinkType">The pcap LINKTYPE_ value the frame was captured with (see <see cref="LinkTypes"/>).</param>
public readonly record struct CapturedPacket(long Index, DateTimeOffset Timestamp, ReadOnlyMemory<byte> Ip, int OriginalLength, int LinkType)
{
    /// <summary>
    /// True when the capture cut the frame (captured length &lt; original length, i.e. the snap length was hit):
    /// <see cref="Ip"/> is then incomplete and must not be judged as if it were whole.
    /// </summary>
    public bool IsTruncated { get; init; }

    /// <summary>IP version from the first nibble of <see cref="Ip"/> (4 or 6), or 0 when empty.</summary>
    public int IpVersion => Ip.IsEmpty ? 0 : Ip.Span[0] >> 4;
}
