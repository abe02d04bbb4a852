using System.Globalization;
using Nat64Harness.Packets;

namespace Nat64Harness.Golden;

/// <summary>
/// Walks a decoded packet and emits every field, by the names of <see cref="FieldNames"/>, asking the normaliser
/// only for the fields <see cref="GoldenNormalizer.Rules"/> lists. Nothing else is left out.
/// </summary>
internal sealed class FieldExtractor(GoldenNormalizer normalizer, Action<string, object> add)
{
    public void Extract(IpPacket ip, string prefix = "")
    {
        if (ip.Version == 4)
        {
            Ipv4(ip, prefix);
        }
        else
        {
            Ipv6(ip, prefix);
        }

        if (!ip.HasUpperHeader)
        {
            add(prefix + FieldNames.FragmentPayload, Convert.ToHexString(ip.Upper.Span));
            return;
        }

        if (ip.Protocol == IpProtocol.Tcp && TcpHeader.TryParse(ip.Upper.Span, out _))
        {
            Tcp(ip, prefix);
        }
        else if (ip.Protocol == IpProtocol.Udp && ip.Upper.Length >= (prefix.Length == 0 ? UdpHeader.Length : 4))
        {
            Udp(ip, prefix);
        }
        else if (ip.Icmp is { } icmp)
        {
            Icmp(ip, icmp, prefix);
        }
        else if (ip.SourcePort is { } sourcePort)
        {
            // An embedded TCP header cut after its ports: what is there is still compared.
            add(prefix + FieldNames.SourcePort(ip.Protocol), normalizer.Port(sourcePort));
            add(prefix + FieldNames.DestinationPort(ip.Protocol), normalizer.Port(ip.DestinationPort!.Value));
            add(prefix + FieldNames.Payload, Convert.ToHexString(ip.Upper.Span[4..]));
        }
        else
        {
            add(prefix + FieldNames.Payload, Convert.ToHexString(ip.Upper.Span));
        }
    }

    private void Ipv4(IpPacket ip, string prefix)
    {
        add(prefix + FieldNames.Ipv4Ihl, ip.HeaderLength / 4);
        add(prefix + FieldNames.Ipv4Tos, ip.TrafficClass);
        add(prefix + FieldNames.Ipv4TotalLength, ip.LengthField);
        add(prefix + FieldNames.Ipv4Identification, ip.Fragment is null ? normalizer.IpId(ip.SourceBytes, ip.Identification) : normalizer.Token(GoldenNormalizer.FragmentKind, ip.Identification));
        add(prefix + FieldNames.Ipv4Df, ip.DontFragment);
        add(prefix + FieldNames.Ipv4Mf, ip.Fragment?.MoreFragments ?? false);
        add(prefix + FieldNames.Ipv4FragmentOffset, ip.Fragment?.Offset ?? 0);
        add(prefix + FieldNames.Ipv4Ttl, ip.HopLimit);
        add(prefix + FieldNames.Ipv4Protocol, ip.Protocol);
        add(prefix + FieldNames.Ipv4HeaderChecksum, ip.HeaderChecksumValid == true ? "valid" : "invalid");
        add(prefix + FieldNames.Ipv4Source, ip.Source);
        add(prefix + FieldNames.Ipv4Destination, ip.Destination);
        if (ip.HasIpv4Options)
        {
            add(prefix + FieldNames.Ipv4Options, Convert.ToHexString(ip.Bytes.Span[Ipv4Header.MinLength..ip.HeaderLength]));
        }
    }

    private void Ipv6(IpPacket ip, string prefix)
    {
        add(prefix + FieldNames.Ipv6TrafficClass, ip.TrafficClass);
        add(prefix + FieldNames.Ipv6FlowLabel, ip.FlowLabel == 0 ? "0" : normalizer.Token(GoldenNormalizer.FlowKind, ip.FlowLabel));
        add(prefix + FieldNames.Ipv6PayloadLength, ip.LengthField);
        add(prefix + FieldNames.Ipv6NextHeader, ip.NextHeader);
        add(prefix + FieldNames.Ipv6HopLimit, ip.HopLimit);
        add(prefix + FieldNames.Ipv6Source, ip.Source);
        add(prefix + FieldNames.Ipv6Destination, ip.Destination);
        if (ip.SkippedExtensionLength > 0)
        {
            add(prefix + FieldNames.Ipv6ExtensionHeaders, ip.SkippedExtensionLength);
        }

        if (ip.Fragment is { } fragment)
        {
            add(prefix + FieldNames.Ipv6FragmentNextHeader, ip.Protocol);
            add(prefix + FieldNames.Ipv6FragmentOffset, fragment.Offset);
            add(prefix + FieldNames.Ipv6FragmentM, fragment.MoreFragments);
            add(prefix + FieldNames.Ipv6FragmentIdentification, normalizer.Token(GoldenNormalizer.FragmentKind, fragment.Identification & 0xFFFF)
                + (fragment.Identification >> 16 == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" high 0x{fragment.Identification >> 16:x4}")));
        }
    }

    private void Tcp(IpPacket ip, string prefix)
    {
        var upper = ip.Upper.Span;
        TcpHeader.TryParse(upper, out var tcp);
        var source = tcp.SourcePort;
        var destination = tcp.DestinationPort;
        add(prefix + FieldNames.TcpSourcePort, normalizer.Port(source));
        add(prefix + FieldNames.TcpDestinationPort, normalizer.Port(destination));
        add(prefix + FieldNames.TcpSequence, normalizer.RelativeSequence(source, destination, tcp.SequenceNumber));
        add(prefix + FieldNames.TcpAcknowledgment, (tcp.Flags & 0x10) != 0 ? normalizer.RelativeSequence(destination, source, tcp.AcknowledgmentNumber) : "-");
        add(prefix + FieldNames.TcpDataOffset, "0x" + upper[12].ToString("x2", CultureInfo.InvariantCulture));
        add(prefix + FieldNames.TcpFlags, "0x" + tcp.Flags.ToString("x2", CultureInfo.InvariantCulture));
        add(prefix + FieldNames.TcpWindow, (upper[14] << 8) | upper[15]);
        add(prefix + FieldNames.TcpUrgentPointer, (upper[18] << 8) | upper[19]);
        add(prefix + FieldNames.TcpOptions, Convert.ToHexString(upper[TcpHeader.MinLength..tcp.HeaderLength]));
        if (prefix.Length == 0)
        {
            add(FieldNames.TcpChecksum, ChecksumState(ip));
        }

        add(prefix + FieldNames.Payload, Convert.ToHexString(upper[tcp.HeaderLength..]));
    }

    private void Udp(IpPacket ip, string prefix)
    {
        var upper = ip.Upper.Span;
        add(prefix + FieldNames.UdpSourcePort, normalizer.Port(ip.SourcePort!.Value));
        add(prefix + FieldNames.UdpDestinationPort, normalizer.Port(ip.DestinationPort!.Value));
        if (upper.Length >= UdpHeader.Length)
        {
            add(prefix + FieldNames.UdpLength, (upper[4] << 8) | upper[5]);
            if (prefix.Length == 0)
            {
                add(FieldNames.UdpChecksum, ChecksumState(ip));
            }

            add(prefix + FieldNames.Payload, Convert.ToHexString(upper[UdpHeader.Length..]));
        }
    }

    private void Icmp(IpPacket ip, IcmpMessage icmp, string prefix)
    {
        var version = ip.Version;
        add(prefix + FieldNames.IcmpTypeOf(version), icmp.Type);
        add(prefix + FieldNames.IcmpCodeOf(version), icmp.Code);
        if (prefix.Length == 0)
        {
            add(FieldNames.IcmpChecksumOf(version), ChecksumState(ip));
        }

        if (icmp.IsEcho(version))
        {
            add(prefix + FieldNames.IcmpIdentifierOf(version), normalizer.Token(GoldenNormalizer.EchoKind, icmp.Identifier));
            add(prefix + FieldNames.IcmpSequenceOf(version), icmp.SequenceNumber);
            add(prefix + (version == 4 ? FieldNames.IcmpData : FieldNames.Icmpv6Data), Convert.ToHexString(icmp.Body.Span));
            return;
        }

        add(prefix + (version == 4 ? FieldNames.IcmpRestOfHeader : FieldNames.Icmpv6RestOfHeader), "0x" + icmp.RestOfHeader.ToString("x8", CultureInfo.InvariantCulture));
        if (!icmp.Extension.IsEmpty)
        {
            add(prefix + FieldNames.IcmpExtensionOf(version), Convert.ToHexString(icmp.Extension.Span));
        }

        if (icmp.Inner is { } inner)
        {
            Extract(inner, prefix + FieldNames.Inner);
            var padding = icmp.OriginalDatagram.Length - inner.Bytes.Length;
            if (padding > 0)
            {
                add(prefix + FieldNames.IcmpPaddingOf(version), Convert.ToHexString(icmp.OriginalDatagram.Span[inner.Bytes.Length..]));
            }
        }
        else if (prefix.Length == 0)
        {
            add(FieldNames.Inner + FieldNames.Packet, Convert.ToHexString(icmp.Body.Span));
        }
    }

    private static string ChecksumState(IpPacket ip)
    {
        var upper = ip.Upper.Span;
        if (ip.Protocol == IpProtocol.Udp && ip.Version == 4 && upper.Length >= UdpHeader.Length && upper[6] == 0 && upper[7] == 0)
        {
            return "zero";
        }

        var sum = ip.Protocol == IpProtocol.Icmp ? 0u : InternetChecksum.Fold(InternetChecksum.PseudoHeaderSum(ip.SourceBytes, ip.DestinationBytes, ip.Protocol, upper.Length));
        return InternetChecksum.Fold(InternetChecksum.Sum(upper, sum)) == 0xFFFF ? "valid" : "invalid";
    }
}
