namespace Nat64Harness.Oracle;

/// <summary>
/// What the translator is configured to do with an unfragmented IPv4 UDP datagram whose checksum is zero
/// (RFC 7915 §4.5: it SHOULD offer both).
/// </summary>
public enum ZeroChecksumUdpPolicy
{
    /// <summary>Calculate an IPv6 UDP checksum and forward the datagram (RFC 7915 §4.5 option 2).</summary>
    Compute,

    /// <summary>
    /// Drop the datagram (RFC 7915 §4.5 option 1); an ICMPv4 Destination Unreachable 3/13 back to the sender is
    /// allowed (§4.4). A translation of such a datagram fails.
    /// </summary>
    Drop,
}
