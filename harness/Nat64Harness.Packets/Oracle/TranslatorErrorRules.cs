using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Judges an ICMP error the translator sent back instead of translating a packet (RFC 7915 §4.1 / §5.1: as a router
/// it decrements the hop limit and MUST answer zero with Time Exceeded; a packet too big for its next hop gets
/// Packet Too Big / Fragmentation Needed). Any other refusal of a packet that should translate fails.
/// </summary>
internal static class TranslatorErrorRules
{
    public static TranslationVerdict Judge(IpPacket sent, IpPacket error, long? sentIndex, long? errorIndex)
    {
        var checks = new VerdictBuilder();
        var icmp = error.Icmp!;
        var family = error.Version == 4 ? "icmp" : "icmpv6";
        var rfc = error.Version == 4 ? "RFC 7915 §4.1 / RFC 792" : "RFC 7915 §5.1 / RFC 4443 §3.3";
        var (timeExceeded, tooBig) = error.Version == 4 ? ((byte)11, (byte)3) : ((byte)3, (byte)2);
        if (sent.HopLimit <= 1)
        {
            checks.Check($"{family}.type", $"{timeExceeded} (Time Exceeded: hop limit {sent.HopLimit} expires at the translator)", $"{icmp.Type}/{icmp.Code}", icmp.Type == timeExceeded && icmp.Code == 0, rfc);
        }
        else if (icmp.Type == tooBig && (error.Version == 6 || icmp.Code == 4))
        {
            var mtu = error.Version == 6 ? icmp.RestOfHeader : icmp.RestOfHeader & 0xFFFF;
            var minimum = error.Version == 6 ? 1280u : 68u;
            checks.Check($"{family}.mtu", $"≥ {minimum} and < {sent.Bytes.Length} (packet too big for the translator's next hop)", mtu.ToString(), mtu >= minimum && mtu < sent.Bytes.Length, error.Version == 6 ? "RFC 4443 §3.2 / RFC 8200 §5" : "RFC 1191 §4");
        }
        else
        {
            checks.Check($"{family}.type", "a translation, not an error (hop limit > 1)", $"ICMP error {icmp.Type}/{icmp.Code} from {error.Source}", false, error.Version == 6 ? "RFC 7915 §4" : "RFC 7915 §5");
        }

        checks.Check("ip.destination", $"{sent.Source} (the sender)", error.Destination.ToString(), error.Destination.Equals(sent.Source), "RFC 4443 §2.2 / RFC 792");
        var embedded = icmp.Body.Span;
        var original = sent.Bytes.Span;
        var length = Math.Min(embedded.Length, original.Length);
        checks.Bytes("inner.packet", original[..length], embedded[..length], "RFC 4443 §3.3 / RFC 792 (as much of the invoking packet as fits)");
        var valid = error.Version == 6
            ? InternetChecksum.VerifyWithPseudoHeader(error.SourceBytes, error.DestinationBytes, IpProtocol.IcmpV6, error.Upper.Span)
            : InternetChecksum.Fold(InternetChecksum.Sum(error.Upper.Span)) == 0xFFFF;
        checks.Check($"{family}.checksum", "valid", valid ? "valid" : "invalid", valid, error.Version == 6 ? "RFC 4443 §2.3" : "RFC 792");
        var direction = sent.Version == 6 ? TranslationDirection.Ipv6ToIpv4 : TranslationDirection.Ipv4ToIpv6;
        return new TranslationVerdict(sentIndex, errorIndex, direction, TranslationOracle.Describe(sent) + " ⇒ error from translator", checks.Checks);
    }
}
