using System.Globalization;
using Nat64Harness.Packets;

namespace Nat64Harness.Golden;

/// <summary>Walks a decoded packet and emits its fields, asking the normaliser for the varying ones.</summary>
internal sealed class FieldExtractor(GoldenNormalizer normalizer, Action<string, object> add)
{
    public void Extract(IpPacket ip, string family, string prefix = "")
    {
        add(prefix + family + ".source", ip.Source);
        add(prefix + family + ".destination", ip.Destination);
        add(prefix + family + ".traffic_class", ip.TrafficClass);
        add(prefix + family + ".hop_limit", ip.HopLimit);
        add(prefix + family + ".length", ip.LengthField);
        add(prefix + family + ".protocol", ip.Protocol);
        if (ip.Version == 4)
        {
            add(prefix + "ipv4.df", ip.DontFragment);
            add(prefix + "ipv4.identification", normalizer.Token("id", ip.Identification));
            add(prefix + "ipv4.header_checksum", ip.HeaderChecksumValid == true ? "valid" : "invalid");
        }
        else
        {
            add(prefix + "ipv6.flow_label", ip.FlowLabel == 0 ? "0" : normalizer.Token("flow", ip.FlowLabel));
        }

        if (ip.Fragment is { } fragment)
        {
            add(prefix + family + ".fragment", string.Create(CultureInfo.InvariantCulture, $"offset={fragment.Offset * 8} more={fragment.MoreFragments} id={normalizer.Token("id", fragment.Identification & 0xFFFF)}"));
        }

        if (!ip.HasUpperHeader)
        {
            add(prefix + "payload", Convert.ToHexString(ip.Upper.Span));
            return;
        }

        if (ip.SourcePort is { } sourcePort)
        {
            Transport(ip, prefix, sourcePort);
        }
        else if (ip.Icmp is { } icmp)
        {
            Icmp(ip, icmp, prefix);
        }
        else
        {
            add(prefix + "payload", Convert.ToHexString(ip.Upper.Span));
        }
    }

    private void Transport(IpPacket ip, string prefix, ushort sourcePort)
    {
        var name = ip.Protocol == IpProtocol.Tcp ? "tcp" : "udp";
        add(prefix + name + ".source_port", normalizer.Port(sourcePort));
        add(prefix + name + ".destination_port", normalizer.Port(ip.DestinationPort!.Value));
        var upper = ip.Upper.Span;
        if (prefix.Length == 0 && ip.Protocol == IpProtocol.Tcp && TcpHeader.TryParse(upper, out var tcp))
        {
            var flow = $"{ip.Source}:{sourcePort}>{ip.Destination}:{ip.DestinationPort}";
            var reverse = $"{ip.Destination}:{ip.DestinationPort}>{ip.Source}:{sourcePort}";
            add("tcp.sequence", normalizer.RelativeSequence(flow, tcp.SequenceNumber));
            add("tcp.acknowledgment", (tcp.Flags & 0x10) != 0 ? normalizer.RelativeSequence(reverse, tcp.AcknowledgmentNumber) : "-");
            add("tcp.flags", "0x" + tcp.Flags.ToString("x2", CultureInfo.InvariantCulture));
            add("tcp.checksum", ChecksumValid(ip) ? "valid" : "invalid");
            add("payload", Convert.ToHexString(upper[tcp.HeaderLength..]));
        }
        else if (prefix.Length == 0 && UdpHeader.TryParse(upper, out _))
        {
            add("udp.checksum", ChecksumValid(ip) ? "valid" : "invalid");
            add("payload", Convert.ToHexString(upper[UdpHeader.Length..]));
        }
    }

    private void Icmp(IpPacket ip, IcmpMessage icmp, string prefix)
    {
        var family = ip.Version == 4 ? "icmp" : "icmpv6";
        add(prefix + family + ".type", icmp.Type);
        add(prefix + family + ".code", icmp.Code);
        if (icmp.IsEcho(ip.Version))
        {
            add(prefix + family + ".identifier", normalizer.Token("echo", icmp.Identifier));
            add(prefix + family + ".sequence", icmp.SequenceNumber);
            add(prefix + "payload", Convert.ToHexString(icmp.Body.Span));
        }
        else
        {
            add(prefix + family + ".rest_of_header", icmp.RestOfHeader);
        }

        if (prefix.Length == 0)
        {
            var valid = ip.Version == 6
                ? InternetChecksum.VerifyWithPseudoHeader(ip.SourceBytes, ip.DestinationBytes, IpProtocol.IcmpV6, ip.Upper.Span)
                : InternetChecksum.Fold(InternetChecksum.Sum(ip.Upper.Span)) == 0xFFFF;
            add(family + ".checksum", valid ? "valid" : "invalid");
            if (icmp.Inner is { } inner)
            {
                Extract(inner, inner.Version == 4 ? "ipv4" : "ipv6", "inner.");
            }
        }
    }

    private static bool ChecksumValid(IpPacket ip) =>
        (ip.Protocol == IpProtocol.Udp && ip.Version == 4 && ip.Upper.Span[6] == 0 && ip.Upper.Span[7] == 0)
        || InternetChecksum.VerifyWithPseudoHeader(ip.SourceBytes, ip.DestinationBytes, ip.Protocol, ip.Upper.Span);
}
