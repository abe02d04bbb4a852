using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>RFC 7915 §4.1: the IPv6 header (and Fragment header) made from an IPv4 header.</summary>
internal static class Ipv4ToIpv6HeaderRules
{
    private const string Header = "RFC 7915 §4.1";

    // expectedPayloadLength is computed by the caller and excludes the Fragment header.
    public static void Check(VerdictBuilder checks, TranslationContext context, IpPacket before, IpPacket after, int expectedPayloadLength, int? lengthCap, FlowExpectation flow)
    {
        if (!checks.IsInner)
        {
            if (before.HasUnexpiredSourceRoute)
            {
                checks.Check(FieldNames.Ipv4SourceRoute, false, Header, "not translated: unexpired source route (drop, send ICMPv4 3/5)", "translated");
            }

            // A router, translator included, must discard an IPv4 packet whose header checksum fails.
            var beforeValid = before.HeaderChecksumValid == true;
            checks.Check(FieldNames.Before + FieldNames.Ipv4HeaderChecksum, beforeValid, "RFC 1812 §5.2.2", "valid (else the packet must not be forwarded)", beforeValid ? "valid" : "invalid");
        }

        var needsFragmentHeader = before.Fragment is not null;
        var protocol = HeaderRuleHelpers.MapProtocol(before.Protocol, 6);
        checks.Equal(FieldNames.Ipv6Version, 6, after.Version, Header);
        HeaderRuleHelpers.TrafficClass(checks, FieldNames.Ipv6TrafficClass, context.Tos, before.TrafficClass, after.TrafficClass, Header);
        checks.Equal(FieldNames.Ipv6FlowLabel, 0, after.FlowLabel, Header);
        var fragmentBytes = needsFragmentHeader ? Ipv6FragmentHeader.Length : 0;
        HeaderRuleHelpers.Length(checks, FieldNames.Ipv6PayloadLength, expectedPayloadLength + fragmentBytes, lengthCap, after.LengthField, Header);
        checks.Equal(FieldNames.Ipv6NextHeader, needsFragmentHeader ? (int)IpProtocol.Fragment : protocol, (int)after.NextHeader, Header);
        HeaderRuleHelpers.HopLimit(checks, FieldNames.Ipv6HopLimit, before.HopLimit, after.HopLimit, Header, 1 + context.ForwardingHops);
        AddressRules.CheckIpv4ToIpv6(checks, context, FieldNames.Ipv6Source, before.SourceBytes, after.SourceBytes, clientSide: checks.IsInner, flow.Source);
        AddressRules.CheckIpv4ToIpv6(checks, context, FieldNames.Ipv6Destination, before.DestinationBytes, after.DestinationBytes, clientSide: !checks.IsInner, flow.Destination);
        checks.Equal(FieldNames.Ipv6ExtensionHeaders, 0, after.SkippedExtensionLength, Header + " (no extension headers but Fragment)");
        checks.Check(
            FieldNames.Ipv6FragmentHeader,
            needsFragmentHeader == after.Fragment is not null,
            Header,
            needsFragmentHeader ? "present (IPv4 packet is a fragment)" : "absent (IPv4 packet is not a fragment)",
            after.Fragment is null ? "absent" : "present");
        if (before.Fragment is { } fragment && after.Fragment is { } translated)
        {
            checks.Equal(FieldNames.Ipv6FragmentNextHeader, (int)protocol, (int)after.Protocol, Header);
            checks.Equal(FieldNames.Ipv6FragmentIdentification, fragment.Identification, translated.Identification, Header + " (low 16 bits copied, high 16 zero)");
            checks.Equal(FieldNames.Ipv6FragmentOffset, fragment.Offset, translated.Offset, Header);
            checks.Equal(FieldNames.Ipv6FragmentM, fragment.MoreFragments, translated.MoreFragments, Header);
        }
    }
}
