using Nat64Harness.Model;
using Nat64Harness.Vpn;

namespace Nat64Harness.Bench;

/// <summary>
/// Which paths a bench measures. With no VPN and no router named: the baseline through each router, and every
/// VPN of containers/ the harness can start (<see cref="VpnCatalog.List"/>) through Tayga. Naming VPNs or
/// routers measures every named VPN (the baseline is "none") through every named router.
/// </summary>
public static class BenchPaths
{
    /// <summary>The paths, and the VPNs left out with the reason.</summary>
    /// <exception cref="ArgumentException">A VPN that does not exist or a fault it does not declare (from <see cref="VpnCatalog.Find"/>).</exception>
    public static (IReadOnlyList<BenchPath> Paths, IReadOnlyList<string> Skipped) Select(IReadOnlyList<string> vpns, IReadOnlyList<RouterKind> routers, string containersFolder)
    {
        var skipped = new List<string>();
        if (vpns.Count == 0 && routers.Count == 0)
        {
            var paths = new List<BenchPath> { new(null, RouterKind.Tayga), new(null, RouterKind.Jool) };
            foreach (var declaration in VpnCatalog.List(containersFolder))
            {
                try
                {
                    paths.Add(new(VpnCatalog.Find(declaration.Folder, containersFolder), RouterKind.Tayga));
                }
                catch (NotSupportedException e)
                {
                    skipped.Add($"{declaration.Folder}: {e.Message}");
                }
            }

            return (paths, skipped);
        }

        var chosenRouters = routers.Count > 0 ? routers : [RouterKind.Tayga];
        var chosenVpns = vpns.Count > 0 ? vpns : ["none"];
        return (chosenVpns.SelectMany(v => chosenRouters.Select(r => new BenchPath(VpnCatalog.Find(v, containersFolder), r))).ToList(), skipped);
    }
}
