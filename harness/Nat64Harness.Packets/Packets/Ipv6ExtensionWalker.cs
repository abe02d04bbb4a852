namespace Nat64Harness.Packets;

/// <summary>Walks the IPv6 extension header chain (RFC 8200 §4) to the upper-layer header.</summary>
public static class Ipv6ExtensionWalker
{
    private const int MaxHeaders = 16;
    private const int FixedHeaderLength = 40;

    /// <summary>
    /// Walks from the byte after the fixed header. Returns false when a header runs past <paramref name="afterFixedHeader"/>
    /// or the chain is absurdly long. <paramref name="fragmentOffset"/> is the offset of the Fragment header, or −1.
    /// </summary>
    public static bool TryWalk(
        ReadOnlySpan<byte> afterFixedHeader, byte firstNextHeader,
        out byte upperProtocol, out int upperOffset, out int fragmentOffset)
    {
        var ok = TryWalk(afterFixedHeader, firstNextHeader, out var chain);
        (upperProtocol, upperOffset, fragmentOffset) = (chain.UpperProtocol, chain.UpperOffset, chain.FragmentOffset);
        return ok;
    }

    /// <summary>
    /// Walks the chain and reports the Fragment header, Routing headers with Segments Left (which decide whether a
    /// translator may translate the packet at all) and extension headers after the Fragment header. The bytes after
    /// the Fragment header of a non-first fragment are payload, not headers: the walk stops there.
    /// </summary>
    public static bool TryWalk(ReadOnlySpan<byte> afterFixedHeader, byte firstNextHeader, out Ipv6ExtensionChain chain)
    {
        var protocol = firstNextHeader;
        var offset = 0;
        var fragmentOffset = -1;
        var segmentsLeft = 0;
        var pointer = -1;
        var afterFragment = false;
        chain = default;
        for (var count = 0; count < MaxHeaders; count++)
        {
            if (protocol == IpProtocol.Fragment)
            {
                if (fragmentOffset >= 0 || !Ipv6FragmentHeader.TryParse(afterFixedHeader[offset..], out var fragment))
                {
                    return false;
                }

                fragmentOffset = offset;
                protocol = fragment.NextHeader;
                offset += Ipv6FragmentHeader.Length;
                afterFragment = IpProtocol.IsSkippableExtension(protocol);
                if (fragment.FragmentOffset != 0)
                {
                    break;
                }

                continue;
            }

            if (!IpProtocol.IsSkippableExtension(protocol))
            {
                break;
            }

            if (afterFixedHeader.Length < offset + 2)
            {
                return false;
            }

            var header = afterFixedHeader[offset..];
            var length = protocol == IpProtocol.AuthenticationHeader ? (header[1] + 2) * 4 : (header[1] + 1) * 8;
            if (afterFixedHeader.Length < offset + length)
            {
                return false;
            }

            if (protocol == IpProtocol.Routing && length >= 4)
            {
                segmentsLeft = Math.Max(segmentsLeft, header[3]);
                if (header[3] != 0 && pointer < 0)
                {
                    pointer = FixedHeaderLength + offset + 3;
                }
            }

            protocol = header[0];
            offset += length;
        }

        if (IpProtocol.IsSkippableExtension(protocol) && !(fragmentOffset >= 0 && offset == fragmentOffset + Ipv6FragmentHeader.Length))
        {
            return false; // more than MaxHeaders headers
        }

        chain = new Ipv6ExtensionChain(protocol, offset, fragmentOffset, segmentsLeft, pointer, afterFragment);
        return true;
    }
}
