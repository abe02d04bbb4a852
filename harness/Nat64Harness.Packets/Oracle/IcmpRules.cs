using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>RFC 7915 §4.2/§4.3 and §5.2/§5.3: ICMP type/code, echo fields, MTU, pointer, checksum and the embedded packet.</summary>
internal static class IcmpRules
{
    public static void Check(VerdictBuilder checks, TranslationContext context, IpPacket before, IpPacket after, FlowExpectation flow)
    {
        var toV6 = after.Version == 6;
        var family = toV6 ? "icmpv6" : "icmp";
        var rfc = toV6 ? "RFC 7915 §4.2" : "RFC 7915 §5.2";
        if (!before.HasUpperHeader || !after.HasUpperHeader)
        {
            checks.Bytes("fragment.payload", before.Upper.Span, after.Upper.Span, toV6 ? "RFC 7915 §4.1" : "RFC 7915 §5.1.1");
            return;
        }

        var b = before.Icmp!;
        var a = after.Icmp!;
        var mapped = toV6 ? IcmpTranslationTable.ToIcmpv6(b.Type, b.Code) : IcmpTranslationTable.ToIcmpv4(b.Type, b.Code);
        if (mapped is not { } expected)
        {
            checks.Check($"{family}.type", $"none: type {b.Type} code {b.Code} is silently dropped", $"{a.Type}/{a.Code}", false, rfc);
            return;
        }

        checks.Equal($"{family}.type", (int)expected.Type, (int)a.Type, rfc);
        checks.Equal($"{family}.code", (int)expected.Code, (int)a.Code, rfc);
        if (b.IsEcho(before.Version))
        {
            Identifier(checks, $"{family}.identifier", b.Identifier, a.Identifier, flow, rfc);
            checks.Equal($"{family}.sequence", (int)b.SequenceNumber, (int)a.SequenceNumber, rfc);
            checks.Bytes($"{family}.data", b.Body.Span, a.Body.Span, rfc);
        }
        else
        {
            CheckErrorHeader(checks, context, b, a, toV6);
            InnerPacketRules.Check(checks.Nested("inner."), context, b, a);
        }

        if (before.Fragment is null && after.Fragment is null)
        {
            var beforeFamily = toV6 ? "icmp" : "icmpv6";
            checks.Check($"before.{beforeFamily}.checksum", "valid", Valid(before) ? "valid" : "invalid", Valid(before), toV6 ? "RFC 792" : "RFC 4443 §2.3");
            checks.Check($"{family}.checksum", toV6 ? "valid, pseudo-header included" : "valid, no pseudo-header", Valid(after) ? "valid" : "invalid", Valid(after), rfc + (toV6 ? " / RFC 4443 §2.3" : string.Empty));
        }
    }

    private static void CheckErrorHeader(VerdictBuilder checks, TranslationContext context, IcmpMessage b, IcmpMessage a, bool toV6)
    {
        if (toV6 && b.Type == 3 && b.Code == 4)
        {
            checks.Equal("icmpv6.mtu", ExpectedPtbMtu(context, b), (int)a.RestOfHeader, context.MinimumPacketTooBigMtu is { } floor ? $"RFC 7915 §4.2 (MTU+20, RFC 1191 plateau when 0) / RFC 8200 §5 (not below {floor})" : "RFC 7915 §4.2 (MTU+20, RFC 1191 plateau when 0)");
        }
        else if (!toV6 && b.Type == 2)
        {
            var mtu = (long)b.RestOfHeader - 20;
            mtu = Math.Min(mtu, context.Ipv4NextHopMtu ?? int.MaxValue);
            mtu = Math.Min(mtu, (context.Ipv6NextHopMtu ?? int.MaxValue) - 20L);
            checks.Equal("icmp.mtu", (int)Math.Clamp(mtu, 0, ushort.MaxValue), (int)(a.RestOfHeader & 0xFFFF), "RFC 7915 §5.2 (MTU−20)");
            checks.Equal("icmp.unused", 0, (int)(a.RestOfHeader >> 16), "RFC 1191 §4");
        }
        else if (toV6 && b.Type == 3 && b.Code == 2)
        {
            checks.Equal("icmpv6.pointer", 6L, (long)a.RestOfHeader, "RFC 7915 §4.2 (pointer to Next Header)");
        }
        else if (toV6 && b.Type == 12)
        {
            var pointer = IcmpTranslationTable.PointerToIcmpv6((int)(b.RestOfHeader >> 24));
            checks.Check("icmpv6.pointer", pointer?.ToString() ?? "none: packet must be dropped", a.RestOfHeader.ToString(), pointer == a.RestOfHeader, "RFC 7915 §4.2 Figure 3");
        }
        else if (!toV6 && b.Type == 4 && b.Code == 0)
        {
            var pointer = IcmpTranslationTable.PointerToIcmpv4(b.RestOfHeader);
            checks.Check("icmp.pointer", pointer?.ToString() ?? "none: packet must be dropped", (a.RestOfHeader >> 24).ToString(), pointer == a.RestOfHeader >> 24, "RFC 7915 §5.2 Figure 6");
        }

    }

    /// <summary>Stateless: copied. Stateful: the BIB's identifier (RFC 6146 §3.5.3).</summary>
    internal static void Identifier(VerdictBuilder checks, string field, ushort before, ushort seen, FlowExpectation flow, string rfc)
    {
        if (flow.Identifier is { Port: { } expected } side)
        {
            checks.Check(field, expected, seen.ToString(System.Globalization.CultureInfo.InvariantCulture), side.PortPassed, TransportMappingRules.IcmpBib);
            return;
        }

        checks.Equal(field, (int)before, (int)seen, rfc);
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

    private static bool Valid(IpPacket packet) => packet.Version == 6
        ? InternetChecksum.VerifyWithPseudoHeader(packet.SourceBytes, packet.DestinationBytes, IpProtocol.IcmpV6, packet.Upper.Span)
        : InternetChecksum.Fold(InternetChecksum.Sum(packet.Upper.Span)) == 0xFFFF;
}
