using System.Globalization;
using Nat64Harness.Model;

namespace Nat64Harness.Topology;

/// <summary>The MTUs of the links an exchange of a topology crosses, for sweeps that test each boundary.</summary>
public static class PathMtus
{
    /// <summary>Docker's default bridge MTU, when a bridge's own cannot be read.</summary>
    public const int DefaultLinkMtu = 1500;

    /// <summary>
    /// The IPv6 access link's and the IPv4 link's MTUs (read from their bridges on this machine) and the VPN's
    /// tunnel MTU as the VPN declared it, smallest first, each once.
    /// </summary>
    public static IReadOnlyList<int> Of(Nat64Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var mtus = new List<int>
        {
            BridgeMtu(topology.Plan.BridgeName(NetworkRole.V6Access)),
            BridgeMtu(topology.Plan.BridgeName(NetworkRole.V4)),
        };
        if (topology.Vpn?.TunnelMtu is { } tunnel)
        {
            mtus.Add(tunnel);
        }

        return mtus.Distinct().Order().ToList();
    }

    private static int BridgeMtu(string bridge)
    {
        try
        {
            return int.Parse(File.ReadAllText($"/sys/class/net/{bridge}/mtu").Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return DefaultLinkMtu;
        }
    }
}
