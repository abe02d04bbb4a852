namespace Nat64Harness.Bench;

/// <summary>
/// The highest UDP rate a path carries with loss below a threshold, RFC 2544 §26.1 style: trials of a fixed
/// length at an offered rate, doubled from the start rate until one fails (or halved until one passes), then a
/// binary search between the highest pass and the lowest failure until they are within the resolution. The
/// result is the sender's measured rate in the highest passing trial (the rate the path really carried), and
/// the outcome says whether that is the path's limit or a lower bound set by the tester or the ceiling.
/// </summary>
public static class RateSearch
{
    /// <summary>Runs the search, calling <paramref name="trial"/> once per rate tried.</summary>
    /// <exception cref="ArgumentException">Invalid options (see <see cref="RateSearchOptions.Validate"/>).</exception>
    public static async Task<RateSearchResult> RunAsync(RateSearchOptions options, Func<double, CancellationToken, Task<RateTrial>> trial, CancellationToken ct = default)
    {
        options.Validate();
        var trials = new List<RateTrial>();
        RateTrial? best = null;
        double? lowestFailure = null;
        var rate = Math.Clamp(options.Start, options.Minimum, options.Maximum);
        while (true)
        {
            if (trials.Count == options.MaxTrials)
            {
                return Result(RateSearchOutcome.TrialBudget);
            }

            var t = await trial(rate, ct).ConfigureAwait(false);
            trials.Add(t);
            if (t.Loss < options.LossThreshold)
            {
                if (best is null || t.OfferedBitsPerSecond > best.OfferedBitsPerSecond)
                {
                    best = t;
                }

                if (t.SenderLimited)
                {
                    return Result(RateSearchOutcome.SenderLimited);
                }

                if (lowestFailure is null && rate >= options.Maximum)
                {
                    return Result(RateSearchOutcome.AtMaximum);
                }
            }
            else
            {
                // A sender that fell behind loaded the path at its own rate, not the offered one.
                lowestFailure = Math.Min(lowestFailure ?? double.MaxValue, Math.Min(rate, t.SentBitsPerSecond));
                if (best is null && rate <= options.Minimum)
                {
                    return Result(RateSearchOutcome.NoPassingRate);
                }
            }

            if (best is not null && lowestFailure is { } failure && failure - best.OfferedBitsPerSecond <= options.Resolution * failure)
            {
                return Result(RateSearchOutcome.Converged);
            }

            rate = (best, lowestFailure) switch
            {
                (null, { } f) => Math.Max(f / 2, options.Minimum),
                ({ } b, null) => Math.Min(b.OfferedBitsPerSecond * 2, options.Maximum),
                ({ } b, { } f) => (b.OfferedBitsPerSecond + f) / 2,
                _ => throw new InvalidOperationException("a trial neither passed nor failed"),
            };
        }

        RateSearchResult Result(RateSearchOutcome outcome) =>
            new(best?.SentBitsPerSecond, outcome, lowestFailure, trials);
    }
}
