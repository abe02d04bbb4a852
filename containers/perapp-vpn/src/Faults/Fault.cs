namespace Nat64Harness.PerAppVpn.Faults;

/// <summary>
/// The one deliberate bug a VPN run may carry (env <c>NAT64H_FAULT</c>). Each is implemented in exactly one
/// place, marked <c>// FAULT: name</c>; the comment on each member is the symptom the harness must detect.
/// </summary>
public enum Fault
{
    /// <summary>No fault: the VPN behaves correctly.</summary>
    None = 0,

    /// <summary>Every IPv6 packet read from the TUN is dropped: IPv6 through the VPN fails, IPv4 works.</summary>
    NoIpv6,

    /// <summary>TCP/UDP/ICMPv6 checksum of IPv6 responses is wrong (XOR 0x0F0F): the app's stack drops every IPv6 reply.</summary>
    BadL4ChecksumV6,

    /// <summary>Responses keep the request's src/dst: replies are addressed to the remote, never reach the app.</summary>
    NoAddressSwap,

    /// <summary>IPv6 responses carry hop limit 0 (a value no sender may emit; RFC 8200 §3).</summary>
    HopLimitZero,

    /// <summary>IPv6 responses carry the request's hop limit minus one (as if routed back), wrapping 0 to 255, instead of a fresh 64.</summary>
    HopLimitCopied,

    /// <summary>IPv6 payload length of responses is 8 bytes more than what follows: the app's stack drops them as truncated.</summary>
    BadPayloadLength,

    /// <summary>Responses longer than 1280 bytes are cut at 1280 (headers unchanged): big replies vanish, small ones work.</summary>
    Truncate1280,

    /// <summary>The entry script leaves NAT64-prefix traffic of the app uid on the physical interface: it bypasses the TUN.</summary>
    LeakPrefix,

    /// <summary>A FIN from the app is neither acknowledged nor passed on: the server never sees EOF, the app's close hangs.</summary>
    IgnoreFin,

    /// <summary>ICMPv6 echo replies are built with type 128 (request) instead of 129: ping -6 gets no answer.</summary>
    WrongIcmpv6EchoType,

    /// <summary>
    /// The entry script steers by uid only: what the kernel sends for the app's closed and TIME-WAIT sockets (as uid 0:
    /// ACKs of the VPN's FIN, RSTs) leaves through the access network with the app's address as source.
    /// </summary>
    LeakTimeWait,
}
