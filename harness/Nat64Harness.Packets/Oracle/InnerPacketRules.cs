using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// RFC 7915 §4.3 / §5.3: the packet embedded in an ICMP error is translated like an outer header
/// (its TTL / hop limit copied, never decremented; it may be truncated, so only its first bytes are compared).
/// </summary>
internal static class InnerPacketRules
{
    public static void Check(VerdictBuilder checks, TranslationContext context, IcmpMessage before, IcmpMessage after)
    {
        var rfc = after.Inner?.Version == 4 ? "RFC 7915 §5.3" : "RFC 7915 §4.3";
        if (before.Inner is not { } b)
        {
            checks.Check(FieldNames.Packet, false, rfc, "before: decodable embedded packet", before.InnerError ?? "missing");
            return;
        }

        if (after.Inner is not { } a || a.Version == b.Version)
        {
            checks.Check(FieldNames.Packet, false, rfc, $"translated embedded IPv{(b.Version == 4 ? 6 : 4)} packet", after.InnerError ?? $"IPv{after.Inner?.Version}");
            return;
        }

        var flow = TransportMappingRules.Resolve(context, b, a);
        if (a.Version == 4)
        {
            Ipv6ToIpv4HeaderRules.Check(checks, context, b, a, b.LengthField - (b.HeaderLength - Ipv6Header.Length) + Ipv4Header.MinLength, null, flow);
        }
        else
        {
            Ipv4ToIpv6HeaderRules.Check(checks, context, b, a, b.LengthField - b.HeaderLength, null, flow);
        }

        CheckTransport(checks, b, a, flow, rfc);
    }

    private static void CheckTransport(VerdictBuilder checks, IpPacket b, IpPacket a, FlowExpectation flow, string rfc)
    {
        if (b.SourcePort is { } sourcePort && a.SourcePort is not null)
        {
            TransportRules.Port(checks, FieldNames.SourcePort(b.Protocol), sourcePort, a.SourcePort!.Value, flow.Source, rfc);
            TransportRules.Port(checks, FieldNames.DestinationPort(b.Protocol), b.DestinationPort!.Value, a.DestinationPort!.Value, flow.Destination, rfc);
        }
        else if (b.Icmp is { } bi && a.Icmp is { } ai && bi.IsEcho(b.Version))
        {
            var mapped = a.Version == 4 ? IcmpTranslationTable.ToIcmpv4(bi.Type, bi.Code) : IcmpTranslationTable.ToIcmpv6(bi.Type, bi.Code);
            checks.Equal(FieldNames.IcmpTypeOf(a.Version), (int)(mapped?.Type ?? 255), (int)ai.Type, rfc);
            IcmpRules.Identifier(checks, FieldNames.IcmpIdentifierOf(a.Version), bi.Identifier, ai.Identifier, flow, rfc);
            checks.Equal(FieldNames.IcmpSequenceOf(a.Version), (int)bi.SequenceNumber, (int)ai.SequenceNumber, rfc);
        }

        // Beyond the first 8 bytes, whatever both copies hold must agree (TCP's checksum at 16 may be updated).
        var length = Math.Min(b.Upper.Length, a.Upper.Length);
        if (length > 8)
        {
            var checksumOffset = b.Protocol == IpProtocol.Tcp ? TcpHeader.ChecksumOffset - 8 : -1;
            checks.BytesExceptChecksum(FieldNames.Data, b.Upper.Span[8..length], a.Upper.Span[8..length], checksumOffset, rfc);
        }
    }
}
