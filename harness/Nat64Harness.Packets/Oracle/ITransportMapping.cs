using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>
/// The BIB of a stateful NAT64 (RFC 6146): IPv6 client (address, port) ↔ IPv4 pool (address, port), per protocol;
/// for ICMP queries the port is the echo identifier. Set on <see cref="TranslationContext.TransportMapping"/>, it
/// makes the oracle expect translated ports and identifiers instead of copied ones.
/// </summary>
public interface ITransportMapping
{
    /// <summary>The pool4 transport address bound to client <paramref name="ipv6"/>, or null when none is known.</summary>
    TransportAddress? ToIpv4(BibProtocol protocol, TransportAddress ipv6);

    /// <summary>The client transport address bound to pool4 <paramref name="ipv4"/>, or null when none is known.</summary>
    TransportAddress? ToIpv6(BibProtocol protocol, TransportAddress ipv4);

    /// <summary>True when <paramref name="ipv4"/> is one of the translator's pool4 addresses.</summary>
    bool IsPoolAddress(IPAddress ipv4);

    /// <summary>The bindings known so far (static, or learned).</summary>
    IEnumerable<BibEntry> Entries { get; }

    /// <summary>Pool4 as people write it, for messages, e.g. <c>100.64.5.128/26 ports 61001-65535</c>.</summary>
    string PoolDescription { get; }
}
