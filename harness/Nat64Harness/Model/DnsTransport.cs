namespace Nat64Harness.Model;

/// <summary>How the probe asks its DNS question.</summary>
public enum DnsTransport
{
    /// <summary>One raw query over UDP (a truncated answer is asked again over TCP, RFC 7766 §5).</summary>
    Udp,

    /// <summary>One raw query over TCP (RFC 1035 §4.2.2 length prefix).</summary>
    Tcp,

    /// <summary>getaddrinfo over /etc/resolv.conf, as an app resolves.</summary>
    System,
}
