namespace Nat64Harness.Model;

/// <summary>What the tunnel contract says of an address the client's kernel is asked about (containers/vpn-contract.md, "Policy routing").</summary>
public enum RouteRequirement
{
    /// <summary>Must resolve to the tunnel device: the prefix (an echo address) and the server's tunnel address.</summary>
    InTunnel,

    /// <summary>Should resolve to the tunnel device (the router's address: Time Exceeded from its kernel); reported, a VPN may state that it cannot.</summary>
    ShouldBeInTunnel,

    /// <summary>Must not resolve anywhere: addresses beyond the path (outside our networks, the server's access address, the host's bridge).</summary>
    Unreachable,
}
