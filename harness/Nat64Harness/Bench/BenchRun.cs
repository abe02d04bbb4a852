namespace Nat64Harness.Bench;

/// <summary>A whole bench: how it measured, every path, what was skipped and why, and how busy the host was.</summary>
/// <param name="Options">How each path was measured.</param>
/// <param name="Started">When it began.</param>
/// <param name="Finished">When it ended.</param>
/// <param name="Load">The host's load over the whole run.</param>
/// <param name="Iperf3Version">iperf3's version line as the probe reports it, or null when it could not be run.</param>
/// <param name="Paths">Every path measured.</param>
/// <param name="Skipped">Paths not measured, each with the reason.</param>
public sealed record BenchRun(BenchOptions Options, DateTimeOffset Started, DateTimeOffset Finished, LoadSummary Load, string? Iperf3Version, IReadOnlyList<PathResult> Paths, IReadOnlyList<string> Skipped);
