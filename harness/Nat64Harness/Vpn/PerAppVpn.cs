using System.Globalization;
using System.Net;
using Nat64Harness.Images;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>
/// The reference per-app userspace VPN (containers/perapp-vpn, C#): one container on the IPv6 access network
/// that reads the app uid's packets from its TUN, proxies them through its own sockets and writes the
/// responses it builds back. The probe joins its namespace and runs as the app's uid. <see cref="Fault"/>
/// starts it with one deliberate bug (containers/perapp-vpn/README.md lists them).
/// </summary>
public sealed class PerAppVpn : IVpnUnderTest
{
    /// <summary>The uid the VPN steers into its TUN.</summary>
    public const int AppUid = 1000;

    /// <summary>A uid whose traffic must bypass the VPN.</summary>
    public const int OtherUid = 1001;

    /// <summary>The VPN's TUN device.</summary>
    public const string TunDevice = "nat64h0";

    /// <summary>The reference VPN's folder under containers/.</summary>
    public const string Folder = "perapp-vpn";

    /// <summary>The faults the fault matrix runs (its folder's nat64h-vpn.json lists every fault the image accepts).</summary>
    public static readonly IReadOnlyList<string> Faults =
    [
        "no-ipv6", "bad-l4-checksum-v6", "no-address-swap", "hop-limit-zero", "hop-limit-copied",
        "bad-payload-length", "truncate-1280", "leak-prefix", "ignore-fin", "wrong-icmpv6-echo-type",
    ];

    private static readonly HarnessImage Image = HarnessImage.FromOwnFolder(Folder, DotnetPublish.IntoBinPublishAsync);

    private PerAppVpn(string? fault) => Fault = fault;

    /// <summary>The clean VPN.</summary>
    public static PerAppVpn Clean { get; } = new(null);

    /// <summary>The VPN with one named fault (<see cref="VpnCatalog"/> checks the name against the folder's declaration).</summary>
    public static PerAppVpn WithFault(string fault) =>
        string.IsNullOrWhiteSpace(fault) ? throw new ArgumentException("a fault name is required", nameof(fault)) : new(fault);

    /// <summary>The injected fault, or null.</summary>
    public string? Fault { get; }

    /// <inheritdoc />
    public string Name => Fault is null ? "perapp" : $"perapp-{Fault}";

    /// <inheritdoc />
    public bool NeedsUnderlay => false;

    /// <inheritdoc />
    public IEnumerable<(IPNetwork Network, IPAddress Via)> RouterRoutes(AddressPlan plan) => [];

    /// <inheritdoc />
    public async Task<VpnInstance> StartAsync(VpnContext context, CancellationToken ct = default)
    {
        var plan = context.Plan;
        var image = await Image.EnsureAsync(context.Images, context.Log, ct).ConfigureAwait(false);
        var vpn = new VpnContainerBuilder(image)
            .WithName($"nat64h-{plan.Block}-{Name}")
            .WithHarnessDefaults(context.Labels, context.ReadyTimeout)
            .WithPrimaryAddress(context.Access, plan.VpnAccessV6)
            .WithNetworkAdmin(tun: true, ("net.ipv6.conf.default.disable_ipv6", "0"))
            .WithEnvironment("NAT64H_PREFIX", plan.Prefix.ToString())
            .WithEnvironment("NAT64H_ROUTER_V6", plan.RouterV6.ToString())
            .WithEnvironment("NAT64H_TUN_V6", $"{plan.TunnelClientV6}/64")
            .WithEnvironment("NAT64H_APP_UID", AppUid.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("NAT64H_FAULT", Fault ?? "none")
            .WithEnvironment("NAT64H_DNS_V6", context.Resolver?.ToString() ?? "");
        if (context.TunnelMtu is { } mtu)
        {
            vpn = vpn.WithEnvironment("NAT64H_TUNNEL_MTU", mtu.ToString(CultureInfo.InvariantCulture));
        }

        var container = vpn.Build();
        await container.StartAsync(ct).ConfigureAwait(false);
        return new VpnInstance([container], container, plan.VpnAccessV6, FirstHop: null, context.TunnelMtu, AppUid, TunDevice);
    }
}
