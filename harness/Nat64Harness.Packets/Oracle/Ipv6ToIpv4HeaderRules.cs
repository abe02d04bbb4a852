using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>RFC 7915 §5.1 and §5.1.1: the IPv4 header made from an IPv6 header.</summary>
internal static class Ipv6ToIpv4HeaderRules
{
    private const string Header = "RFC 7915 §5.1";
    private const string FragmentRule = "RFC 7915 §5.1.1";
    private const string NotJudged = "any (not fragmented)";

    // expectedTotalLength is computed by the caller: ICMP errors change the payload size.
    public static void Check(VerdictBuilder checks, TranslationContext context, IpPacket before, IpPacket after, int expectedTotalLength, int? lengthCap, FlowExpectation flow)
    {
        if (!checks.IsInner)
        {
            if (before.RoutingSegmentsLeft > 0)
            {
                checks.Check(FieldNames.Ipv6RoutingHeader, false, Header, $"not translated: Segments Left {before.RoutingSegmentsLeft} ≠ 0 (send ICMPv6 Parameter Problem)", "translated");
            }

            if (before.ExtensionAfterFragment)
            {
                checks.Check(FieldNames.Ipv6ExtensionAfterFragment, false, Header + " (Total Length)", "not translated: an extension header follows the Fragment header (SHOULD be dropped)", "translated");
            }
        }

        checks.Equal(FieldNames.Ipv4Version, 4, after.Version, Header);
        checks.Equal(FieldNames.Ipv4Ihl, 5, after.HeaderLength / 4, Header + " (no IPv4 options)");
        HeaderRuleHelpers.TrafficClass(checks, FieldNames.Ipv4Tos, context.Tos, before.TrafficClass, after.TrafficClass, Header);
        HeaderRuleHelpers.Length(checks, FieldNames.Ipv4TotalLength, expectedTotalLength, lengthCap, after.LengthField, Header);
        HeaderRuleHelpers.HopLimit(checks, FieldNames.Ipv4Ttl, before.HopLimit, after.HopLimit, Header, 1 + context.ForwardingHops);
        checks.Equal(FieldNames.Ipv4Protocol, (int)HeaderRuleHelpers.MapProtocol(before.Protocol, 4), (int)after.Protocol, Header);
        var checksumValid = after.HeaderChecksumValid == true;
        checks.Check(FieldNames.Ipv4HeaderChecksum, checksumValid, Header + " / RFC 791 §3.1", "valid", checksumValid ? "valid" : "invalid");
        AddressRules.CheckIpv6ToIpv4(checks, context, FieldNames.Ipv4Source, before.SourceBytes, after.SourceBytes, clientSide: !checks.IsInner, flow.Source);
        AddressRules.CheckIpv6ToIpv4(checks, context, FieldNames.Ipv4Destination, before.DestinationBytes, after.DestinationBytes, clientSide: checks.IsInner, flow.Destination);
        var moreFragments = after.Fragment?.MoreFragments ?? false;
        var offset = after.Fragment?.Offset ?? 0;
        if (before.Fragment is { } fragment)
        {
            checks.Equal(FieldNames.Ipv4Identification, (int)(fragment.Identification & 0xFFFF), (int)after.Identification, FragmentRule);
            checks.Equal(FieldNames.Ipv4Df, false, after.DontFragment, FragmentRule);
            checks.Equal(FieldNames.Ipv4Mf, fragment.MoreFragments, moreFragments, FragmentRule);
            checks.Equal(FieldNames.Ipv4FragmentOffset, fragment.Offset, offset, FragmentRule);
            return;
        }

        checks.Check(FieldNames.Ipv4Identification, true, Header, NotJudged, NotJudged);
        DontFragment(checks, context.DontFragment, after);
        checks.Equal(FieldNames.Ipv4Mf, false, moreFragments, Header);
        checks.Equal(FieldNames.Ipv4FragmentOffset, 0, offset, Header);
    }

    internal static void DontFragment(VerdictBuilder checks, DontFragmentRule rule, IpPacket after)
    {
        var size = after.LengthField;
        if (rule == DontFragmentRule.Rfc7915ExceptTcpSegments)
        {
            if (after.Protocol == IpProtocol.Tcp && !checks.IsInner)
            {
                checks.Check(FieldNames.Ipv4Df, true, "router profile: a TCP segment's DF follows its receive aggregate", "any (not judged for TCP)", VerdictBuilder.Text(after.DontFragment));
                return;
            }

            rule = DontFragmentRule.Rfc7915;
        }

        switch (rule)
        {
            case DontFragmentRule.Rfc7915:
                checks.Equal(FieldNames.Ipv4Df, size > 1260, after.DontFragment, size > 1260 ? "RFC 7915 §5.1 (DF=1 above 1260 bytes)" : "RFC 7915 §5.1 (DF=0 up to 1260 bytes)");
                break;
            case DontFragmentRule.AlwaysSet:
                checks.Equal(FieldNames.Ipv4Df, true, after.DontFragment, "RFC 6145 §5.1 (router profile: DF=1 always)");
                break;
            case DontFragmentRule.Rfc6145:
                var mayClear = size > 88 && size <= 1280;
                checks.Check(FieldNames.Ipv4Df, after.DontFragment || mayClear, "RFC 6145 §5.1", mayClear ? "1, or 0 (88 < size ≤ 1280)" : "1", VerdictBuilder.Text(after.DontFragment));
                break;
            default:
                checks.Check(FieldNames.Ipv4Df, true, Header, "any (not judged)", VerdictBuilder.Text(after.DontFragment));
                break;
        }
    }
}
