using System.Net;
using System.Net.Sockets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Expected addresses: prefix-embedded ones by RFC 6052, client addresses by the <see cref="IAddressMapping"/>,
/// or — stateful — by the BIB expectation <see cref="TransportMappingRules"/> worked out for that side.
/// A learning mapping learns only the client side of a packet — the IPv6 source going out to IPv4, the IPv4
/// destination coming back (reversed in an embedded packet, which travelled the other way): the server side must be
/// an RFC 6052 (or EAM) address, so a wrong prefix fails there instead of being learned as a pool pair.
/// </summary>
internal sealed class AddressRules(TranslationContext context)
{
    public const string Rfc6052 = "RFC 6052 §2.3 / RFC 7915 §5.1";
    public const string Rfc6052Synthesis = "RFC 6052 §2.2 / RFC 7915 §4.1";

    public void CheckIpv6ToIpv4(VerdictBuilder checks, string field, IPAddress before, IPAddress seen, bool clientSide, EndpointExpectation? stateful = null)
    {
        if (stateful is not null)
        {
            checks.Check(field, stateful.Address, seen.ToString(), stateful.AddressPassed, TransportMappingRules.Bib);
            return;
        }

        var (expected, learned) = ExpectIpv4(before, seen, clientSide);
        checks.Check(field, expected + (learned ? " (learned)" : string.Empty), seen.ToString(), expected == seen.ToString(), Rfc6052);
    }

    public void CheckIpv4ToIpv6(VerdictBuilder checks, string field, IPAddress before, IPAddress seen, bool clientSide, EndpointExpectation? stateful = null)
    {
        if (stateful is not null)
        {
            checks.Check(field, stateful.Address, seen.ToString(), stateful.AddressPassed, TransportMappingRules.Bib);
            return;
        }

        var (expected, learned) = ExpectIpv6(before, seen, clientSide);
        checks.Check(field, expected + (learned ? " (learned)" : string.Empty), seen.ToString(), expected == seen.ToString(), Rfc6052Synthesis);
    }

    private (string Expected, bool Learned) ExpectIpv4(IPAddress ipv6, IPAddress seen, bool clientSide)
    {
        // An explicit mapping (EAM, RFC 7757 §3.2; a pool map) is consulted before the RFC 6052 prefix.
        if (context.Mapping.ToIpv4(ipv6) is { } mapped)
        {
            return (mapped.ToString(), false);
        }

        if (context.Prefix.Contains(ipv6))
        {
            return context.Prefix.TryExtract(ipv6, out var embedded)
                ? (embedded.ToString(), false)
                : ($"none: {ipv6} breaks the u-octet or suffix rule", false);
        }

        if (clientSide && context.Mapping is LearningAddressMapping learner && seen.AddressFamily == AddressFamily.InterNetwork && learner.Learn(ipv6, seen))
        {
            return (seen.ToString(), true);
        }

        return ($"none: {ipv6} is outside {context.Prefix} and has no pool mapping (seen {seen})", false);
    }

    private (string Expected, bool Learned) ExpectIpv6(IPAddress ipv4, IPAddress seen, bool clientSide)
    {
        if (context.Mapping.ToIpv6(ipv4) is { } mapped)
        {
            return (mapped.ToString(), false);
        }

        if (clientSide && context.Mapping is LearningAddressMapping learner && seen.AddressFamily == AddressFamily.InterNetworkV6
            && !context.Prefix.Contains(seen) && learner.Learn(seen, ipv4))
        {
            return (seen.ToString(), true);
        }

        return (context.Prefix.Synthesize(ipv4).ToString(), false);
    }
}
