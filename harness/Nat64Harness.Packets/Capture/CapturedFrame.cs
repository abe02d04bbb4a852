namespace Nat64Harness.Capture;

/// <summary>
/// One link-layer frame from a capture, IP or not, as <see cref="PcapReader.ReadFrames"/> returns it: for audits
/// that judge the link layer itself (which MAC sent it, what a frame carries besides IP).
/// </summary>
/// <param name="Index">0-based index of the frame in its file (Wireshark frame number − 1).</param>
/// <param name="Timestamp">Capture time.</param>
/// <param name="LinkType">The pcap LINKTYPE_ value (see <see cref="LinkTypes"/>).</param>
/// <param name="Data">The captured bytes, link header included. Owned by this value: readers copy them.</param>
/// <param name="OriginalLength">Length of the frame on the wire.</param>
public readonly record struct CapturedFrame(long Index, DateTimeOffset Timestamp, int LinkType, ReadOnlyMemory<byte> Data, int OriginalLength)
{
    /// <summary>True when the snap length cut the frame.</summary>
    public bool IsTruncated => Data.Length < OriginalLength;

    /// <summary>The IP packet the frame carries, when it carries one (same rules as <see cref="PcapReader.ReadPackets"/>).</summary>
    public bool TryGetIp(out ReadOnlyMemory<byte> ip)
    {
        if (LinkLayer.TryLocateIp(LinkType, Data.Span, out var offset, out var length))
        {
            ip = Data.Slice(offset, length);
            return true;
        }

        ip = default;
        return false;
    }
}
