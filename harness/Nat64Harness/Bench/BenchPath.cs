using Nat64Harness.Model;
using Nat64Harness.Vpn;

namespace Nat64Harness.Bench;

/// <summary>One path to measure: a VPN (or none) in front of a NAT64 router.</summary>
/// <param name="Vpn">The VPN under test, or null for the baseline.</param>
/// <param name="Router">The NAT64 router.</param>
public sealed record BenchPath(IVpnUnderTest? Vpn, RouterKind Router)
{
    /// <summary>"baseline/tayga", "wireguard/tayga", ….</summary>
    public string Name => $"{Vpn?.Name ?? "baseline"}/{Router.ToString().ToLowerInvariant()}";
}
