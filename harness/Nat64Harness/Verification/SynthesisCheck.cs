using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Model;

namespace Nat64Harness.Verification;

/// <summary>
/// Whether a DNS64 synthesised an AAAA from an IPv4 address with the network's prefix, and, when not, with which: the
/// IPv4 address is looked for at the six RFC 6052 positions (the search RFC 7050 §3 makes for 192.0.0.170/171), so
/// a failure says "synthesised with prefix X, expected Y" rather than only "wrong address".
/// </summary>
public static class SynthesisCheck
{
    private static readonly int[] Lengths = [32, 40, 48, 56, 64, 96];

    /// <summary>Checks that <paramref name="aaaa"/>, an answer for <paramref name="name"/>, is <paramref name="ipv4"/> inside <paramref name="expected"/>.</summary>
    public static DnsCheck Check(string name, IPAddress aaaa, IPAddress ipv4, Nat64Prefix expected)
    {
        var what = $"{name} AAAA synthesised from {ipv4} with the network's prefix";
        if (expected.TryExtract(aaaa, out var embedded) && embedded.Equals(ipv4))
        {
            return new DnsCheck(what, true, $"{aaaa} is {ipv4} in {expected}", "RFC 6147 §5.2, RFC 6052 §2.2");
        }

        if (aaaa.IsIPv4MappedToIPv6)
        {
            return new DnsCheck(what, false,
                $"{name} AAAA {aaaa} is IPv4-mapped (::ffff:0:0/96), which a DNS64 must treat as no AAAA: expected {expected.Synthesize(ipv4)}", "RFC 6147 §5.1.4");
        }

        return FoundIn(aaaa, ipv4) is { } other
            ? new DnsCheck(what, false, $"{name} AAAA {aaaa}: synthesised with prefix {other}, expected {expected}", "RFC 6147 §5.2, RFC 6052 §2.2")
            : new DnsCheck(what, false, $"{name} AAAA {aaaa}: {ipv4} is at no RFC 6052 position of it, expected {expected.Synthesize(ipv4)}", "RFC 6147 §5.2, RFC 6052 §2.2");
    }

    /// <summary>The prefix (of any RFC 6052 length) in which <paramref name="aaaa"/> embeds <paramref name="ipv4"/>, or null.</summary>
    public static Nat64Prefix? FoundIn(IPAddress aaaa, IPAddress ipv4)
    {
        foreach (var length in Lengths)
        {
            var network = IPNetworkExtensions.Masked(aaaa, length);
            if (Nat64Prefix.TryParse($"{network.BaseAddress}/{length}", out var prefix)
                && prefix.TryExtract(aaaa, out var embedded) && embedded.Equals(ipv4))
            {
                return prefix;
            }
        }

        return null;
    }
}
