namespace Nat64Harness.Vpn;

/// <summary>Which contract a VPN image follows, as its folder declares in <c>nat64h-vpn.json</c>.</summary>
public enum VpnKind
{
    /// <summary>A tunnel VPN over the IPv4-only underlay (containers/vpn-contract.md): server and client containers.</summary>
    Tunnel,

    /// <summary>A per-app VPN steering one uid into its TUN in its own namespace (containers/perapp-contract.md, mode a).</summary>
    PerAppUid,

    /// <summary>A per-app VPN wiring a separate app namespace through its TUN/TAP (containers/perapp-contract.md, mode b).</summary>
    PerAppNetns,
}
