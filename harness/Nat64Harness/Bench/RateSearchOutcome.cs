namespace Nat64Harness.Bench;

/// <summary>Why a throughput search stopped.</summary>
public enum RateSearchOutcome
{
    /// <summary>The highest pass and the lowest failure are within the resolution: the throughput is found.</summary>
    Converged,

    /// <summary>The trial budget ran out first: the throughput is the highest pass so far, the bracket is wider.</summary>
    TrialBudget,

    /// <summary>The sender could not reach a rate the path still carried: the result is a lower bound, set by the tester.</summary>
    SenderLimited,

    /// <summary>The maximum rate passed: the result is a lower bound, set by the search's ceiling.</summary>
    AtMaximum,

    /// <summary>Even the minimum rate lost too much: no throughput.</summary>
    NoPassingRate,
}
