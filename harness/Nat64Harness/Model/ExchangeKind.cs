namespace Nat64Harness.Model;

/// <summary>The kinds of exchange the probe runs.</summary>
public enum ExchangeKind
{
    /// <summary>TCP connect, send, read the echo back, close.</summary>
    Tcp,

    /// <summary>UDP datagrams, each echoed.</summary>
    Udp,

    /// <summary>ICMPv6 echo request / reply.</summary>
    Icmp,
}
