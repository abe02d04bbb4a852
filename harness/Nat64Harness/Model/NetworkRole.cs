namespace Nat64Harness.Model;

/// <summary>
/// A Docker network's part in a run. Its suffix names the network (<see cref="AddressPlan.NetworkName"/>) and its
/// Linux bridge (<see cref="AddressPlan.BridgeName"/>); a new role is a new value here and its subnets in the plan.
/// </summary>
/// <param name="Suffix">Short name: at most 3 characters keeps the bridge name within Linux's 15.</param>
public readonly record struct NetworkRole(string Suffix)
{
    /// <summary>The IPv6 access network between the probe (or a VPN server) and the NAT64 router.</summary>
    public static NetworkRole V6Access { get; } = new("v6");

    /// <summary>The IPv4-only "internet" between the NAT64 router and the echo server.</summary>
    public static NetworkRole V4 { get; } = new("v4");

    /// <summary>The IPv4-only underlay of a tunnel VPN.</summary>
    public static NetworkRole Underlay { get; } = new("ul");

    /// <inheritdoc />
    public override string ToString() => Suffix;
}
