using System.Net;

namespace Nat64Harness.Verification;

/// <summary>
/// Judges the routes of a per-app-netns app's namespace (<c>ip -6 route show</c>, <c>ip -4 route show</c>): the VPN
/// must install its device's own subnets, the NAT64 prefix via its gateway, and nothing else: no default route, no
/// other destination (containers/perapp-contract.md, "per-app-netns").
/// </summary>
public static class AppRoutesAudit
{
    /// <summary>Every route beyond the contract's, one line each.</summary>
    /// <param name="routes">The output of <c>ip -6 route show; ip -4 route show</c> in the app's namespace.</param>
    /// <param name="device">The VPN's device.</param>
    /// <param name="prefix">The NAT64 prefix, as <c>ip</c> prints it.</param>
    /// <param name="gateway">The ready line's gateway_v6, or null on a TUN.</param>
    /// <param name="allowed">The app's own subnets (its /64, its IPv4 /24), routed on the device.</param>
    /// <param name="dns">The DNS address the VPN offers the app (the ready line's dns), routed like the prefix; null when it offers none.</param>
    public static IReadOnlyList<string> Inspect(string routes, string device, string prefix, IPAddress? gateway, IReadOnlyCollection<IPNetwork> allowed, IPAddress? dns = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var violations = new List<string>();
        var sawPrefix = false;
        foreach (var line in routes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var destination = words[0];
            var dev = Value(words, "dev");
            var via = Value(words, "via");
            if (destination == "default")
            {
                violations.Add($"'{line}': a default route: the app reaches beyond the NAT64 prefix");
            }
            else if (destination == prefix)
            {
                sawPrefix = true;
                if (dev != device || (gateway is not null && via != gateway.ToString()))
                {
                    violations.Add($"'{line}': the prefix must go via {gateway?.ToString() ?? "the device"} dev {device}");
                }
            }
            else if (dns is not null && IsHost(destination, dns))
            {
                if (dev != device || (gateway is not null && via != gateway.ToString()))
                {
                    violations.Add($"'{line}': the DNS address the VPN offers must go via {gateway?.ToString() ?? "the device"} dev {device}");
                }
            }
            else if (destination.StartsWith("fe80::/64", StringComparison.Ordinal) && dev == device)
            {
                // The device's own link-local subnet.
            }
            else if (!(IPNetwork.TryParse(destination, out var net) && allowed.Contains(net) && dev == device && via is null))
            {
                violations.Add($"'{line}': a route the contract does not give the app");
            }
        }

        if (!sawPrefix)
        {
            violations.Add($"no route for the NAT64 prefix {prefix}: the app's traffic cannot enter the VPN");
        }

        return violations;
    }

    // "fd00::3" or "fd00::3/128" as ip prints a host route.
    private static bool IsHost(string destination, IPAddress address)
    {
        var parts = destination.Split('/');
        var length = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "128" : "32";
        return IPAddress.TryParse(parts[0], out var a) && a.Equals(address) && (parts.Length == 1 || parts[1] == length);
    }

    private static string? Value(string[] words, string key)
    {
        var i = Array.IndexOf(words, key);
        return i >= 0 && i + 1 < words.Length ? words[i + 1] : null;
    }
}
