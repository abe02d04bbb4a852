using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>Rules shared by both directions: TOS, hop limit, protocol mapping, lengths.</summary>
internal static class HeaderRuleHelpers
{
    /// <summary>The clause that keeps the embedded packet's TTL / hop limit as it was.</summary>
    public const string InnerHopLimitRule = "RFC 7915 §4.3 / §5.3 (inner TTL / hop limit copied, not decremented)";

    public static void TrafficClass(VerdictBuilder checks, string field, TosPolicy policy, byte before, byte seen, string rfc)
    {
        switch (policy)
        {
            case TosPolicy.Zero:
                checks.Check(field, seen == 0, rfc, "0x00 (configured to ignore)", $"0x{seen:x2}");
                break;
            case TosPolicy.CopyOrZero:
                checks.Check(field, seen == before || seen == 0, rfc, $"0x{before:x2} or 0x00", $"0x{seen:x2}");
                break;
            default:
                checks.Check(field, seen == before, rfc, $"0x{before:x2} (copied)", $"0x{seen:x2}");
                break;
        }
    }

    /// <summary>
    /// Outer packets: the translator forwards, so it decrements (once, plus the forwarding hops between the capture
    /// points). Embedded packets are not forwarded: RFC 7915 §4.3 translates them "except the TTL value of the inner
    /// IPv4/IPv6 packet" and §5.3 says the inner TTL/Hop Limit "are not decremented", so it must be copied.
    /// </summary>
    public static void HopLimit(VerdictBuilder checks, string field, byte before, byte seen, string rfc, int decrements = 1)
    {
        if (checks.IsInner)
        {
            checks.Equal(field, (int)before, (int)seen, InnerHopLimitRule);
            return;
        }

        if (before <= decrements)
        {
            checks.Check(field, false, rfc, $"not forwarded: {before} expires before or at the translator, which must send Time Exceeded", $"{seen}");
            return;
        }

        checks.Equal(field, before - decrements, (int)seen, rfc);
    }

    public static byte MapProtocol(byte protocol, int toVersion) => (protocol, toVersion) switch
    {
        (IpProtocol.IcmpV6, 4) => IpProtocol.Icmp,
        (IpProtocol.Icmp, 6) => IpProtocol.IcmpV6,
        _ => protocol,
    };

    /// <summary>Length check that also accepts the length capped by an ICMP error size limit.</summary>
    public static void Length(VerdictBuilder checks, string field, int full, int? cap, int seen, string rfc)
    {
        if (cap is { } limit && full > limit)
        {
            checks.Check(field, seen == full || seen == limit, rfc, $"{full} or {limit} (error message capped)", $"{seen}");
            return;
        }

        checks.Equal(field, full, seen, rfc);
    }
}
