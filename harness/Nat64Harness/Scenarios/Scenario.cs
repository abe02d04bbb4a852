using Nat64Harness.Model;

namespace Nat64Harness.Scenarios;

/// <summary>
/// A named exchange the harness knows how to run and judge: the CLI, the conformance tests and the reports take
/// it from <see cref="ScenarioCatalog"/> instead of restating it.
/// </summary>
/// <param name="Name">The name in reports and pcap file names.</param>
/// <param name="Build">The exchange, from the run's address plan (the target is the echo server's synthesised address).</param>
/// <param name="Captured">
/// Whether its pcaps hold it whole. Every scenario a topology runs is captured within <c>CaptureLimits</c>; a bulk
/// transfer is not whole: its pcaps keep its first and last packets, and every packet is counted all the same.
/// </param>
/// <param name="Judged">Whether the oracle judges its captures packet by packet (of a bulk transfer, what the pcaps keep).</param>
/// <param name="Expects">What a conforming path does with it.</param>
/// <param name="Description">One line for a reader.</param>
public sealed record Scenario(string Name, Func<AddressPlan, Exchange> Build, bool Captured, bool Judged, ScenarioExpectation Expects, string Description)
{
    /// <summary>
    /// The same scenario with one message and a short timeout: for sweeps where failing is the expected outcome
    /// (a fault matrix), so that each failure costs one timeout, not one per message.
    /// </summary>
    public Scenario Quick(TimeSpan timeout) => this with { Build = plan => Build(plan) with { Count = 1, Timeout = timeout } };

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Description}";
}
