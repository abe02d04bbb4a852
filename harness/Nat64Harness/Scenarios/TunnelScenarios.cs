using Nat64Harness.Model;

namespace Nat64Harness.Scenarios;

/// <summary>Scenarios only a tunnel VPN's suite runs (beside <see cref="ScenarioCatalog"/>, which every topology runs).</summary>
public static class TunnelScenarios
{
    /// <summary>
    /// Hop limit 2: behind a tunnel the packet crosses the VPN server and expires on arrival at the NAT64 router, whose
    /// kernel answers Time Exceeded from its access address (containers/vpn-contract.md: the router's /128 is routed back).
    /// </summary>
    public static Scenario HopLimitTwo { get; } = new("hop-limit-2", p => new Exchange(ExchangeKind.Icmp, p.EchoSynthesized, HopLimit: 2, Timeout: TimeSpan.FromSeconds(2)),
        Captured: true, Judged: false, ScenarioExpectation.TimeExceeded, "an echo request that expires at the second hop, the NAT64 router behind a tunnel");

    /// <summary>
    /// 1 MiB each way over TCP with a 15-second wait per read: a tunnel that loses full-size segments stalls it, and the
    /// probe reports the stall instead of waiting out <see cref="ScenarioCatalog.Transfer"/>'s two minutes.
    /// </summary>
    public static Scenario StallingTransfer { get; } = ScenarioCatalog.Transfer(1).Quick(TimeSpan.FromSeconds(15)) with { Name = "transfer-1mib-stall" };
}
