namespace Nat64Harness.Bench;

/// <summary>
/// The rate of a bulk stream from its receiver's samples, over the window after the warm-up (TCP slow start and
/// the first queue fill are excluded, as iperf3's --omit does): bytes between the first sample at or after the
/// warm-up and the last sample, over the time between them.
/// </summary>
public static class StreamRate
{
    /// <summary>The shortest measured window accepted: below it the 0.1 s sampling grain dominates.</summary>
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(0.5);

    /// <summary>Bits per second of the samples after <paramref name="warmup"/>.</summary>
    /// <exception cref="BenchException">No samples, samples that go backwards or are negative, or too short a window after the warm-up (the message says which sample).</exception>
    public static double BitsPerSecond(IReadOnlyList<ByteSample> samples, TimeSpan warmup)
    {
        if (samples.Count < 2)
        {
            throw new BenchException($"a stream needs at least two receiver samples, got {samples.Count}");
        }

        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            if (!double.IsFinite(s.Seconds) || s.Seconds < 0 || s.Bytes < 0)
            {
                throw new BenchException($"receiver sample {i} is ({s.Seconds} s, {s.Bytes} bytes): time and bytes must be finite and not negative");
            }

            if (i > 0 && (s.Seconds < samples[i - 1].Seconds || s.Bytes < samples[i - 1].Bytes))
            {
                throw new BenchException($"receiver sample {i} ({s.Seconds} s, {s.Bytes} bytes) goes back from sample {i - 1} ({samples[i - 1].Seconds} s, {samples[i - 1].Bytes} bytes)");
            }
        }

        var end = samples[^1];
        var first = samples.ToList().FindIndex(s => s.Seconds >= warmup.TotalSeconds);
        var window = first < 0 ? 0 : end.Seconds - samples[first].Seconds;
        if (window < MinimumWindow.TotalSeconds)
        {
            throw new BenchException($"the stream lasted {end.Seconds:F3} s: less than the {warmup.TotalSeconds:F1} s warm-up plus the {MinimumWindow.TotalSeconds:F1} s shortest window measured");
        }

        return (end.Bytes - samples[first].Bytes) * 8.0 / window;
    }
}
