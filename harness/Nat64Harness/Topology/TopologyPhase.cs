namespace Nat64Harness.Topology;

/// <summary>A step of a topology's start that has just finished, for progress lines.</summary>
/// <param name="Name">What finished: "images", "networks", "router and echo", "vpn", "probe".</param>
/// <param name="Elapsed">How long that step took.</param>
/// <param name="Detail">A short fact about it (block, VPN name), or empty.</param>
public sealed record TopologyPhase(string Name, TimeSpan Elapsed, string Detail = "");
