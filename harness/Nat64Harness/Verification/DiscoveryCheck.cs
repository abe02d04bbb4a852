using Nat64Harness.Addressing;
using Nat64Harness.Model;

namespace Nat64Harness.Verification;

/// <summary>A discovered NAT64 prefix against the configured one (RFC 7050 §3, RFC 8781 §4).</summary>
public static class DiscoveryCheck
{
    /// <summary>Checks that <paramref name="discovery"/> found exactly <paramref name="configured"/>.</summary>
    public static DnsCheck Check(PrefixDiscovery? discovery, DiscoveryMethod method, Nat64Prefix configured)
    {
        var how = method == DiscoveryMethod.Pref64 ? "PREF64 (RFC 8781 Router Advertisements)" : "RFC 7050 (ipv4only.arpa)";
        var clause = method == DiscoveryMethod.Pref64 ? "RFC 8781 §4" : "RFC 7050 §3";
        var what = $"prefix discovered by {how} is the configured one";
        if (discovery is not { Ok: true, Prefix: { } text })
        {
            return new DnsCheck(what, false, $"nothing discovered: {discovery?.Error ?? "the probe recorded no discovery"}", clause);
        }

        if (!Nat64Prefix.TryParse(text, out var found))
        {
            return new DnsCheck(what, false, $"discovered {text}, not an RFC 6052 prefix, expected {configured}", clause);
        }

        var others = discovery.Prefixes.Where(p => Nat64Prefix.TryParse(p, out var q) && !q.Equals(configured)).ToList();
        return found.Equals(configured) && others.Count == 0
            ? new DnsCheck(what, true, $"discovered {found}", clause)
            : new DnsCheck(what, false, $"discovered {string.Join(", ", others.Count > 0 ? others : [text])} by {how}, expected the configured {configured}", clause);
    }
}
