using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// The packets RFC 7915 tells a translator not to translate, one rule each: judged as "dropped / answered as
/// required" when they do not come out, and their translation a failure (see the header and ICMP rules).
/// </summary>
internal static class RefusalRules
{
    private static readonly Refusal HeaderChecksum = new(RefusalKind.SilentDrop, "IPv4 header checksum invalid", "RFC 1812 §5.2.2 / RFC 7915 §4");
    private static readonly Refusal SourceRoute = new(RefusalKind.DropAndAnswer, "unexpired source route option", "RFC 7915 §4.1", 3, 5);
    private static readonly Refusal Igmp = new(RefusalKind.SilentDrop, "IGMP message", "RFC 7915 §4.2 (IGMP: SHOULD be silently dropped)");
    private static readonly Refusal FragmentedIcmp = new(RefusalKind.SilentDrop, "fragmented ICMP", "RFC 7915 §1.2 (fragmented ICMP/ICMPv6 is not translated)");
    private static readonly Refusal ZeroChecksumFragment = new(RefusalKind.DropMayAnswer, "first fragment of a UDP datagram with checksum zero", "RFC 7915 §4.5 (stateless: SHOULD drop) / §4.4 (3/13 allowed)", 3, 13);
    private static readonly Refusal ZeroChecksumDrop = new(RefusalKind.DropMayAnswer, "UDP checksum zero, translator configured to drop", "RFC 7915 §4.5 (option 1) / §4.4 (3/13 allowed)", 3, 13);
    private static readonly Refusal ExtensionAfterFragment = new(RefusalKind.DropMayAnswer, "extension header after the Fragment header", "RFC 7915 §5.1 (Total Length: SHOULD be dropped) / §5.4 (1/1 allowed)", 1, 1);
    private static readonly Refusal CorruptChecksum = new(RefusalKind.MayDrop, "transport checksum invalid", "RFC 7915 §4.5 / §5.5 (a router need not verify it; dropping is allowed)");

    /// <summary>The refusal that applies to an outer packet sent into the translator, or null when it must be translated.</summary>
    public static Refusal? Expect(TranslationContext context, IpPacket packet) =>
        packet.Version == 4 ? ExpectIpv4(context, packet) : ExpectIpv6(packet);

    private static Refusal? ExpectIpv4(TranslationContext context, IpPacket packet)
    {
        if (packet.HeaderChecksumValid != true)
        {
            return HeaderChecksum;
        }

        if (packet.HasUnexpiredSourceRoute)
        {
            return SourceRoute;
        }

        if (packet.Protocol == IpProtocol.Igmp)
        {
            return Igmp;
        }

        if (packet.Protocol == IpProtocol.Icmp)
        {
            return Icmp(packet, IcmpTranslationTable.ToIcmpv6, "RFC 7915 §4.2");
        }

        if (packet.Protocol == IpProtocol.Udp && packet.HasUpperHeader && packet.UpperError is null && IsZeroChecksum(packet))
        {
            if (packet.Fragment is { IsFirst: true, MoreFragments: true } && !context.IsStateful)
            {
                return ZeroChecksumFragment;
            }

            if (packet.Fragment is null && context.ZeroChecksumUdp == ZeroChecksumUdpPolicy.Drop)
            {
                return ZeroChecksumDrop;
            }

            return null;
        }

        return CorruptTransport(packet);
    }

    private static Refusal? ExpectIpv6(IpPacket packet)
    {
        if (packet.RoutingSegmentsLeft > 0)
        {
            // With an extension header after the Fragment header as well, the §5.4 default error (1/1) answers it too.
            return new Refusal(RefusalKind.DropAndAnswer, "Routing header with Segments Left ≠ 0", "RFC 7915 §5.1", 4, 0, (uint)packet.SegmentsLeftPointer)
            {
                Alternative = packet.ExtensionAfterFragment ? (1, 1) : null,
            };
        }

        if (packet.ExtensionAfterFragment)
        {
            return ExtensionAfterFragment;
        }

        return packet.Protocol == IpProtocol.IcmpV6 ? Icmp(packet, IcmpTranslationTable.ToIcmpv4, "RFC 7915 §5.2") : CorruptTransport(packet);
    }

    private static Refusal? Icmp(IpPacket packet, Func<byte, byte, (byte Type, byte Code)?> map, string rfc)
    {
        if (packet.Fragment is { IsAtomic: false })
        {
            return FragmentedIcmp;
        }

        if (packet.Icmp is not { } icmp)
        {
            return null;
        }

        if (map(icmp.Type, icmp.Code) is null)
        {
            return new Refusal(RefusalKind.SilentDrop, $"ICMPv{packet.Version} type {icmp.Type} code {icmp.Code} has no translation", rfc + " (silently drop)");
        }

        if (IcmpTranslationTable.HasUntranslatablePointer(packet.Version, icmp))
        {
            return new Refusal(RefusalKind.SilentDrop, "Parameter Problem pointer with no counterpart", rfc + " (pointer n/a: silently drop)");
        }

        return TransportRules.ChecksumResidual(packet) == TransportRules.ValidResidual ? null : CorruptChecksum;
    }

    private static Refusal? CorruptTransport(IpPacket packet) =>
        packet.Fragment is null && packet.Protocol is IpProtocol.Tcp or IpProtocol.Udp && packet.UpperError is null
        && TransportRules.ChecksumResidual(packet) != TransportRules.ValidResidual && !(packet.Version == 4 && IsZeroChecksum(packet))
            ? CorruptChecksum
            : null;

    private static bool IsZeroChecksum(IpPacket packet) =>
        packet.Protocol == IpProtocol.Udp && packet.Upper.Length >= UdpHeader.Length
        && packet.Upper.Span[UdpHeader.ChecksumOffset] == 0 && packet.Upper.Span[UdpHeader.ChecksumOffset + 1] == 0;
}
