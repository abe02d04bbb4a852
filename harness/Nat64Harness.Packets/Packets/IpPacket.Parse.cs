using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Nat64Harness.Packets;

/// <summary>Decoding of the IP layer; transport decoding is in IpPacket.Transport.cs.</summary>
public sealed partial class IpPacket
{
    private static bool TryParseIpv4(ReadOnlyMemory<byte> bytes, bool embedded, [NotNullWhen(true)] out IpPacket? packet, out string error)
    {
        if (!Ipv4Header.TryParse(bytes.Span, out var header))
        {
            return Fail($"IPv4 header does not fit in {bytes.Length} bytes or IHL is below 5", out packet, out error);
        }

        if (header.TotalLength < header.HeaderLength)
        {
            return Fail($"IPv4 total length {header.TotalLength} is below the header length {header.HeaderLength}", out packet, out error);
        }

        var truncated = header.TotalLength > bytes.Length;
        if (truncated && !embedded)
        {
            return Fail($"IPv4 total length {header.TotalLength} exceeds the {bytes.Length} bytes captured", out packet, out error);
        }

        var whole = truncated ? bytes : bytes[..header.TotalLength];
        var fragment = header.IsFragment ? new FragmentInfo(header.Identification, header.FragmentOffset, header.MoreFragments) : null;
        var upper = whole[header.HeaderLength..];
        packet = new IpPacket
        {
            Bytes = whole,
            Version = 4,
            HeaderLength = header.HeaderLength,
            TrafficClass = header.TypeOfService,
            LengthField = header.TotalLength,
            HopLimit = header.Ttl,
            NextHeader = header.Protocol,
            Protocol = header.Protocol,
            Source = new IPAddress(header.Source),
            Destination = new IPAddress(header.Destination),
            HasIpv4Options = header.HeaderLength > Ipv4Header.MinLength,
            HasUnexpiredSourceRoute = Ipv4Options.HasUnexpiredSourceRoute(header.Bytes[Ipv4Header.MinLength..]),
            DontFragment = header.DontFragment,
            Identification = header.Identification,
            HeaderChecksumValid = header.IsHeaderChecksumValid,
            Fragment = fragment,
            Upper = upper,
            IsTruncated = truncated,
        };
        packet = packet.DecodeTransport(embedded);
        error = string.Empty;
        return true;
    }

    private static bool TryParseIpv6(ReadOnlyMemory<byte> bytes, bool embedded, [NotNullWhen(true)] out IpPacket? packet, out string error)
    {
        if (!Ipv6Header.TryParse(bytes.Span, out var header))
        {
            return Fail($"IPv6 header does not fit in {bytes.Length} bytes", out packet, out error);
        }

        var declared = Ipv6Header.Length + header.PayloadLength;
        var truncated = declared > bytes.Length;
        if (truncated && !embedded)
        {
            return Fail($"IPv6 payload length {header.PayloadLength} exceeds the {bytes.Length - Ipv6Header.Length} bytes captured", out packet, out error);
        }

        var whole = truncated ? bytes : bytes[..declared];
        var afterFixed = whole.Span[Ipv6Header.Length..];
        if (!Ipv6ExtensionWalker.TryWalk(afterFixed, header.NextHeader, out var chain))
        {
            return Fail("IPv6 extension header chain runs past the packet or is too long", out packet, out error);
        }

        FragmentInfo? fragment = null;
        var upperOffset = chain.UpperOffset;
        if (chain.FragmentOffset >= 0 && Ipv6FragmentHeader.TryParse(afterFixed[chain.FragmentOffset..], out var fragmentHeader))
        {
            fragment = new FragmentInfo(fragmentHeader.Identification, fragmentHeader.FragmentOffset, fragmentHeader.MoreFragments);
        }

        packet = new IpPacket
        {
            Bytes = whole,
            Version = 6,
            HeaderLength = Ipv6Header.Length + upperOffset,
            TrafficClass = header.TrafficClass,
            FlowLabel = header.FlowLabel,
            LengthField = header.PayloadLength,
            HopLimit = header.HopLimit,
            NextHeader = header.NextHeader,
            Protocol = chain.UpperProtocol,
            Source = new IPAddress(header.Source),
            Destination = new IPAddress(header.Destination),
            RoutingSegmentsLeft = chain.RoutingSegmentsLeft,
            SegmentsLeftPointer = chain.SegmentsLeftPointer,
            ExtensionAfterFragment = chain.ExtensionAfterFragment,
            SkippedExtensionLength = upperOffset - (fragment is null ? 0 : Ipv6FragmentHeader.Length),
            Fragment = fragment,
            Upper = whole[(Ipv6Header.Length + upperOffset)..],
            IsTruncated = truncated,
        };
        packet = packet.DecodeTransport(embedded);
        error = string.Empty;
        return true;
    }
}
