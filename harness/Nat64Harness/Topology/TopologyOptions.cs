using Nat64Harness.Addressing;
using Nat64Harness.Images;
using Nat64Harness.Model;
using Nat64Harness.Vpn;

namespace Nat64Harness.Topology;

/// <summary>
/// How to start a topology. Every value has a default; nothing here reads the environment (the CLI and the test
/// fixtures fill these from it, see Settings.HarnessEnvironment).
/// </summary>
public sealed record TopologyOptions
{
    private ImageOptions? _images;
    private string? _captures;

    /// <summary>The NAT64 prefix; the well-known 64:ff9b::/96 unless given.</summary>
    public Nat64Prefix Prefix { get; init; } = Nat64Prefix.WellKnown;

    /// <summary>The NAT64 router; Tayga unless given.</summary>
    public RouterKind Router { get; init; } = RouterKind.Tayga;

    /// <summary>The VPN under test between the probe and the router; null for the baseline.</summary>
    public IVpnUnderTest? Vpn { get; init; }

    /// <summary>The DNS containers (authoritative server, DNS64 resolver, PREF64 sender); on unless given <see cref="DnsOptions.Off"/>.</summary>
    public DnsOptions Dns { get; init; } = DnsOptions.Default;

    /// <summary>The tunnel MTU to give the VPN, or null for its default.</summary>
    public int? TunnelMtu { get; init; }

    /// <summary>A fixed address block (0-255); by default the allocator picks a free one.</summary>
    public int? Block { get; init; }

    /// <summary>A name for the run, used in container names and the captures folder.</summary>
    public string Scenario { get; init; } = "baseline";

    /// <summary>How long each container may take to print its ready line.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where progress goes (image builds, the plan, timings).</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>Told when each step of the start finishes (images, networks, router and echo, VPN, probe), for a progress display.</summary>
    public IProgress<TopologyPhase>? Progress { get; init; }

    /// <summary>
    /// Leave the topology running for a person to debug (<c>nat64h up</c>): its resources carry
    /// <see cref="Docker.HarnessLabels.Kept"/>, so later runs do not reap them once this process exits; <c>nat64h down</c> does.
    /// </summary>
    public bool Keep { get; init; }

    /// <summary>Where the images are defined and what they build from; by default the containers/ of the checkout found from here.</summary>
    public ImageOptions Images
    {
        get => _images ??= RepositoryLayout.Discover().Images;
        init => _images = value;
    }

    /// <summary>Where each run writes its folder of pcaps and reports; by default the captures/ of the checkout found from here.</summary>
    public string CapturesFolder
    {
        get => _captures ??= RepositoryLayout.Discover().Captures;
        init => _captures = value;
    }
}
