namespace Nat64Harness.Oracle;

/// <summary>One binding of a stateful NAT64 (RFC 6146 §3.1): an IPv6 client transport address and the IPv4 pool one.</summary>
/// <param name="Protocol">The BIB table.</param>
/// <param name="Ipv6">Client address and port (or ICMP identifier) on the IPv6 side.</param>
/// <param name="Ipv4">Pool4 address and port (or ICMP identifier) the translator gives it.</param>
public sealed record BibEntry(BibProtocol Protocol, TransportAddress Ipv6, TransportAddress Ipv4)
{
    /// <inheritdoc />
    public override string ToString() => $"{Protocol.ToString().ToUpperInvariant()} {Ipv6} ↔ {Ipv4}";
}
