namespace Nat64Harness.Packets;

/// <summary>Walks the IPv6 extension header chain (RFC 8200 §4) to the upper-layer header.</summary>
public static class Ipv6ExtensionWalker
{
    private const int MaxHeaders = 16;

    /// <summary>
    /// Walks from the byte after the fixed header. Returns false when a header runs past <paramref name="afterFixedHeader"/>
    /// or the chain is absurdly long. <paramref name="fragmentOffset"/> is the offset of the Fragment header, or −1.
    /// </summary>
    public static bool TryWalk(
        ReadOnlySpan<byte> afterFixedHeader, byte firstNextHeader,
        out byte upperProtocol, out int upperOffset, out int fragmentOffset) =>
        TryWalk(afterFixedHeader, firstNextHeader, out upperProtocol, out upperOffset, out fragmentOffset, out _);

    /// <summary>
    /// Walks like the other overload and also reports the largest Segments Left of any Routing header
    /// (RFC 8200 §4.4: byte 3), which decides whether a translator may translate the packet at all.
    /// </summary>
    public static bool TryWalk(
        ReadOnlySpan<byte> afterFixedHeader, byte firstNextHeader,
        out byte upperProtocol, out int upperOffset, out int fragmentOffset, out int routingSegmentsLeft)
    {
        routingSegmentsLeft = 0;
        upperProtocol = firstNextHeader;
        upperOffset = 0;
        fragmentOffset = -1;
        for (var count = 0; count < MaxHeaders; count++)
        {
            if (upperProtocol == IpProtocol.Fragment)
            {
                if (!Ipv6FragmentHeader.TryParse(afterFixedHeader[upperOffset..], out var fragment))
                {
                    return false;
                }

                fragmentOffset = upperOffset;
                upperProtocol = fragment.NextHeader;
                upperOffset += Ipv6FragmentHeader.Length;
                continue;
            }

            if (!IpProtocol.IsSkippableExtension(upperProtocol))
            {
                return true;
            }

            if (afterFixedHeader.Length < upperOffset + 2)
            {
                return false;
            }

            var header = afterFixedHeader[upperOffset..];
            var length = upperProtocol == IpProtocol.AuthenticationHeader ? (header[1] + 2) * 4 : (header[1] + 1) * 8;
            if (afterFixedHeader.Length < upperOffset + length)
            {
                return false;
            }

            if (upperProtocol == IpProtocol.Routing && length >= 4)
            {
                routingSegmentsLeft = Math.Max(routingSegmentsLeft, header[3]);
            }

            upperProtocol = header[0];
            upperOffset += length;
        }

        return false;
    }
}
