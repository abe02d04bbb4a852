namespace Nat64Harness.Oracle;

/// <summary>The three BIB tables of a stateful NAT64 (RFC 6146 §3.1): TCP, UDP and ICMP queries.</summary>
public enum BibProtocol
{
    /// <summary>TCP: the "port" is the TCP port.</summary>
    Tcp,

    /// <summary>UDP: the "port" is the UDP port.</summary>
    Udp,

    /// <summary>ICMP echo (RFC 6146 §3.5.3): the "port" is the ICMP query identifier.</summary>
    Icmp,
}
