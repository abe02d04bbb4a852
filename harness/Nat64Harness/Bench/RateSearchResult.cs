namespace Nat64Harness.Bench;

/// <summary>The outcome of one UDP throughput search.</summary>
/// <param name="BitsPerSecond">The sender's rate in the highest passing trial, or null when none passed.</param>
/// <param name="Outcome">Why the search stopped.</param>
/// <param name="LowestFailure">The lowest offered rate that failed, or null when none did.</param>
/// <param name="Trials">Every trial, in the order run.</param>
public sealed record RateSearchResult(double? BitsPerSecond, RateSearchOutcome Outcome, double? LowestFailure, IReadOnlyList<RateTrial> Trials);
