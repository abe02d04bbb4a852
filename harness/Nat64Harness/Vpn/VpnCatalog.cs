namespace Nat64Harness.Vpn;

/// <summary>
/// VPNs by name, for the CLI and the tests: "none", or a folder under containers/ (optionally "folder:fault").
/// The folder's <c>nat64h-vpn.json</c> says which contract it follows and which faults it accepts
/// (<see cref="VpnDeclaration"/>), so no VPN is listed here by name.
/// </summary>
public static class VpnCatalog
{
    /// <summary>
    /// Null for "none" (the baseline); otherwise the VPN of <paramref name="containersFolder"/>/&lt;folder&gt;,
    /// started with the fault after a colon (which its declaration must list).
    /// </summary>
    /// <exception cref="ArgumentException">No such folder, a bad declaration, or a fault the VPN does not declare.</exception>
    public static IVpnUnderTest? Find(string name, string containersFolder)
    {
        if (name is "" or "none" or "baseline")
        {
            return null;
        }

        var (folder, fault) = Split(name);
        if (!Directory.Exists(Path.Combine(containersFolder, folder)))
        {
            // A short name a folder declares for itself ("aliases" in its nat64h-vpn.json).
            folder = List(containersFolder).FirstOrDefault(d => d.Aliases?.Contains(folder, StringComparer.OrdinalIgnoreCase) == true)?.Folder ?? folder;
        }

        if (!Directory.Exists(Path.Combine(containersFolder, folder)))
        {
            throw new ArgumentException($"unknown VPN '{name}': use none, or a folder under {containersFolder} (optionally folder:fault) following containers/vpn-contract.md or containers/perapp-contract.md; `nat64h run --list-vpns` lists them");
        }

        var declaration = VpnDeclaration.Read(containersFolder, folder);
        if (fault is not null && !declaration.Faults.Contains(fault))
        {
            throw new ArgumentException(declaration.Faults.Count == 0
                ? $"VPN '{folder}' declares no faults ({VpnDeclaration.FileName}), so '{fault}' cannot be injected"
                : $"unknown fault '{fault}' for VPN '{folder}': one of {string.Join(", ", declaration.Faults)}");
        }

        return declaration.Kind switch
        {
            VpnKind.Tunnel => TunnelVpn.FromFolder(folder, fault),
            _ => PerAppVpn.FromDeclaration(declaration, fault),
        };
    }

    /// <summary>Every VPN folder under <paramref name="containersFolder"/> (a Dockerfile and a declaration, or a tunnel by default), by name.</summary>
    public static IReadOnlyList<VpnDeclaration> List(string containersFolder) =>
        Directory.EnumerateDirectories(containersFolder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => File.Exists(Path.Combine(containersFolder, f, VpnDeclaration.FileName)))
            .Order(StringComparer.Ordinal)
            .Select(f => VpnDeclaration.Read(containersFolder, f))
            .ToList();

    private static (string Folder, string? Fault) Split(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var folder = colon < 0 ? name : name[..colon];
        var fault = colon < 0 ? null : name[(colon + 1)..];
        return (folder, string.IsNullOrEmpty(fault) ? null : fault);
    }
}
