using Nat64Harness.Addressing;

namespace Nat64Harness.Topology;

/// <summary>How to start a topology.</summary>
public sealed record TopologyOptions
{
    /// <summary>The NAT64 prefix; the well-known 64:ff9b::/96 unless given.</summary>
    public Nat64Prefix Prefix { get; init; } = Nat64Prefix.WellKnown;

    /// <summary>The NAT64 router; Tayga unless given.</summary>
    public RouterKind Router { get; init; } = RouterKind.Tayga;

    /// <summary>The VPN under test between the probe and the router; null for the baseline.</summary>
    public Vpn.IVpnUnderTest? Vpn { get; init; }

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

    /// <summary>Options from NAT64H_* environment variables (NAT64H_BLOCK, NAT64H_PREFIX, NAT64H_ROUTER).</summary>
    public static TopologyOptions FromEnvironment(string scenario, TextWriter log) => new()
    {
        Scenario = scenario,
        Log = log,
        Block = int.TryParse(Environment.GetEnvironmentVariable("NAT64H_BLOCK"), out var b) ? b : null,
        Prefix = Environment.GetEnvironmentVariable("NAT64H_PREFIX") is { Length: > 0 } p ? Nat64Prefix.Parse(p) : Nat64Prefix.WellKnown,
        Router = Enum.TryParse<RouterKind>(Environment.GetEnvironmentVariable("NAT64H_ROUTER"), ignoreCase: true, out var r) ? r : RouterKind.Tayga,
    };
}
