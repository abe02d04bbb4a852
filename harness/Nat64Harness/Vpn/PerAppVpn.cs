using System.Globalization;
using System.Net;
using DotNet.Testcontainers.Containers;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Probe;
using Nat64Harness.Docker;
using Nat64Harness.Images;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>
/// Any per-app userspace VPN that follows containers/perapp-contract.md: the reference VPN (containers/perapp-vpn,
/// kind per-app-uid), slirp4netns (kind per-app-netns), or a user's. Its folder's nat64h-vpn.json says the kind,
/// the faults it accepts and how its image is built; the ready line says its device, link type and MTU. Nothing
/// here knows a VPN by name.
/// </summary>
public sealed class PerAppVpn : IVpnUnderTest
{
    /// <summary>The uid a per-app-uid VPN steers into its TUN (<c>NAT64H_APP_UID</c>).</summary>
    public const int AppUid = 1000;

    /// <summary>A uid whose traffic must bypass a per-app-uid VPN.</summary>
    public const int OtherUid = 1001;

    /// <summary>Where a per-app-netns VPN finds the app's network namespace (<c>NAT64H_APP_NETNS</c>).</summary>
    public const string AppNetnsPath = "/run/nat64h/app-netns";

    private readonly Func<VpnContext, CancellationToken, Task<(VpnKind Kind, string Image)>> _resolve;

    private PerAppVpn(string name, string? fault, Func<VpnContext, CancellationToken, Task<(VpnKind, string)>> resolve)
    {
        Name = fault is null ? name : $"{name}-{fault}";
        Fault = fault;
        _resolve = resolve;
    }

    /// <summary>The injected fault (<c>NAT64H_FAULT</c>), or null.</summary>
    public string? Fault { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool NeedsUnderlay => false;

    /// <summary>
    /// The per-app VPN of containers/&lt;folder&gt;, optionally with one fault. Its declaration is read when it starts
    /// (the containers folder comes with the run's options), so a folder that is not per-app, or a fault it does not
    /// declare, fails the start naming both.
    /// </summary>
    public static PerAppVpn FromFolder(string folder, string? fault = null) =>
        new(folder, fault, async (context, ct) =>
        {
            var declaration = VpnDeclaration.Read(context.Images.ContainersFolder, folder);
            return (declaration.Kind, await ImageOf(Checked(declaration, fault)).EnsureAsync(context.Images, context.Log, ct).ConfigureAwait(false));
        });

    /// <summary>The per-app VPN a declaration describes (the catalogue has read and checked it).</summary>
    public static PerAppVpn FromDeclaration(VpnDeclaration declaration, string? fault = null)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var image = ImageOf(Checked(declaration, fault));
        return new(declaration.Folder, fault, async (context, ct) => (declaration.Kind, await image.EnsureAsync(context.Images, context.Log, ct).ConfigureAwait(false)));
    }

    /// <summary>A per-app VPN from an image the engine already has; an image has no folder, so its kind is given here.</summary>
    public static PerAppVpn FromImage(string name, string image, VpnKind kind, string? fault = null) =>
        kind == VpnKind.Tunnel
            ? throw new ArgumentException("a tunnel VPN is a TunnelVpn", nameof(kind))
            : new(name, fault, (_, _) => Task.FromResult((kind, image)));

    /// <inheritdoc />
    public IEnumerable<(IPNetwork Network, IPAddress Via)> RouterRoutes(AddressPlan plan) => [];

    /// <inheritdoc />
    public async Task<VpnInstance> StartAsync(VpnContext context, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (kind, image) = await _resolve(context, ct).ConfigureAwait(false);
        List<IContainer> started = [];
        try
        {
            return kind == VpnKind.PerAppUid
                ? await StartUidAsync(context, image, started, ct).ConfigureAwait(false)
                : await StartNetnsAsync(context, image, started, ct).ConfigureAwait(false);
        }
        catch
        {
            foreach (var c in Enumerable.Reverse(started))
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    // per-app-uid: one container on the access network; the probe joins its namespace and runs as the app's uid.
    private async Task<VpnInstance> StartUidAsync(VpnContext context, string image, List<IContainer> started, CancellationToken ct)
    {
        var vpn = Contract(context, image)
            .WithEnvironment("NAT64H_APP_UID", AppUid.ToString(CultureInfo.InvariantCulture))
            .WithNetworkAdmin(tun: true, ("net.ipv6.conf.default.disable_ipv6", "0"))
            .WithOnlyCapabilities("NET_ADMIN")
            .Build();
        started.Add(vpn);
        var facts = await StartAndReadAsync(vpn, context, ct).ConfigureAwait(false);
        return Instance(context, started, vpn, vpn, app: null, facts, AppUid);
    }

    // per-app-netns, in the contract's order: the app (the probe image, no network), its pid as the daemon sees it,
    // then the VPN with that namespace bind-mounted; exchanges run in the app itself.
    private async Task<VpnInstance> StartNetnsAsync(VpnContext context, string image, List<IContainer> started, CancellationToken ct)
    {
        var probeImage = await HarnessImage.Probe.EnsureAsync(context.Images, context.Log, ct).ConfigureAwait(false);
        var app = new ProbeBuilder(probeImage)
            .WithName($"nat64h-{context.Plan.Block}-{Name}-app")
            .WithHarnessDefaults(context.Labels, context.ReadyTimeout)
            .WithoutNetwork()
            .Build();
        started.Add(app);
        await app.StartAsync(ct).ConfigureAwait(false);

        var pid = await PidAsync(app, ct).ConfigureAwait(false);
        var vpn = Contract(context, image)
            .WithEnvironment("NAT64H_APP_NETNS", AppNetnsPath)
            .WithNamespaceFile(pid, AppNetnsPath)
            .WithNetworkAdmin(tun: true)
            .WithOnlyCapabilities("NET_ADMIN", "SYS_ADMIN")
            .Build();
        started.Add(vpn);
        var facts = await StartAndReadAsync(vpn, context, ct).ConfigureAwait(false);
        if (facts.Dns is { } dns)
        {
            // The app resolves through what the VPN offers it in its own namespace (slirp4netns: its forwarder), as an
            // app behind it would from the DHCP/RA the VPN hands out; the app started before the VPN, so it learns it now.
            await app.RunAsync(["sh", "-c", $"printf 'nameserver {dns}\noptions timeout:1 attempts:1\n' > /etc/resolv.conf"], ct).ConfigureAwait(false);
        }

        return Instance(context, started, app, vpn, app, facts, probeUid: null);
    }

    // The contract's environment for both kinds (containers/perapp-contract.md, "Environment").
    private VpnContainerBuilder Contract(VpnContext context, string image)
    {
        var plan = context.Plan;
        var builder = new VpnContainerBuilder(image)
            .WithName($"nat64h-{plan.Block}-{Name}")
            .WithHarnessDefaults(context.Labels, context.ReadyTimeout)
            .WithPrimaryAddress(context.Access, plan.VpnAccessV6)
            .WithEnvironment("NAT64H_PREFIX", plan.Prefix.ToString())
            .WithEnvironment("NAT64H_ROUTER_V6", plan.RouterV6.ToString())
            .WithEnvironment("NAT64H_ACCESS_V6_ADDR", plan.VpnAccessV6.ToString())
            .WithEnvironment("NAT64H_APP_V6", $"{plan.TunnelClientV6}/64")
            .WithEnvironment("NAT64H_APP_V4", $"{AppV4(plan)}/24")
            .WithEnvironment("NAT64H_DNS_V6", context.Resolver?.ToString() ?? "");
        if (context.TunnelMtu is { } mtu)
        {
            builder = builder.WithEnvironment("NAT64H_TUNNEL_MTU", mtu.ToString(CultureInfo.InvariantCulture));
        }

        return Fault is null ? builder : builder.WithEnvironment("NAT64H_FAULT", Fault);
    }

    /// <summary>The app's IPv4 address the contract gives: 100.67.N.100 (.1-.99 are the VPN's).</summary>
    public static IPAddress AppV4(AddressPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new IPAddress([100, 67, (byte)plan.Block, 100]);
    }

    // Ready line first (the wait strategy), then its facts, checked against what the harness gave.
    private static async Task<ReadyFacts> StartAndReadAsync(VpnContainer vpn, VpnContext context, CancellationToken ct)
    {
        await vpn.StartAsync(ct).ConfigureAwait(false);
        var (stdout, _) = await vpn.GetLogsAsync(timestampsEnabled: false, ct: ct).ConfigureAwait(false);
        var name = vpn.Name.TrimStart('/');
        var facts = ReadyFacts.Parse(name, stdout);
        facts.Check(name, context.Plan.TunnelClientV6, context.TunnelMtu);
        context.Log.WriteLine($"vpn {name}: device {facts.Device} ({facts.Link}), mtu {facts.Mtu}, app {facts.AppV6}, gateway {facts.GatewayV6?.ToString() ?? "none"}");
        return facts;
    }

    private static VpnInstance Instance(VpnContext context, List<IContainer> containers, IContainer client, VpnContainer stack, ProbeContainer? app, ReadyFacts facts, int? probeUid) =>
        new(containers, client, context.Plan.VpnAccessV6, FirstHop: null, facts.Mtu, probeUid, facts.Device)
        {
            Facts = facts,
            App = app,
            Stack = stack,
            AppAddresses = [facts.AppV6, .. facts.AppV4 is { } v4 ? [v4] : Array.Empty<IPAddress>()],
            ProbeOnAccessLink = app is null,
        };

    private static async Task<long> PidAsync(HarnessContainer app, CancellationToken ct)
    {
        using var client = DockerEngine.CreateClient();
        var inspect = await client.Containers.InspectContainerAsync(app.Id, ct).ConfigureAwait(false);
        return inspect.State?.Pid is > 0 and var pid ? pid : throw new InvalidOperationException($"{app.Name}: the daemon reports no pid for the app container (state {inspect.State?.Status})");
    }

    private static VpnDeclaration Checked(VpnDeclaration declaration, string? fault)
    {
        if (declaration.Kind == VpnKind.Tunnel)
        {
            throw new ArgumentException($"VPN '{declaration.Folder}' declares kind tunnel: use TunnelVpn (containers/vpn-contract.md)");
        }

        if (fault is not null && !declaration.Faults.Contains(fault))
        {
            throw new ArgumentException($"unknown fault '{fault}' for VPN '{declaration.Folder}': {(declaration.Faults.Count == 0 ? "it declares none" : "one of " + string.Join(", ", declaration.Faults))}");
        }

        return declaration;
    }

    private static HarnessImage ImageOf(VpnDeclaration declaration)
    {
        Func<string, TextWriter, CancellationToken, Task>? prepare = declaration.PublishDotnet ? DotnetPublish.IntoBinPublishAsync : null;
        return declaration.OwnContext ? HarnessImage.FromOwnFolder(declaration.Folder, prepare) : HarnessImage.FromFolder(declaration.Folder, prepare);
    }
}
