using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>RFC 7915 §5.1 and §5.1.1: the IPv4 header made from an IPv6 header.</summary>
internal static class Ipv6ToIpv4HeaderRules
{
    private const string Header = "RFC 7915 §5.1";
    private const string FragmentRule = "RFC 7915 §5.1.1";

    // expectedTotalLength is computed by the caller: ICMP errors change the payload size.
    public static void Check(VerdictBuilder checks, TranslationContext context, IpPacket before, IpPacket after, int expectedTotalLength, int? lengthCap, FlowExpectation flow)
    {
        if (before.RoutingSegmentsLeft > 0 && !checks.IsInner)
        {
            checks.Check("ipv6.routing_header", $"not translated: Segments Left {before.RoutingSegmentsLeft} ≠ 0 (send ICMPv6 Parameter Problem)", "translated", false, Header);
        }

        checks.Equal("ipv4.version", 4, after.Version, Header);
        checks.Equal("ipv4.ihl", 5, after.HeaderLength / 4, Header + " (no IPv4 options)");
        HeaderRuleHelpers.TrafficClass(checks, "ipv4.tos", context.Tos, before.TrafficClass, after.TrafficClass, Header);
        HeaderRuleHelpers.Length(checks, "ipv4.total_length", expectedTotalLength, lengthCap, after.LengthField, Header);
        HeaderRuleHelpers.HopLimit(checks, "ipv4.ttl", before.HopLimit, after.HopLimit, Header, 1 + context.ForwardingHops);
        checks.Equal("ipv4.protocol", (int)HeaderRuleHelpers.MapProtocol(before.Protocol, 4), (int)after.Protocol, Header);
        checks.Check("ipv4.header_checksum", "valid", after.HeaderChecksumValid == true ? "valid" : "invalid", after.HeaderChecksumValid == true, Header + " / RFC 791 §3.1");
        var addresses = new AddressRules(context);
        addresses.CheckIpv6ToIpv4(checks, "ipv4.source", before.Source, after.Source, flow.Source);
        addresses.CheckIpv6ToIpv4(checks, "ipv4.destination", before.Destination, after.Destination, flow.Destination);
        var afterFragment = after.Fragment ?? new FragmentInfo(after.Identification, 0, false);
        if (before.Fragment is { } fragment)
        {
            checks.Equal("ipv4.identification", (int)(fragment.Identification & 0xFFFF), (int)after.Identification, FragmentRule);
            checks.Equal("ipv4.df", false, after.DontFragment, FragmentRule);
            checks.Equal("ipv4.mf", fragment.MoreFragments, afterFragment.MoreFragments, FragmentRule);
            checks.Equal("ipv4.fragment_offset", fragment.Offset, afterFragment.Offset, FragmentRule);
            return;
        }

        checks.Check("ipv4.identification", "any (not fragmented)", after.Identification.ToString(), true, Header);
        DontFragment(checks, context.DontFragment, after);
        checks.Equal("ipv4.mf", false, afterFragment.MoreFragments, Header);
        checks.Equal("ipv4.fragment_offset", 0, afterFragment.Offset, Header);
    }

    private static void DontFragment(VerdictBuilder checks, DontFragmentRule rule, IpPacket after)
    {
        var size = after.LengthField;
        switch (rule)
        {
            case DontFragmentRule.Rfc7915:
                checks.Equal("ipv4.df", size > 1260, after.DontFragment, $"{Header} (DF=0 when the IPv4 packet is ≤ 1260 bytes, here {size})");
                break;
            case DontFragmentRule.Rfc6145:
                var mayClear = size > 88 && size <= 1280;
                checks.Check("ipv4.df", mayClear ? "1, or 0 (88 < size ≤ 1280)" : "1", VerdictBuilder.Text(after.DontFragment), after.DontFragment || mayClear, "RFC 6145 §5.1");
                break;
            default:
                checks.Check("ipv4.df", "any (not judged)", VerdictBuilder.Text(after.DontFragment), true, Header);
                break;
        }
    }
}
