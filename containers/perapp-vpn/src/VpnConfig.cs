using System.Net;
using System.Net.Sockets;
using Nat64Harness.PerAppVpn.Faults;

namespace Nat64Harness.PerAppVpn;

/// <summary>The VPN's settings, read from the <c>NAT64H_*</c> environment contract.</summary>
/// <param name="TunOffload">Segmentation and checksum offload on the TUN (IFF_VNET_HDR, TUNSETOFFLOAD): TCP moves in super-segments.</param>
public sealed record VpnConfig(string TunName, int TunnelMtu, Fault Fault, IPNetwork? Nat64Prefix, string StatsPath, int StatsPrintSeconds, bool TunOffload = true)
{
    /// <summary>Reads and validates the environment; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static VpnConfig FromEnvironment(Func<string, string?> env)
    {
        var mtuText = env("NAT64H_TUNNEL_MTU");
        var mtu = 1500;
        if (!string.IsNullOrEmpty(mtuText) && (!int.TryParse(mtuText, out mtu) || mtu < 1280 || mtu > 65535))
        {
            throw new ArgumentException($"NAT64H_TUNNEL_MTU={mtuText}: must be an integer in 1280..65535 (IPv6 minimum MTU is 1280)");
        }

        if (!FaultNames.TryParse(env("NAT64H_FAULT"), out var fault))
        {
            throw new ArgumentException($"NAT64H_FAULT={env("NAT64H_FAULT")}: unknown; one of {string.Join(", ", FaultNames.All)}");
        }

        IPNetwork? prefix = null;
        var prefixText = env("NAT64H_PREFIX");
        if (!string.IsNullOrEmpty(prefixText))
        {
            if (!IPNetwork.TryParse(prefixText, out var parsed) || parsed.BaseAddress.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new ArgumentException($"NAT64H_PREFIX={prefixText}: not an IPv6 prefix");
            }

            prefix = parsed;
        }

        var printText = env("NAT64H_STATS_PRINT_SECONDS");
        var print = 60;
        if (!string.IsNullOrEmpty(printText) && (!int.TryParse(printText, out print) || print < 0))
        {
            throw new ArgumentException($"NAT64H_STATS_PRINT_SECONDS={printText}: must be a non-negative integer (0: only on SIGUSR1)");
        }

        var offload = env("NAT64H_TUN_OFFLOAD") switch
        {
            null or "" or "on" => true,
            "off" => false,
            var other => throw new ArgumentException($"NAT64H_TUN_OFFLOAD={other}: must be on or off"),
        };

        return new VpnConfig(
            env("NAT64H_TUN_NAME") is { Length: > 0 } name ? name : "nat64h0",
            mtu,
            fault,
            prefix,
            env("NAT64H_STATS_FILE") is { Length: > 0 } path ? path : "/run/nat64h/vpn-stats.json",
            print,
            offload);
    }
}
