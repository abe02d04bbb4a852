using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>RFC 7915 §4.1: the IPv6 header (and Fragment header) made from an IPv4 header.</summary>
internal static class Ipv4ToIpv6HeaderRules
{
    private const string Header = "RFC 7915 §4.1";

    // expectedPayloadLength is computed by the caller and excludes the Fragment header.
    public static void Check(VerdictBuilder checks, TranslationContext context, IpPacket before, IpPacket after, int expectedPayloadLength, int? lengthCap, FlowExpectation flow)
    {
        if (before.HasUnexpiredSourceRoute && !checks.IsInner)
        {
            checks.Check("ipv4.source_route", "not translated: unexpired source route (drop, send ICMPv4 3/5)", "translated", false, Header);
        }

        if (!checks.IsInner)
        {
            // A router, translator included, must discard an IPv4 packet whose header checksum fails.
            checks.Check("before.ipv4.header_checksum", "valid (else the packet must not be forwarded)", before.HeaderChecksumValid == true ? "valid" : "invalid", before.HeaderChecksumValid == true, "RFC 1812 §5.2.2");
        }

        var needsFragmentHeader = before.Fragment is not null;
        var protocol = HeaderRuleHelpers.MapProtocol(before.Protocol, 6);
        checks.Equal("ipv6.version", 6, after.Version, Header);
        HeaderRuleHelpers.TrafficClass(checks, "ipv6.traffic_class", context.Tos, before.TrafficClass, after.TrafficClass, Header);
        checks.Equal("ipv6.flow_label", 0, after.FlowLabel, Header);
        var fragmentBytes = needsFragmentHeader ? Ipv6FragmentHeader.Length : 0;
        HeaderRuleHelpers.Length(checks, "ipv6.payload_length", expectedPayloadLength + fragmentBytes, lengthCap, after.LengthField, Header);
        checks.Equal("ipv6.next_header", needsFragmentHeader ? (int)IpProtocol.Fragment : protocol, (int)after.NextHeader, Header);
        HeaderRuleHelpers.HopLimit(checks, "ipv6.hop_limit", before.HopLimit, after.HopLimit, Header, 1 + context.ForwardingHops);
        var addresses = new AddressRules(context);
        addresses.CheckIpv4ToIpv6(checks, "ipv6.source", before.Source, after.Source, flow.Source);
        addresses.CheckIpv4ToIpv6(checks, "ipv6.destination", before.Destination, after.Destination, flow.Destination);
        checks.Equal("ipv6.extension_headers", 0, after.SkippedExtensionLength, Header + " (no extension headers but Fragment)");
        checks.Check(
            "ipv6.fragment_header",
            needsFragmentHeader ? "present (IPv4 packet is a fragment)" : "absent (IPv4 packet is not a fragment)",
            after.Fragment is null ? "absent" : "present",
            needsFragmentHeader == after.Fragment is not null,
            Header);
        if (before.Fragment is { } fragment && after.Fragment is { } translated)
        {
            checks.Equal("ipv6.fragment.next_header", (int)protocol, (int)after.Protocol, Header);
            checks.Equal("ipv6.fragment.identification", fragment.Identification, translated.Identification, Header + " (low 16 bits copied, high 16 zero)");
            checks.Equal("ipv6.fragment.offset", fragment.Offset, translated.Offset, Header);
            checks.Equal("ipv6.fragment.m", fragment.MoreFragments, translated.MoreFragments, Header);
        }
    }
}
