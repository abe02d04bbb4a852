namespace Nat64Harness.Vpn;

/// <summary>VPNs by name, for the CLI: none, the reference VPNs, or a user's folder under containers/.</summary>
public static class VpnCatalog
{
    /// <summary>
    /// Null for "none" (the baseline), the reference VPN of that name, or a tunnel VPN built from
    /// <paramref name="containersFolder"/>/&lt;name&gt;.
    /// </summary>
    public static IVpnUnderTest? Find(string name, string containersFolder) => name.ToLowerInvariant() switch
    {
        "" or "none" or "baseline" => null,
        "wireguard" => TunnelVpn.WireGuard,
        "openvpn" => TunnelVpn.OpenVpn,
        "perapp" => PerAppVpn.Clean,
        _ when name.StartsWith("perapp:", StringComparison.OrdinalIgnoreCase) => PerAppVpn.WithFault(name["perapp:".Length..]),
        _ when Directory.Exists(Path.Combine(containersFolder, name)) => TunnelVpn.FromFolder(name),
        _ => throw new ArgumentException($"unknown VPN '{name}': use none, wireguard, openvpn, perapp, perapp:<fault>, or a folder under {containersFolder} with a Dockerfile following containers/vpn-contract.md"),
    };
}
