using System.Globalization;
using System.Net;
using DotNet.Testcontainers.Containers;
using Nat64Harness.Images;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>
/// A tunnel VPN that follows containers/vpn-contract.md: a server on the underlay and the access network, a
/// client on the underlay only, the server's /run/nat64h/client.env passed to the client's environment.
/// WireGuard and OpenVPN are two instances of it; a user's VPN is one more, built from its own folder under
/// containers/ (<see cref="FromFolder"/>) or from an image it already has (<see cref="FromImage"/>).
/// </summary>
public sealed class TunnelVpn : IVpnUnderTest
{
    /// <summary>
    /// The tunnel MTU the harness asks for (<c>NAT64H_TUNNEL_MTU</c>) when the run names none. A request only: every
    /// expectation uses what the VPN declares and its kernels confirm (<see cref="VpnInstance.TunnelMtu"/>).
    /// </summary>
    public const int DefaultTunnelMtu = 1420;

    private readonly Func<VpnContext, CancellationToken, Task<string>> _image;

    private TunnelVpn(string name, Func<VpnContext, CancellationToken, Task<string>> image, string? fault = null)
    {
        Name = fault is null ? name : $"{name}-{fault}";
        _image = image;
        Fault = fault;
    }

    /// <summary>The deliberate fault both ends are started with (<c>NAT64H_FAULT</c>), or null.</summary>
    public string? Fault { get; }

    /// <summary>WireGuard (wireguard-go, keys per run) from containers/wireguard.</summary>
    public static TunnelVpn WireGuard { get; } = FromFolder("wireguard");

    /// <summary>OpenVPN 2.6 (TLS, per-run self-signed certificates pinned by fingerprint) from containers/openvpn.</summary>
    public static TunnelVpn OpenVpn { get; } = FromFolder("openvpn");

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool NeedsUnderlay => true;

    /// <summary>
    /// A VPN whose Dockerfile is containers/&lt;folder&gt;/Dockerfile (build context containers/), optionally started
    /// with one of the faults its nat64h-vpn.json declares (<see cref="VpnCatalog"/> checks the name).
    /// </summary>
    public static TunnelVpn FromFolder(string folder, string? fault = null) =>
        new(folder, (context, ct) => HarnessImage.FromFolder(folder).EnsureAsync(context.Images, context.Log, ct), fault);

    /// <summary>A VPN from an image the engine already has.</summary>
    public static TunnelVpn FromImage(string name, string image) => new(name, (_, _) => Task.FromResult(image));

    /// <inheritdoc />
    public IEnumerable<(IPNetwork Network, IPAddress Via)> RouterRoutes(AddressPlan plan) => [(plan.TunnelV6Subnet, plan.VpnAccessV6)];

    /// <inheritdoc />
    public async Task<VpnInstance> StartAsync(VpnContext context, CancellationToken ct = default)
    {
        var plan = context.Plan;
        var underlay = context.Underlay ?? throw new InvalidOperationException($"{Name}: a tunnel VPN needs the underlay network");
        var image = await _image(context, ct).ConfigureAwait(false);
        var mtu = context.TunnelMtu ?? DefaultTunnelMtu;

        var server = Faulty(Common(new VpnContainerBuilder(image), context, $"nat64h-{plan.Block}-{Name}-server", mtu))
            .WithEnvironment("NAT64H_ROLE", "server")
            .WithEnvironment("NAT64H_UNDERLAY_ADDR", plan.VpnServerUnderlay.ToString())
            .WithEnvironment("NAT64H_PEER_UNDERLAY_ADDR", plan.VpnClientUnderlay.ToString())
            .WithEnvironment("NAT64H_TUNNEL_ADDR", plan.TunnelServerV6.ToString())
            .WithEnvironment("NAT64H_PEER_TUNNEL_ADDR", plan.TunnelClientV6.ToString())
            .WithEnvironment("NAT64H_ACCESS_V6_ADDR", plan.VpnAccessV6.ToString())
            .WithEnvironment("NAT64H_ROUTER_V6", plan.RouterV6.ToString())
            .WithPrimaryAddress(underlay, plan.VpnServerUnderlay)
            .WithExtraAddress(context.Access, plan.VpnAccessV6)
            .WithNetworkAdmin(tun: true, ("net.ipv6.conf.default.disable_ipv6", "0"), ("net.ipv6.conf.all.forwarding", "1"))
            .Build();
        var started = new List<IContainer> { server };
        try
        {
            await server.StartAsync(ct).ConfigureAwait(false);
            var clientEnv = await server.ReadClientEnvironmentAsync(ct).ConfigureAwait(false);

            var clientBuilder = Faulty(Common(new VpnContainerBuilder(image), context, $"nat64h-{plan.Block}-{Name}-client", mtu))
                .WithEnvironment("NAT64H_ROLE", "client")
                .WithEnvironment("NAT64H_UNDERLAY_ADDR", plan.VpnClientUnderlay.ToString())
                .WithEnvironment("NAT64H_PEER_UNDERLAY_ADDR", plan.VpnServerUnderlay.ToString())
                .WithEnvironment("NAT64H_TUNNEL_ADDR", plan.TunnelClientV6.ToString())
                .WithEnvironment("NAT64H_PEER_TUNNEL_ADDR", plan.TunnelServerV6.ToString())
                .WithPrimaryAddress(underlay, plan.VpnClientUnderlay)
                .WithNetworkAdmin(tun: true, ("net.ipv6.conf.default.disable_ipv6", "0"));
            foreach (var (key, value) in clientEnv)
            {
                clientBuilder = clientBuilder.WithEnvironment(key, value);
            }

            var client = clientBuilder.Build();
            started.Add(client);
            await client.StartAsync(ct).ConfigureAwait(false);
            var mtuReport = await TunnelMtuCheck.CheckAsync(server, client, plan, ct).ConfigureAwait(false);
            if (mtuReport.Effective is not { } tunnelMtu)
            {
                throw new InvalidOperationException(
                    $"{Name}: asked for MTU {mtu}, the tunnel's MTU does not add up (containers/vpn-contract.md, \"Declared MTU\"):\n{mtuReport}");
            }

            context.Log.WriteLine($"vpn {Name}: tunnel MTU {tunnelMtu} ({(mtuReport.Declared ? "declared, read back on both ends" : "nothing declared: read back, both ends agree")}; asked for {mtu})");
            return new VpnInstance(started, client, plan.TunnelClientV6, plan.TunnelServerV6, tunnelMtu, Server: server, Mtu: mtuReport);
        }
        catch
        {
            foreach (var c in started)
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static VpnContainerBuilder Common(VpnContainerBuilder builder, VpnContext context, string name, int mtu) =>
        builder
            .WithName(name)
            .WithHarnessDefaults(context.Labels, context.ReadyTimeout)
            .WithEnvironment("NAT64H_PREFIX", context.Plan.Prefix.ToString())
            .WithEnvironment("NAT64H_TUNNEL_V6_NET", context.Plan.TunnelV6Subnet.ToString())
            .WithEnvironment("NAT64H_TUNNEL_MTU", mtu.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("NAT64H_DNS_V6", context.Resolver?.ToString() ?? "");

    private VpnContainerBuilder Faulty(VpnContainerBuilder builder) => Fault is null ? builder : builder.WithEnvironment("NAT64H_FAULT", Fault);
}
