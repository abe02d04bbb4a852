namespace Nat64Harness.Packets;

/// <summary>Decoding of the IP layer; transport decoding is in IpPacket.Transport.cs.</summary>
public sealed partial class IpPacket
{
    private bool TryLoadIpv4(ReadOnlyMemory<byte> bytes, bool embedded, out string error)
    {
        if (!Ipv4Header.TryParse(bytes.Span, out var header))
        {
            return Fail($"IPv4 header does not fit in {bytes.Length} bytes or IHL is below 5", out error);
        }

        if (header.TotalLength < header.HeaderLength)
        {
            return Fail($"IPv4 total length {header.TotalLength} is below the header length {header.HeaderLength}", out error);
        }

        var truncated = header.TotalLength > bytes.Length;
        if (truncated && !embedded)
        {
            return Fail($"IPv4 total length {header.TotalLength} exceeds the {bytes.Length} bytes captured", out error);
        }

        var whole = truncated ? bytes : bytes[..header.TotalLength];
        Bytes = whole;
        Version = 4;
        HeaderLength = header.HeaderLength;
        TrafficClass = header.TypeOfService;
        LengthField = header.TotalLength;
        HopLimit = header.Ttl;
        NextHeader = header.Protocol;
        Protocol = header.Protocol;
        HasIpv4Options = header.HeaderLength > Ipv4Header.MinLength;
        HasUnexpiredSourceRoute = Ipv4Options.HasUnexpiredSourceRoute(header.Bytes[Ipv4Header.MinLength..]);
        DontFragment = header.DontFragment;
        Identification = header.Identification;
        HeaderChecksumValid = header.IsHeaderChecksumValid;
        Fragment = header.IsFragment ? new FragmentInfo(header.Identification, header.FragmentOffset, header.MoreFragments) : null;
        Upper = whole[header.HeaderLength..];
        IsTruncated = truncated;
        DecodeTransport(embedded);
        error = string.Empty;
        return true;
    }

    private bool TryLoadIpv6(ReadOnlyMemory<byte> bytes, bool embedded, out string error)
    {
        if (!Ipv6Header.TryParse(bytes.Span, out var header))
        {
            return Fail($"IPv6 header does not fit in {bytes.Length} bytes", out error);
        }

        var declared = Ipv6Header.Length + header.PayloadLength;
        var truncated = declared > bytes.Length;
        if (truncated && !embedded)
        {
            return Fail($"IPv6 payload length {header.PayloadLength} exceeds the {bytes.Length - Ipv6Header.Length} bytes captured", out error);
        }

        var whole = truncated ? bytes : bytes[..declared];
        var afterFixed = whole.Span[Ipv6Header.Length..];
        if (!Ipv6ExtensionWalker.TryWalk(afterFixed, header.NextHeader, out var chain))
        {
            return Fail("IPv6 extension header chain runs past the packet or is too long", out error);
        }

        FragmentInfo? fragment = null;
        var upperOffset = chain.UpperOffset;
        if (chain.FragmentOffset >= 0 && Ipv6FragmentHeader.TryParse(afterFixed[chain.FragmentOffset..], out var fragmentHeader))
        {
            fragment = new FragmentInfo(fragmentHeader.Identification, fragmentHeader.FragmentOffset, fragmentHeader.MoreFragments);
        }

        Bytes = whole;
        Version = 6;
        HeaderLength = Ipv6Header.Length + upperOffset;
        TrafficClass = header.TrafficClass;
        FlowLabel = header.FlowLabel;
        LengthField = header.PayloadLength;
        HopLimit = header.HopLimit;
        NextHeader = header.NextHeader;
        Protocol = chain.UpperProtocol;
        RoutingSegmentsLeft = chain.RoutingSegmentsLeft;
        SegmentsLeftPointer = chain.SegmentsLeftPointer;
        ExtensionAfterFragment = chain.ExtensionAfterFragment;
        SkippedExtensionLength = upperOffset - (fragment is null ? 0 : Ipv6FragmentHeader.Length);
        Fragment = fragment;
        Upper = whole[(Ipv6Header.Length + upperOffset)..];
        IsTruncated = truncated;
        DecodeTransport(embedded);
        error = string.Empty;
        return true;
    }
}
