using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// An ICMP error the translator, or a forwarding hop before it, sent about a packet it would not pass on quotes that
/// packet as it received it: "as much of invoking packet as possible" (RFC 4443 §3.1–3.4, RFC 792; RFC 1812 §4.3.2.3).
/// Those are the sender's bytes but for the hop limit — lowered by each forwarding hop before the answering one — and,
/// in IPv4, the header checksum that covers the TTL.
/// </summary>
internal static class QuotedPacketRules
{
    private const string Quote = "RFC 4443 §3 / RFC 792 (as much of the invoking packet as fits, as received)";

    public static void Check(VerdictBuilder checks, IpPacket sent, IcmpMessage icmp, HopLimitRange hopLimit, string hopRfc)
    {
        var quoted = icmp.OriginalDatagram.Span;
        var original = sent.Bytes.Span;
        var length = Math.Min(quoted.Length, original.Length);
        var version = sent.Version;
        var hopOffset = version == 4 ? Ipv4Header.TtlOffset : Ipv6Header.HopLimitOffset;
        var inner = checks.Nested(FieldNames.Inner);
        if (length > hopOffset)
        {
            var seen = quoted[hopOffset];
            inner.Check(FieldNames.HopLimit(version), hopLimit.Contains(seen), hopRfc, $"{hopLimit}", $"{seen}");
        }

        // The hop limit and the checksum over it are judged on their own; every other byte is the sender's.
        var expected = original[..length].ToArray();
        var seenBytes = quoted[..length].ToArray();
        if (length > hopOffset)
        {
            seenBytes[hopOffset] = expected[hopOffset];
        }

        var checksumAt = version == 4 && sent.HeaderLength <= length ? Ipv4Header.ChecksumOffset : -1;
        if (checksumAt >= 0)
        {
            seenBytes[checksumAt] = expected[checksumAt];
            seenBytes[checksumAt + 1] = expected[checksumAt + 1];
        }

        checks.Bytes(FieldNames.InnerPacket, expected, seenBytes, Quote);
        if (checksumAt >= 0)
        {
            var valid = InternetChecksum.Fold(InternetChecksum.Sum(quoted[..sent.HeaderLength])) == 0xFFFF;
            inner.Check(FieldNames.Ipv4HeaderChecksum, valid, "RFC 1812 §5.3.1 / RFC 791 §3.1", "valid (updated with the TTL)", valid ? "valid" : "invalid");
        }
    }
}
