using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Judges what the translator did instead of translating a packet: an ICMP error it sent back (RFC 7915 §4.1 / §5.1:
/// as a router it decrements the hop limit and MUST answer zero with Time Exceeded; a packet too big for its next hop
/// gets Packet Too Big / Fragmentation Needed), or the refusal RFC 7915 asks for (see <see cref="RefusalRules"/>).
/// Any other refusal of a packet that should translate fails.
/// </summary>
internal static class TranslatorErrorRules
{
    /// <param name="sent">The packet the translator did not translate, as captured.</param>
    /// <param name="error">The ICMP error it sent back.</param>
    /// <param name="sentIndex">Index of <paramref name="sent"/>.</param>
    /// <param name="errorIndex">Index of <paramref name="error"/>.</param>
    /// <param name="forwardingHops">
    /// <see cref="TranslationContext.ForwardingHops"/>: a Linux host forwards a packet into a userspace translator's TUN
    /// before the translator sees it (half of them, one for Tayga), so the hop limit it expires at, and the copy it
    /// quotes, have been decremented that many times (and an IPv4 header checksum updated with it).
    /// </param>
    public static TranslationVerdict Judge(IpPacket sent, IpPacket error, long? sentIndex, long? errorIndex, int forwardingHops = 0)
    {
        var checks = new VerdictBuilder();
        var icmp = error.Icmp!;
        var version = error.Version;
        var rfc = version == 4 ? "RFC 7915 §4.1 / RFC 792" : "RFC 7915 §5.1 / RFC 4443 §3.3";
        var (timeExceeded, tooBig) = version == 4 ? ((byte)11, (byte)3) : ((byte)3, (byte)2);
        if (sent.HopLimit <= 1 + (forwardingHops / 2))
        {
            checks.Check(FieldNames.IcmpTypeOf(version), $"{timeExceeded} (Time Exceeded: hop limit {sent.HopLimit} expires at the translator)", $"{icmp.Type}/{icmp.Code}", icmp.Type == timeExceeded && icmp.Code == 0, rfc);
        }
        else if (icmp.Type == tooBig && (version == 6 || icmp.Code == 4))
        {
            var mtu = version == 6 ? icmp.RestOfHeader : icmp.RestOfHeader & 0xFFFF;
            var minimum = version == 6 ? 1280u : 68u;
            checks.Check(version == 4 ? FieldNames.IcmpMtu : FieldNames.Icmpv6Mtu, $"≥ {minimum} and < {sent.Bytes.Length} (packet too big for the translator's next hop)", mtu.ToString(), mtu >= minimum && mtu < sent.Bytes.Length, version == 6 ? "RFC 4443 §3.2 / RFC 8200 §5" : "RFC 1191 §4");
        }
        else
        {
            checks.Check(FieldNames.IcmpTypeOf(version), "a translation, not an error (hop limit > 1)", $"ICMP error {icmp.Type}/{icmp.Code} from {error.Source}", false, version == 6 ? "RFC 7915 §4" : "RFC 7915 §5");
        }

        CheckCommon(checks, sent, error, forwardingHops / 2);
        return new TranslationVerdict(sentIndex, errorIndex, Direction(sent), TranslationOracle.Describe(sent) + " ⇒ error from translator", checks.Checks);
    }

    /// <summary>A packet that must not be translated and drew an ICMP error: is it the error RFC 7915 allows, if any?</summary>
    public static TranslationVerdict JudgeAnswer(Refusal refusal, IpPacket sent, IpPacket error, long? sentIndex, long? errorIndex, int forwardingHops = 0)
    {
        var checks = new VerdictBuilder();
        var icmp = error.Icmp!;
        var version = error.Version;
        if (refusal.Kind == RefusalKind.SilentDrop)
        {
            checks.Check(FieldNames.IcmpTypeOf(version), $"none: {refusal.Reason} is dropped silently", $"ICMP error {icmp.Type}/{icmp.Code} from {error.Source}", false, refusal.Rfc);
        }
        else if (refusal.Alternative is { } alternative && icmp.Type == alternative.Type && icmp.Code == alternative.Code)
        {
            checks.Check(FieldNames.IcmpTypeOf(version), $"{refusal.ErrorType}/{refusal.ErrorCode} or {alternative.Type}/{alternative.Code}", $"{icmp.Type}/{icmp.Code}", true, refusal.Rfc + " / RFC 7915 §5.4");
        }
        else
        {
            checks.Equal(FieldNames.IcmpTypeOf(version), (int)refusal.ErrorType, (int)icmp.Type, refusal.Rfc);
            checks.Equal(FieldNames.IcmpCodeOf(version), (int)refusal.ErrorCode, (int)icmp.Code, refusal.Rfc);
            if (refusal.Pointer is { } pointer)
            {
                checks.Equal(version == 4 ? FieldNames.IcmpPointer : FieldNames.Icmpv6Pointer, pointer, version == 4 ? icmp.RestOfHeader >> 24 : icmp.RestOfHeader, refusal.Rfc + " (pointer to Segments Left)");
            }
        }

        CheckCommon(checks, sent, error, forwardingHops / 2);
        return new TranslationVerdict(sentIndex, errorIndex, Direction(sent), $"{TranslationOracle.Describe(sent)} ⇒ not translated ({refusal.Reason}), answered", checks.Checks);
    }

    /// <summary>A packet that must not be translated and was dropped: fine, unless an ICMP error was required.</summary>
    public static TranslationVerdict JudgeDrop(Refusal refusal, IpPacket sent, long? sentIndex, bool answerMissing)
    {
        var check = answerMissing
            ? new FieldCheck(FieldNames.Refusal, $"{refusal.Answer(sent.Version)} back to {sent.Source} ({refusal.Reason})", "dropped without an ICMP error", false, refusal.Rfc)
            : new FieldCheck(FieldNames.Refusal, $"not translated ({refusal.Reason})",
                refusal.Kind == RefusalKind.DropAndAnswer ? "dropped; the ICMP error is not required in this context" : "dropped", true, refusal.Rfc);
        return new TranslationVerdict(sentIndex, null, Direction(sent), $"{TranslationOracle.Describe(sent)} ⇒ not translated ({refusal.Reason})", [check]);
    }

    private static void CheckCommon(VerdictBuilder checks, IpPacket sent, IpPacket error, int hopsBefore)
    {
        var version = error.Version;
        checks.Check(FieldNames.IpDestination, $"{sent.Source} (the sender)", error.Destination.ToString(), error.Destination.Equals(sent.Source), "RFC 4443 §2.2 / RFC 792");
        var embedded = error.Icmp!.OriginalDatagram.Span;
        var original = AsReceived(sent.Bytes.Span, embedded, hopsBefore);
        var length = Math.Min(embedded.Length, original.Length);
        checks.Bytes(FieldNames.InnerPacket, original.AsSpan(0, length), embedded[..length], "RFC 4443 §3.3 / RFC 792 (as much of the invoking packet as fits)");
        var valid = TransportRules.ChecksumResidual(error) == TransportRules.ValidResidual;
        checks.Check(FieldNames.IcmpChecksumOf(version), "valid", valid ? "valid" : "invalid", valid, version == 6 ? "RFC 4443 §2.3" : "RFC 792");
    }

    // The packet as the translator received it: its hop limit / TTL lowered by the hops between the capture point and
    // the translator, when the quoted copy shows exactly such a decrement (an IPv4 header checksum updated to match).
    private static byte[] AsReceived(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> quoted, int hopsBefore)
    {
        var copy = sent.ToArray();
        var v4 = copy.Length >= 20 && copy[0] >> 4 == 4;
        var at = v4 ? 8 : 7;
        if (hopsBefore == 0 || copy.Length <= at || quoted.Length <= at || copy[at] - quoted[at] is var drop && (drop <= 0 || drop > hopsBefore))
        {
            return copy;
        }

        copy[at] = quoted[at];
        if (v4 && (copy[0] & 0x0F) * 4 is var ihl && copy.Length >= ihl)
        {
            copy[10] = copy[11] = 0;
            var sum = InternetChecksum.Complement(InternetChecksum.Sum(copy.AsSpan(0, ihl)));
            copy[10] = (byte)(sum >> 8);
            copy[11] = (byte)sum;
        }

        return copy;
    }

    private static TranslationDirection Direction(IpPacket sent) =>
        sent.Version == 6 ? TranslationDirection.Ipv6ToIpv4 : TranslationDirection.Ipv4ToIpv6;
}
