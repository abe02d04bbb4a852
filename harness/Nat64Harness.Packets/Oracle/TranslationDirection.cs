namespace Nat64Harness.Oracle;

/// <summary>Which way a packet crossed the translator.</summary>
public enum TranslationDirection
{
    /// <summary>Not known: the pair could not be decoded or both packets have the same IP version.</summary>
    Unknown,

    /// <summary>IPv6 before, IPv4 after (RFC 7915 §5).</summary>
    Ipv6ToIpv4,

    /// <summary>IPv4 before, IPv6 after (RFC 7915 §4).</summary>
    Ipv4ToIpv6,
}
