using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// RFC 7915 §4.5 / §5.5: TCP and UDP pass unchanged except their checksum, which covers the new pseudo-header —
/// and, stateful (RFC 6146), the client / pool4 port the BIB rewrites.
/// </summary>
/// <remarks>
/// A checksum is judged by its residual: the folded one's-complement sum of the pseudo-header and the whole segment,
/// checksum included, which is 0xFFFF exactly when the checksum verifies. Updating a checksum for the new addresses
/// (recomputed, or incrementally per RFC 1624) keeps a valid segment valid and an invalid one invalid by the same
/// amount, so a corrupt input must come out with the same residual: a translator that "repairs" it hides the
/// corruption from the receiver, and fails.
/// </remarks>
internal static class TransportRules
{
    /// <summary>The residual of a segment whose checksum verifies.</summary>
    public const ushort ValidResidual = 0xFFFF;

    private const string Everything = " (everything but the checksum unchanged)";

    public static void Check(VerdictBuilder checks, TranslationContext context, IpPacket before, IpPacket after, FlowExpectation flow)
    {
        var toV6 = after.Version == 6;
        var rfc = toV6 ? "RFC 7915 §4.5" : "RFC 7915 §5.5";
        if (!before.HasUpperHeader || !after.HasUpperHeader)
        {
            checks.Bytes(FieldNames.FragmentPayload, before.Upper.Span, after.Upper.Span, toV6 ? "RFC 7915 §4.1" : "RFC 7915 §5.1.1");
            return;
        }

        var tcp = before.Protocol == IpProtocol.Tcp;
        var checksumOffset = tcp ? TcpHeader.ChecksumOffset : UdpHeader.ChecksumOffset;
        Port(checks, FieldNames.SourcePort(before.Protocol), before.SourcePort!.Value, after.SourcePort!.Value, flow.Source, rfc);
        Port(checks, FieldNames.DestinationPort(before.Protocol), before.DestinationPort!.Value, after.DestinationPort!.Value, flow.Destination, rfc);
        checks.BytesExceptChecksum(
            tcp ? FieldNames.TcpSegment : FieldNames.UdpLengthAndPayload,
            before.Upper.Span[4..],
            after.Upper.Span[4..],
            checksumOffset - 4,
            toV6 ? "RFC 7915 §4.5" + Everything : "RFC 7915 §5.5" + Everything);
        if (before.Fragment is null && after.Fragment is null)
        {
            CheckWholeChecksums(checks, context, before, after, rfc);
        }
        else
        {
            CheckAdjustedChecksum(checks, context, checksumOffset, before, after, rfc);
        }
    }

    /// <summary>Stateless: copied. Stateful, on the client / pool4 side: what the BIB says.</summary>
    internal static void Port(VerdictBuilder checks, string field, int before, int seen, EndpointExpectation? stateful, string rfc)
    {
        if (stateful?.Port is { } expected)
        {
            checks.Check(field, stateful.PortPassed, TransportMappingRules.Bib, expected, $"{seen}");
            return;
        }

        checks.Equal(field, before, seen, rfc);
    }

    /// <summary>Folded sum over pseudo-header (none for ICMPv4) and upper-layer bytes: <see cref="ValidResidual"/> when the checksum verifies.</summary>
    internal static ushort ChecksumResidual(IpPacket packet)
    {
        var upper = packet.Upper.Span;
        var sum = packet.Protocol == IpProtocol.Icmp ? 0u : InternetChecksum.Fold(InternetChecksum.PseudoHeaderSum(packet.SourceBytes, packet.DestinationBytes, packet.Protocol, upper.Length));
        return InternetChecksum.Fold(InternetChecksum.Sum(upper, sum));
    }

    /// <summary>
    /// The checksum of a whole message (not a fragment): valid stays valid; a corrupt input keeps its residual
    /// (the translator updated the checksum for the header change, it did not recompute over corrupt data).
    /// </summary>
    internal static void CheckCarriedChecksum(VerdictBuilder checks, string field, IpPacket before, IpPacket after, string rfc)
    {
        var residual = ChecksumResidual(before);
        var seen = ChecksumResidual(after);
        if (residual == ValidResidual)
        {
            checks.Check(field, seen == ValidResidual, rfc, "valid over the translated pseudo-header", seen == ValidResidual ? "valid" : $"invalid{Residual(seen)}");
            return;
        }

        checks.Check(field, seen == residual, rfc + " / RFC 1624", $"invalid as the input was{Residual(residual)}: the checksum is updated for the new header, never recomputed over corrupt data",
            seen == ValidResidual ? "valid: the corruption was hidden" : $"invalid{Residual(seen)}");
    }

    private static void CheckWholeChecksums(VerdictBuilder checks, TranslationContext context, IpPacket before, IpPacket after, string rfc)
    {
        var field = FieldNames.TransportChecksum(before.Protocol);
        if (IsZeroUdpChecksum(before) && before.Version == 4)
        {
            if (context.ZeroChecksumUdp == ZeroChecksumUdpPolicy.Drop)
            {
                checks.Check(field, false, "RFC 7915 §4.5 (option 1)", "none: not translated (zero checksum, translator configured to drop)", "translated");
                return;
            }

            var valid = ChecksumResidual(after) == ValidResidual && !IsZeroUdpChecksum(after);
            checks.Check(field, valid, "RFC 7915 §4.5 (option 2) / RFC 8200 §8.1", "computed over the IPv6 pseudo-header (IPv6 UDP must carry one)", valid ? "valid" : "invalid");
            return;
        }

        if (IsZeroUdpChecksum(after))
        {
            // A zero whose sum verifies stands for 0xFFFF: the right checksum, sent as "none".
            var allOnes = ChecksumResidual(after) == ValidResidual && CarriedValid(before);
            if (allOnes && context.ZeroForAllOnesUdpChecksum)
            {
                checks.Check(field, true, rfc + " / RFC 768", "0xffff (a computed zero is sent as all ones); 0x0000 accepted by this profile", "0x0000 for 0xffff");
                return;
            }

            checks.Check(field, false, allOnes ? rfc + " / RFC 768 / RFC 8200 §8.1" : rfc, allOnes ? "0xffff (a computed zero is sent as all ones)" : "a checksum (the input carried one)", allOnes ? "0x0000: no checksum" : "zero (no checksum)");
            return;
        }

        CheckCarriedChecksum(checks, field, before, after, rfc);
    }

    // A stateless translator cannot recompute the checksum of a fragment: it must adjust the old one for the address change.
    private static void CheckAdjustedChecksum(VerdictBuilder checks, TranslationContext context, int offset, IpPacket before, IpPacket after, string rfc)
    {
        var field = FieldNames.TransportChecksum(before.Protocol);
        var old = (ushort)((before.Upper.Span[offset] << 8) | before.Upper.Span[offset + 1]);
        var seen = (ushort)((after.Upper.Span[offset] << 8) | after.Upper.Span[offset + 1]);
        if (old == 0 && before.Protocol == IpProtocol.Udp && before.Version == 4)
        {
            if (context.IsStateful)
            {
                // RFC 6146 §3.4: the NAT64 may reassemble and compute it; a fragment alone cannot show whether it did right.
                checks.Check(field, seen != 0, "RFC 6146 §3.4", "computed over the reassembled datagram (not verifiable on one fragment)", $"0x{seen:x4}");
                return;
            }

            checks.Check(field, false, "RFC 7915 §4.5 (stateless: SHOULD drop)", "none: not translated (first fragment of a UDP datagram with checksum zero)", $"translated with 0x{seen:x4}");
            return;
        }

        var removed = InternetChecksum.Sum(before.DestinationBytes, InternetChecksum.Sum(before.SourceBytes));
        var added = InternetChecksum.Sum(after.DestinationBytes, InternetChecksum.Sum(after.SourceBytes));
        var expected = InternetChecksum.Adjust(old, removed, added);
        checks.Check(field, seen == expected, rfc, $"0x{expected:x4} (adjusted for the new addresses)", $"0x{seen:x4}");
    }

    // The input's own checksum verified: only then does a zero that sums right stand for the right checksum.
    private static bool CarriedValid(IpPacket before) => ChecksumResidual(before) == ValidResidual;

    private static bool IsZeroUdpChecksum(IpPacket packet) =>
        packet.Protocol == IpProtocol.Udp && packet.Upper.Length >= UdpHeader.Length
        && packet.Upper.Span[UdpHeader.ChecksumOffset] == 0 && packet.Upper.Span[UdpHeader.ChecksumOffset + 1] == 0;

    private static string Residual(ushort residual) =>
        residual == ValidResidual ? string.Empty : $" (residual 0x{residual:x4})";

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
