using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// An ICMP error from a hop behind the translator but between the capture points (a forwarding hop of the translator's
/// own host, or its own output path) is seen only once the translator has translated it back (RFC 7915 §4.3 / §5.3):
/// that hop held the translation of the packet sent, so the packet in error is that translation (§4.1 / §5.1),
/// translated back. It carries the sender's addresses, ports and data, and what a translation sets anew: Flow Label 0,
/// an Identification of the translator's choosing, DF by rule, neither IPv4 options nor IPv6 extension headers but
/// Fragment, and the hop limit the translation had when that hop received it.
/// </summary>
internal static class RoundTripRules
{
    private const string ThereAndBack6 = "RFC 7915 §5.1 then §4.1, via §4.3 (the translation, translated back)";
    private const string ThereAndBack4 = "RFC 7915 §4.1 then §5.1, via §5.3 (the translation, translated back)";

    public static void Check(VerdictBuilder checks, TranslationContext context, IpPacket sent, IcmpMessage icmp, HopLimitRange hopLimit, string hopRfc)
    {
        var rfc = sent.Version == 6 ? ThereAndBack6 : ThereAndBack4;
        if (icmp.Inner is not { } quoted || quoted.Version != sent.Version)
        {
            var seen = icmp.Inner is { } other ? $"IPv{other.Version}" : icmp.InnerError ?? "missing";
            checks.Check(FieldNames.InnerPacket, false, rfc, $"IPv{sent.Version}: the packet sent, translated and translated back", seen);
            return;
        }

        var inner = checks.Nested(FieldNames.Inner);
        if (sent.Version == 6)
        {
            CheckIpv6Header(inner, context, sent, quoted, rfc);
        }
        else
        {
            CheckIpv4Header(inner, context, sent, quoted, rfc);
        }

        inner.Check(FieldNames.HopLimit(sent.Version), hopLimit.Contains(quoted.HopLimit), hopRfc, $"{hopLimit}", $"{quoted.HopLimit}");
        var mapped = rfc + " (mapped and mapped back)";
        inner.Check(sent.Version == 6 ? FieldNames.Ipv6Source : FieldNames.Ipv4Source, sent.Source.Equals(quoted.Source), mapped, $"{sent.Source}", $"{quoted.Source}");
        inner.Check(sent.Version == 6 ? FieldNames.Ipv6Destination : FieldNames.Ipv4Destination, sent.Destination.Equals(quoted.Destination), mapped, $"{sent.Destination}", $"{quoted.Destination}");
        Transport(inner, sent, quoted, rfc);
    }

    private static void CheckIpv6Header(VerdictBuilder inner, TranslationContext context, IpPacket sent, IpPacket quoted, string rfc)
    {
        HeaderRuleHelpers.TrafficClass(inner, FieldNames.Ipv6TrafficClass, context.Tos, sent.TrafficClass, quoted.TrafficClass, rfc);
        inner.Equal(FieldNames.Ipv6FlowLabel, 0, quoted.FlowLabel, "RFC 7915 §4.1 (Flow Label: all zero), via §4.3");
        inner.Equal(FieldNames.Ipv6PayloadLength, sent.LengthField - sent.SkippedExtensionLength, quoted.LengthField, rfc);
        inner.Equal(FieldNames.Ipv6NextHeader, sent.Fragment is null ? sent.Protocol : IpProtocol.Fragment, quoted.NextHeader, rfc);
        inner.Equal(FieldNames.Ipv6ExtensionHeaders, 0, quoted.SkippedExtensionLength, rfc + " (no extension headers but Fragment)");
        inner.Check(FieldNames.Ipv6FragmentHeader, sent.Fragment is null == quoted.Fragment is null, rfc, sent.Fragment is null ? "absent" : "present", quoted.Fragment is null ? "absent" : "present");
        if (sent.Fragment is { } f && quoted.Fragment is { } g)
        {
            inner.Equal(FieldNames.Ipv6FragmentIdentification, f.Identification & 0xFFFF, g.Identification, "RFC 7915 §5.1.1 (low 16 bits) then §4.1 (high 16 zero)");
            inner.Equal(FieldNames.Ipv6FragmentOffset, f.Offset, g.Offset, rfc);
            inner.Equal(FieldNames.Ipv6FragmentM, f.MoreFragments, g.MoreFragments, rfc);
        }
    }

    private static void CheckIpv4Header(VerdictBuilder inner, TranslationContext context, IpPacket sent, IpPacket quoted, string rfc)
    {
        inner.Equal(FieldNames.Ipv4Ihl, 5, quoted.HeaderLength / 4, rfc + " (no IPv4 options)");
        HeaderRuleHelpers.TrafficClass(inner, FieldNames.Ipv4Tos, context.Tos, sent.TrafficClass, quoted.TrafficClass, rfc);
        inner.Equal(FieldNames.Ipv4TotalLength, sent.LengthField - (sent.HeaderLength - Ipv4Header.MinLength), quoted.LengthField, rfc);
        inner.Equal(FieldNames.Ipv4Protocol, (int)sent.Protocol, (int)quoted.Protocol, rfc);
        var valid = quoted.HeaderChecksumValid == true;
        inner.Check(FieldNames.Ipv4HeaderChecksum, valid, "RFC 7915 §5.1 / RFC 791 §3.1", "valid", valid ? "valid" : "invalid");
        var fragment = quoted.Fragment ?? new FragmentInfo(quoted.Identification, 0, false);
        if (sent.Fragment is { } f)
        {
            inner.Equal(FieldNames.Ipv4Identification, (int)(f.Identification & 0xFFFF), (int)quoted.Identification, "RFC 7915 §4.1 then §5.1.1 (carried in the Fragment header)");
            inner.Equal(FieldNames.Ipv4Df, false, quoted.DontFragment, "RFC 7915 §5.1.1");
            inner.Equal(FieldNames.Ipv4Mf, f.MoreFragments, fragment.MoreFragments, rfc);
            inner.Equal(FieldNames.Ipv4FragmentOffset, f.Offset, fragment.Offset, rfc);
            return;
        }

        inner.Check(FieldNames.Ipv4Identification, true, "RFC 7915 §5.1", "any (chosen by the translator: the IPv6 packet had no Fragment header)", $"{quoted.Identification}");
        Ipv6ToIpv4HeaderRules.DontFragment(inner, context.DontFragment, quoted);
        inner.Equal(FieldNames.Ipv4Mf, false, fragment.MoreFragments, rfc);
        inner.Equal(FieldNames.Ipv4FragmentOffset, 0, fragment.Offset, rfc);
    }

    // Ports, identifiers and data come back as sent; so does a transport checksum, whose two updates cancel.
    private static void Transport(VerdictBuilder inner, IpPacket sent, IpPacket quoted, string rfc)
    {
        var length = Math.Min(sent.Upper.Length, quoted.Upper.Length);
        var before = sent.Upper.Span[..length];
        var after = quoted.Upper.Span[..length];
        if (!sent.HasUpperHeader || !quoted.HasUpperHeader)
        {
            inner.Bytes(FieldNames.FragmentPayload, before, after, rfc);
            return;
        }

        if (sent.SourcePort is { } sourcePort && quoted.SourcePort is { } seenSource && sent.DestinationPort is { } destinationPort && quoted.DestinationPort is { } seenDestination)
        {
            var tcp = sent.Protocol == IpProtocol.Tcp;
            var checksumOffset = tcp ? TcpHeader.ChecksumOffset : UdpHeader.ChecksumOffset;
            inner.Equal(FieldNames.SourcePort(sent.Protocol), sourcePort, seenSource, rfc);
            inner.Equal(FieldNames.DestinationPort(sent.Protocol), destinationPort, seenDestination, rfc);
            if (length >= checksumOffset + 2)
            {
                inner.Equal(FieldNames.TransportChecksum(sent.Protocol), ReadChecksum(before, checksumOffset), ReadChecksum(after, checksumOffset), rfc + " (updated twice: as sent)");
            }

            inner.BytesExceptChecksum(tcp ? FieldNames.TcpSegment : FieldNames.UdpLengthAndPayload, before[4..], after[4..], checksumOffset - 4, rfc);
            return;
        }

        if (sent.Icmp is { } sentIcmp && quoted.Icmp is { } seenIcmp)
        {
            inner.Equal(FieldNames.IcmpTypeOf(sent.Version), (int)sentIcmp.Type, (int)seenIcmp.Type, rfc);
            inner.Equal(FieldNames.IcmpCodeOf(sent.Version), (int)sentIcmp.Code, (int)seenIcmp.Code, rfc);
            inner.Equal(FieldNames.IcmpChecksumOf(sent.Version), (int)sentIcmp.Checksum, (int)seenIcmp.Checksum, rfc + " (updated twice: as sent)");
            inner.Bytes(FieldNames.Data, before[Math.Min(4, length)..], after[Math.Min(4, length)..], rfc);
            return;
        }

        inner.Bytes(FieldNames.Payload, before, after, rfc);
    }

    private static int ReadChecksum(ReadOnlySpan<byte> upper, int offset) => (upper[offset] << 8) | upper[offset + 1];
}
