using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Judges what the translator did instead of translating a packet: an ICMP error sent back from between the capture
/// points (see <see cref="TranslatorHops"/>: as a router the translator decrements the hop limit and MUST answer zero
/// with Time Exceeded, RFC 7915 §4.1 / §5.1, and so must the forwarding hops around it; a packet too big for the next
/// hop gets Packet Too Big / Fragmentation Needed), or the refusal RFC 7915 asks for (see <see cref="RefusalRules"/>).
/// An error from the translator or a hop before it quotes the packet as received (<see cref="QuotedPacketRules"/>); one
/// from a hop after it reaches the sender translated back, its packet in error a translation translated back
/// (<see cref="RoundTripRules"/>). Any other refusal of a packet that should translate fails.
/// </summary>
internal static class TranslatorErrorRules
{
    private const string HopRule = "RFC 7915 §4.1 / §5.1 (each hop before the answering one decrements) / RFC 4443 §3, RFC 792 (the answering hop quotes what it received)";

    public static TranslationVerdict Judge(TranslationContext context, IpPacket sent, IpPacket error, long? sentIndex, long? errorIndex)
    {
        var checks = new VerdictBuilder();
        var icmp = error.Icmp!;
        var version = error.Version;
        var hops = TranslatorHops.Of(context);
        var h = sent.HopLimit;
        var rfc = version == 4 ? "RFC 7915 §4.1 / RFC 792" : "RFC 7915 §5.1 / RFC 4443 §3.3";
        var (timeExceeded, tooBig) = version == 4 ? ((byte)11, (byte)3) : ((byte)3, (byte)2);
        HopAnswer answer;
        if (h <= hops.Limit)
        {
            answer = hops.TimeExceeded(h);
            checks.Check(FieldNames.IcmpTypeOf(version), icmp.Type == timeExceeded && icmp.Code == 0, rfc, $"{timeExceeded} (Time Exceeded: hop limit {h} runs out at {answer.Origin})", $"{icmp.Type}/{icmp.Code}");
        }
        else if (icmp.Type == tooBig && (version == 6 || icmp.Code == 4))
        {
            var mtu = version == 6 ? icmp.RestOfHeader : icmp.RestOfHeader & 0xFFFF;
            var minimum = version == 6 ? 1280u : 68u;
            checks.Check(version == 4 ? FieldNames.IcmpMtu : FieldNames.Icmpv6Mtu, mtu >= minimum && mtu < sent.Bytes.Length, version == 6 ? "RFC 4443 §3.2 / RFC 8200 §5" : "RFC 1191 §4", $"≥ {minimum} and < {sent.Bytes.Length} (packet too big for the translator's next hop)", $"{mtu}");
            answer = hops.TooBig(h, icmp.Inner is { } quoted && quoted.Version == sent.Version ? quoted.HopLimit : null);
        }
        else
        {
            checks.Check(FieldNames.IcmpTypeOf(version), false, version == 6 ? "RFC 7915 §4" : "RFC 7915 §5", $"a translation, not an error (hop limit {h} > 1 + {hops.Total} forwarding hops)", $"ICMP error {icmp.Type}/{icmp.Code} from {error.Source}");
            answer = hops.Unexpected(h);
        }

        checks.Check(FieldNames.IpDestination, error.Destination.Equals(sent.Source), "RFC 4443 §2.2 / RFC 792", $"{sent.Source} (the sender)", $"{error.Destination}");
        if (answer.TranslatedBack)
        {
            RoundTripRules.Check(checks, context, sent, icmp, answer.QuotedHopLimit, HopRule);
        }
        else
        {
            QuotedPacketRules.Check(checks, sent, icmp, answer.QuotedHopLimit, HopRule);
        }

        CheckChecksum(checks, error);
        return new TranslationVerdict(sentIndex, errorIndex, Direction(sent), $"{TranslationOracle.Describe(sent)} ⇒ {answer.Describe()}", checks.Checks);
    }

    /// <summary>A packet that must not be translated and drew an ICMP error: is it the error RFC 7915 allows, if any?</summary>
    public static TranslationVerdict JudgeAnswer(TranslationContext context, Refusal refusal, IpPacket sent, IpPacket error, long? sentIndex, long? errorIndex)
    {
        var checks = new VerdictBuilder();
        var icmp = error.Icmp!;
        var version = error.Version;
        if (refusal.Kind == RefusalKind.SilentDrop)
        {
            checks.Check(FieldNames.IcmpTypeOf(version), false, refusal.Rfc, $"none: {refusal.Reason} is dropped silently", $"ICMP error {icmp.Type}/{icmp.Code} from {error.Source}");
        }
        else if (refusal.Alternative is { } alternative && icmp.Type == alternative.Type && icmp.Code == alternative.Code)
        {
            checks.Check(FieldNames.IcmpTypeOf(version), true, refusal.Rfc + " / RFC 7915 §5.4", $"{refusal.ErrorType}/{refusal.ErrorCode} or {alternative.Type}/{alternative.Code}", $"{icmp.Type}/{icmp.Code}");
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

        CheckCommon(context, checks, sent, error);
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

    // The translator answers a refused packet itself: it quotes the packet as it received it.
    private static void CheckCommon(TranslationContext context, VerdictBuilder checks, IpPacket sent, IpPacket error)
    {
        checks.Check(FieldNames.IpDestination, error.Destination.Equals(sent.Source), "RFC 4443 §2.2 / RFC 792", $"{sent.Source} (the sender)", $"{error.Destination}");
        QuotedPacketRules.Check(checks, sent, error.Icmp!, TranslatorHops.Of(context).Unexpected(sent.HopLimit).QuotedHopLimit, HopRule);
        CheckChecksum(checks, error);
    }

    private static void CheckChecksum(VerdictBuilder checks, IpPacket error)
    {
        var version = error.Version;
        var valid = TransportRules.ChecksumResidual(error) == TransportRules.ValidResidual;
        checks.Check(FieldNames.IcmpChecksumOf(version), valid, version == 6 ? "RFC 4443 §2.3" : "RFC 792", "valid", valid ? "valid" : "invalid");
    }

    private static TranslationDirection Direction(IpPacket sent) =>
        sent.Version == 6 ? TranslationDirection.Ipv6ToIpv4 : TranslationDirection.Ipv4ToIpv6;
}
