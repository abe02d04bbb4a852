namespace Nat64Harness.Bench;

/// <summary>How the UDP throughput search runs.</summary>
/// <param name="Start">The first rate tried (bits per second), e.g. the path's TCP throughput.</param>
/// <param name="Minimum">Below this the search gives up: the path loses even a trickle.</param>
/// <param name="Maximum">Above this the search stops doubling.</param>
/// <param name="LossThreshold">A trial passes when its loss is below this fraction (0.001: RFC 2544 throughput with a 0.1 % tolerance).</param>
/// <param name="Resolution">The search stops when the highest pass and the lowest failure are this close, relative to the failure.</param>
/// <param name="MaxTrials">The most trials one search runs.</param>
public sealed record RateSearchOptions(double Start, double Minimum = 1e6, double Maximum = 40e9, double LossThreshold = 0.001, double Resolution = 0.05, int MaxTrials = 12)
{
    /// <summary>Checks the options, naming the one that is wrong.</summary>
    /// <exception cref="ArgumentException">A rate that is not positive, a minimum above the maximum, a threshold outside (0, 1), a resolution outside (0, 1), or fewer than one trial.</exception>
    public void Validate()
    {
        if (!(Minimum > 0) || !(Maximum >= Minimum) || !double.IsFinite(Maximum))
        {
            throw new ArgumentException($"rates must satisfy 0 < minimum ({Minimum}) ≤ maximum ({Maximum})");
        }

        if (!(Start > 0) || !double.IsFinite(Start))
        {
            throw new ArgumentException($"start rate {Start} must be positive");
        }

        if (!(LossThreshold > 0 && LossThreshold < 1))
        {
            throw new ArgumentException($"loss threshold {LossThreshold} must be in (0, 1)");
        }

        if (!(Resolution > 0 && Resolution < 1))
        {
            throw new ArgumentException($"resolution {Resolution} must be in (0, 1)");
        }

        if (MaxTrials < 1)
        {
            throw new ArgumentException($"max trials {MaxTrials} must be at least 1");
        }
    }
}
