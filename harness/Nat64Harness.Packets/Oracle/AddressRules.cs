using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>
/// Expected addresses: prefix-embedded ones by RFC 6052, client addresses by the <see cref="IAddressMapping"/>,
/// or — stateful — by the BIB expectation <see cref="TransportMappingRules"/> worked out for that side.
/// A learning mapping learns only the client side of a packet — the IPv6 source going out to IPv4, the IPv4
/// destination coming back (reversed in an embedded packet, which travelled the other way): the server side must be
/// an RFC 6052 (or EAM) address, so a wrong prefix fails there instead of being learned as a pool pair.
/// </summary>
/// <remarks>
/// Addresses are compared as the packets' bytes; an <see cref="IPAddress"/> and its text are made only for a check
/// that is kept (a failure, or every check in detail mode) and when a learning mapping meets a new client.
/// </remarks>
internal static class AddressRules
{
    public const string Rfc6052 = "RFC 6052 §2.3 / RFC 7915 §5.1";
    public const string Rfc6052Synthesis = "RFC 6052 §2.2 / RFC 7915 §4.1";

    private enum Expectation
    {
        Mapped,
        Embedded,
        Learned,
        BadEmbedding,
        Unmapped,
    }

    public static void CheckIpv6ToIpv4(VerdictBuilder checks, TranslationContext context, string field, ReadOnlySpan<byte> before, ReadOnlySpan<byte> seen, bool clientSide, EndpointExpectation? stateful = null)
    {
        if (stateful is not null)
        {
            checks.Check(field, stateful.AddressPassed, TransportMappingRules.Bib, stateful.Address, $"{Address(seen)}");
            return;
        }

        Span<byte> expected = stackalloc byte[16];
        var (kind, length) = ExpectIpv4(context, before, seen, clientSide, expected);
        var passed = kind == Expectation.Learned || (kind is Expectation.Mapped or Expectation.Embedded && expected[..length].SequenceEqual(seen));
        if (!checks.Keeps(passed))
        {
            checks.Check(field, passed, Rfc6052, string.Empty, string.Empty);
            return;
        }

        var text = kind switch
        {
            Expectation.Mapped or Expectation.Embedded => Address(expected[..length]).ToString(),
            Expectation.Learned => $"{Address(seen)} (learned)",
            Expectation.BadEmbedding => $"none: {Address(before)} breaks the u-octet or suffix rule",
            _ => $"none: {Address(before)} is outside {context.Prefix} and has no pool mapping (seen {Address(seen)})",
        };
        checks.Check(field, passed, Rfc6052, text, $"{Address(seen)}");
    }

    public static void CheckIpv4ToIpv6(VerdictBuilder checks, TranslationContext context, string field, ReadOnlySpan<byte> before, ReadOnlySpan<byte> seen, bool clientSide, EndpointExpectation? stateful = null)
    {
        if (stateful is not null)
        {
            checks.Check(field, stateful.AddressPassed, TransportMappingRules.Bib, stateful.Address, $"{Address(seen)}");
            return;
        }

        Span<byte> expected = stackalloc byte[16];
        var (kind, length) = ExpectIpv6(context, before, seen, clientSide, expected);
        var passed = kind == Expectation.Learned || expected[..length].SequenceEqual(seen);
        if (!checks.Keeps(passed))
        {
            checks.Check(field, passed, Rfc6052Synthesis, string.Empty, string.Empty);
            return;
        }

        var text = kind == Expectation.Learned ? $"{Address(seen)} (learned)" : Address(expected[..length]).ToString();
        checks.Check(field, passed, Rfc6052Synthesis, text, $"{Address(seen)}");
    }

    // An explicit mapping (EAM, RFC 7757 §3.2; a pool map) is consulted before the RFC 6052 prefix.
    private static (Expectation Kind, int Length) ExpectIpv4(TranslationContext context, ReadOnlySpan<byte> ipv6, ReadOnlySpan<byte> seen, bool clientSide, Span<byte> expected)
    {
        if (context.Mapping.TryToIpv4(ipv6, expected, out var length))
        {
            return (Expectation.Mapped, length);
        }

        if (context.Prefix.Contains(ipv6))
        {
            return context.Prefix.TryExtract(ipv6, expected[..4]) ? (Expectation.Embedded, 4) : (Expectation.BadEmbedding, 0);
        }

        if (clientSide && context.Mapping is LearningAddressMapping learner && seen.Length == 4 && learner.Learn(Address(ipv6), Address(seen)))
        {
            return (Expectation.Learned, 0);
        }

        return (Expectation.Unmapped, 0);
    }

    private static (Expectation Kind, int Length) ExpectIpv6(TranslationContext context, ReadOnlySpan<byte> ipv4, ReadOnlySpan<byte> seen, bool clientSide, Span<byte> expected)
    {
        if (context.Mapping.TryToIpv6(ipv4, expected, out var length))
        {
            return (Expectation.Mapped, length);
        }

        if (clientSide && context.Mapping is LearningAddressMapping learner && seen.Length == 16
            && !context.Prefix.Contains(seen) && learner.Learn(Address(seen), Address(ipv4)))
        {
            return (Expectation.Learned, 0);
        }

        context.Prefix.Synthesize(ipv4, expected[..16]);
        return (Expectation.Embedded, 16);
    }

    private static IPAddress Address(ReadOnlySpan<byte> bytes) => new(bytes);
}
