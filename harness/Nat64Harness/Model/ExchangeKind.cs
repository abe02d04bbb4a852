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

    /// <summary>One DNS question (<see cref="Exchange.Question"/>), answered or not.</summary>
    Resolve,

    /// <summary>NAT64 prefix discovery (<see cref="Exchange.Discovery"/>): RFC 7050 or PREF64.</summary>
    Discover,
}
