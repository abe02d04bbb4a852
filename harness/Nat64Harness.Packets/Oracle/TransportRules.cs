using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// RFC 7915 §4.5 / §5.5: TCP and UDP pass unchanged except their checksum, which covers the new pseudo-header —
/// and, stateful (RFC 6146), the client / pool4 port the BIB rewrites.
/// </summary>
internal static class TransportRules
{
    public static void Check(VerdictBuilder checks, IpPacket before, IpPacket after, FlowExpectation flow)
    {
        var rfc = after.Version == 6 ? "RFC 7915 §4.5" : "RFC 7915 §5.5";
        if (!before.HasUpperHeader || !after.HasUpperHeader)
        {
            checks.Bytes("fragment.payload", before.Upper.Span, after.Upper.Span, after.Version == 6 ? "RFC 7915 §4.1" : "RFC 7915 §5.1.1");
            return;
        }

        var name = before.Protocol == IpProtocol.Tcp ? "tcp" : "udp";
        var checksumOffset = name == "tcp" ? TcpHeader.ChecksumOffset : UdpHeader.ChecksumOffset;
        Port(checks, $"{name}.source_port", before.SourcePort!.Value, after.SourcePort!.Value, flow.Source, rfc);
        Port(checks, $"{name}.destination_port", before.DestinationPort!.Value, after.DestinationPort!.Value, flow.Destination, rfc);
        checks.BytesExceptChecksum(
            name == "tcp" ? "tcp.segment" : "udp.length_and_payload",
            before.Upper.Span[4..],
            after.Upper.Span[4..],
            checksumOffset - 4,
            rfc + " (everything but the checksum unchanged)");
        if (before.Fragment is null && after.Fragment is null)
        {
            CheckWholeChecksums(checks, name, before, after, rfc);
        }
        else
        {
            CheckAdjustedChecksum(checks, name, checksumOffset, before, after, rfc);
        }
    }

    /// <summary>Stateless: copied. Stateful, on the client / pool4 side: what the BIB says.</summary>
    internal static void Port(VerdictBuilder checks, string field, int before, int seen, EndpointExpectation? stateful, string rfc)
    {
        if (stateful?.Port is { } expected)
        {
            checks.Check(field, expected, seen.ToString(System.Globalization.CultureInfo.InvariantCulture), stateful.PortPassed, TransportMappingRules.Bib);
            return;
        }

        checks.Equal(field, before, seen, rfc);
    }

    private static void CheckWholeChecksums(VerdictBuilder checks, string name, IpPacket before, IpPacket after, string rfc)
    {
        checks.Check($"before.{name}.checksum", "valid", Describe(before, name), IsValid(before, name), before.Version == 6 ? "RFC 8200 §8.1" : "RFC 768 / RFC 9293 §3.1");
        checks.Check($"{name}.checksum", "valid over the translated pseudo-header", Describe(after, name), IsValid(after, name) && !IsZeroUdpChecksum(after, name), rfc);
    }

    // A stateless translator cannot recompute the checksum of a fragment: it must adjust the old one for the address change.
    private static void CheckAdjustedChecksum(VerdictBuilder checks, string name, int offset, IpPacket before, IpPacket after, string rfc)
    {
        var old = (ushort)((before.Upper.Span[offset] << 8) | before.Upper.Span[offset + 1]);
        var seen = (ushort)((after.Upper.Span[offset] << 8) | after.Upper.Span[offset + 1]);
        var removed = InternetChecksum.Sum(before.DestinationBytes, InternetChecksum.Sum(before.SourceBytes));
        var added = InternetChecksum.Sum(after.DestinationBytes, InternetChecksum.Sum(after.SourceBytes));
        var expected = InternetChecksum.Adjust(old, removed, added);
        checks.Check($"{name}.checksum", $"0x{expected:x4} (adjusted for the new addresses)", $"0x{seen:x4}", seen == expected, rfc);
    }

    private static bool IsValid(IpPacket packet, string name)
    {
        if (IsZeroUdpChecksum(packet, name))
        {
            return packet.Version == 4;
        }

        return InternetChecksum.VerifyWithPseudoHeader(packet.SourceBytes, packet.DestinationBytes, packet.Protocol, packet.Upper.Span);
    }

    private static bool IsZeroUdpChecksum(IpPacket packet, string name) =>
        name == "udp" && packet.Upper.Span[UdpHeader.ChecksumOffset] == 0 && packet.Upper.Span[UdpHeader.ChecksumOffset + 1] == 0;

    private static string Describe(IpPacket packet, string name) =>
        IsZeroUdpChecksum(packet, name) ? "zero (no checksum)" : IsValid(packet, name) ? "valid" : "invalid";

    internal static byte[] WithoutChecksum(ReadOnlySpan<byte> bytes, int checksumOffset)
    {
        var copy = bytes.ToArray();
        if (checksumOffset >= 0 && checksumOffset + 2 <= copy.Length)
        {
            copy[checksumOffset] = 0;
            copy[checksumOffset + 1] = 0;
        }

        return copy;
    }
}
