using Nat64Harness.Containers;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>
/// Reads a tunnel VPN client's routing in its network namespace (any container of ours that shares it, with
/// iproute2: the probe) and judges it by <see cref="TunnelRouting"/>: every rule, every route of every table,
/// and <c>ip -6 route get</c> for each address the contract names.
/// </summary>
public static class TunnelRouteCheck
{
    /// <summary>Reads and judges; a command that cannot run at all fails with its output.</summary>
    public static async Task<TunnelRoutingReport> ReadAsync(HarnessContainer inClientNamespace, AddressPlan plan, CancellationToken ct = default)
    {
        var addresses = await inClientNamespace.RunAsync(["ip", "-o", "-6", "addr", "show"], ct).ConfigureAwait(false);
        var rules = KernelRule.ParseListing(await inClientNamespace.RunAsync(["ip", "-6", "rule", "show"], ct).ConfigureAwait(false));
        var routes = KernelRoute.ParseListing(await inClientNamespace.RunAsync(["ip", "-6", "route", "show", "table", "all"], ct).ConfigureAwait(false));
        var lookups = new List<RouteLookup>();
        foreach (var (address, role, requirement) in TunnelRouting.Addresses(plan))
        {
            var get = await inClientNamespace.ExecAsync(["ip", "-6", "route", "get", address.ToString()], ct).ConfigureAwait(false);
            var answer = get.ExitCode == 0 ? get.Stdout : get.Stderr;
            var line = get.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            lookups.Add(new RouteLookup(address, role, requirement, get.ExitCode == 0 && line is not null ? KernelRoute.Parse(line) : null, answer.Trim()));
        }

        return TunnelRouting.Judge(plan, TunnelRouting.DeviceHolding(addresses, plan.TunnelClientV6), rules, routes, lookups);
    }
}
