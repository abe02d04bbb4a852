using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>RFC 7915 §4.2/§4.3 and §5.2/§5.3: ICMP type/code, echo fields, MTU, pointer, checksum and the embedded packet.</summary>
internal static class IcmpRules
{
    private const string ToIcmpv6 = "RFC 7915 §4.2";
    private const string ToIcmpv4 = "RFC 7915 §5.2";
    private const string WithIcmpv6Checksum = " / RFC 4443 §2.3";

    public static void Check(VerdictBuilder checks, TranslationContext context, IpPacket before, IpPacket after, FlowExpectation flow)
    {
        var toV6 = after.Version == 6;
        var version = after.Version;
        var rfc = toV6 ? ToIcmpv6 : ToIcmpv4;
        if (before.Fragment is { IsAtomic: false } && !checks.IsInner)
        {
            checks.Check(FieldNames.IcmpTypeOf(version), false, "RFC 7915 §1.2", "none: fragmented ICMP is not translated", "translated");
        }

        if (!before.HasUpperHeader || !after.HasUpperHeader)
        {
            checks.Bytes(FieldNames.FragmentPayload, before.Upper.Span, after.Upper.Span, toV6 ? "RFC 7915 §4.1" : "RFC 7915 §5.1.1");
            return;
        }

        var b = before.Icmp!;
        var a = after.Icmp!;
        var mapped = toV6 ? IcmpTranslationTable.ToIcmpv6(b.Type, b.Code) : IcmpTranslationTable.ToIcmpv4(b.Type, b.Code);
        if (mapped is not { } expected)
        {
            checks.Check(FieldNames.IcmpTypeOf(version), false, rfc, $"none: type {b.Type} code {b.Code} is silently dropped", $"{a.Type}/{a.Code}");
            return;
        }

        checks.Equal(FieldNames.IcmpTypeOf(version), (int)expected.Type, (int)a.Type, rfc);
        checks.Equal(FieldNames.IcmpCodeOf(version), (int)expected.Code, (int)a.Code, rfc);
        var whole = before.Fragment is null && after.Fragment is null;
        if (b.IsEcho(before.Version))
        {
            Identifier(checks, FieldNames.IcmpIdentifierOf(version), b.Identifier, a.Identifier, flow, rfc);
            checks.Equal(FieldNames.IcmpSequenceOf(version), (int)b.SequenceNumber, (int)a.SequenceNumber, rfc);
            checks.Bytes(toV6 ? FieldNames.Icmpv6Data : FieldNames.IcmpData, b.Body.Span, a.Body.Span, rfc);
            if (whole)
            {
                // Echo messages are translated by updating the checksum: a corrupt one stays as corrupt.
                TransportRules.CheckCarriedChecksum(checks, FieldNames.IcmpChecksumOf(version), before, after, toV6 ? ToIcmpv6 + WithIcmpv6Checksum : ToIcmpv4);
            }

            return;
        }

        CheckErrorHeader(checks, context, b, a, toV6);
        IcmpExtensionRules.Check(checks, before, after);
        InnerPacketRules.Check(checks.Nested(FieldNames.Inner), context, b, a);
        if (whole)
        {
            // An error's embedded packet is rewritten, so its checksum is computed afresh: it must verify.
            var valid = TransportRules.ChecksumResidual(after) == TransportRules.ValidResidual;
            checks.Check(FieldNames.IcmpChecksumOf(version), valid, toV6 ? ToIcmpv6 + WithIcmpv6Checksum : ToIcmpv4, toV6 ? "valid, pseudo-header included" : "valid, no pseudo-header", valid ? "valid" : "invalid");
        }
    }

    /// <summary>Stateless: copied. Stateful: the BIB's identifier (RFC 6146 §3.5.3).</summary>
    internal static void Identifier(VerdictBuilder checks, string field, ushort before, ushort seen, FlowExpectation flow, string rfc)
    {
        if (flow.Identifier is { Port: { } expected } side)
        {
            checks.Check(field, side.PortPassed, TransportMappingRules.IcmpBib, expected, $"{seen}");
            return;
        }

        checks.Equal(field, (int)before, (int)seen, rfc);
    }

    private static void CheckErrorHeader(VerdictBuilder checks, TranslationContext context, IcmpMessage b, IcmpMessage a, bool toV6)
    {
        if (toV6 && b.Type == 3 && b.Code == 4)
        {
            checks.Equal(FieldNames.Icmpv6Mtu, ExpectedPtbMtu(context, b), (int)a.RestOfHeader, context.MinimumPacketTooBigMtu is { } floor ? $"RFC 7915 §4.2 (MTU+20, RFC 1191 plateau when 0) / RFC 8200 §5 (not below {floor})" : "RFC 7915 §4.2 (MTU+20, RFC 1191 plateau when 0)");
        }
        else if (!toV6 && b.Type == 2)
        {
            // RFC 7915 §5.2: "taking into account whether or not the packet in error includes a Fragment Header":
            // its IPv4 form loses 20 bytes of header, or 28 when the IPv6 packet carried a Fragment header.
            var fragment = b.Inner?.Fragment is not null;
            var mtu = (long)b.RestOfHeader - (fragment ? 28 : 20);
            mtu = Math.Min(mtu, context.Ipv4NextHopMtu ?? int.MaxValue);
            mtu = Math.Min(mtu, (context.Ipv6NextHopMtu ?? int.MaxValue) - 20L);
            checks.Equal(FieldNames.IcmpMtu, (int)Math.Clamp(mtu, 0, ushort.MaxValue), (int)(a.RestOfHeader & 0xFFFF), fragment ? "RFC 7915 §5.2 (MTU−28: the packet in error had a Fragment header)" : "RFC 7915 §5.2 (MTU−20)");
            checks.Equal(FieldNames.IcmpUnused, 0, (int)(a.RestOfHeader >> 16), "RFC 1191 §4");
        }
        else if (toV6 && b.Type == 3 && b.Code == 2)
        {
            checks.Equal(FieldNames.Icmpv6Pointer, 6L, (long)a.RestOfHeader, "RFC 7915 §4.2 (pointer to Next Header)");
        }
        else if (toV6 && b.Type == 12)
        {
            var pointer = IcmpTranslationTable.PointerToIcmpv6((int)(b.RestOfHeader >> 24));
            checks.Check(FieldNames.Icmpv6Pointer, pointer == a.RestOfHeader, "RFC 7915 §4.2 Figure 3", pointer is { } p ? $"{p}" : "none: packet must be dropped", $"{a.RestOfHeader}");
        }
        else if (!toV6 && b.Type == 4 && b.Code == 0)
        {
            var pointer = IcmpTranslationTable.PointerToIcmpv4(b.RestOfHeader);
            checks.Check(FieldNames.IcmpPointer, pointer == a.RestOfHeader >> 24, "RFC 7915 §5.2 Figure 6", pointer is { } p ? $"{p}" : "none: packet must be dropped", $"{a.RestOfHeader >> 24}");
        }
    }

    private static int ExpectedPtbMtu(TranslationContext context, IcmpMessage b)
    {
        var advertised = (int)(b.RestOfHeader & 0xFFFF);
        if (advertised == 0)
        {
            advertised = IcmpTranslationTable.Plateau(b.Inner?.LengthField ?? 0);
        }

        long mtu = advertised + 20;
        mtu = Math.Min(mtu, context.Ipv6NextHopMtu ?? int.MaxValue);
        mtu = Math.Min(mtu, (context.Ipv4NextHopMtu ?? int.MaxValue) + 20L);
        return (int)Math.Max(mtu, context.MinimumPacketTooBigMtu ?? 0);
    }
}
