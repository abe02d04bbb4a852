namespace Nat64Harness.Model;

/// <summary>How a host learns the network's NAT64 prefix.</summary>
public enum DiscoveryMethod
{
    /// <summary>RFC 7050: AAAA of ipv4only.arpa through the DNS64, 192.0.0.170/171 searched at every RFC 6052 position.</summary>
    Rfc7050,

    /// <summary>RFC 8781: the PREF64 option of a Router Advertisement.</summary>
    Pref64,
}
