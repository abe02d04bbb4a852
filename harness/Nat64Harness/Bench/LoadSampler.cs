using System.Globalization;

namespace Nat64Harness.Bench;

/// <summary>
/// Samples the host's 1-minute load average every few seconds while a bench runs, so that its figures say how
/// busy the machine was: on a shared machine the load explains more of the spread than the path does.
/// </summary>
public sealed class LoadSampler : IAsyncDisposable
{
    private readonly List<(DateTimeOffset At, double Load)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly string _path;

    /// <summary>Starts sampling <paramref name="path"/> (Linux's /proc/loadavg unless given) every <paramref name="every"/>.</summary>
    public LoadSampler(TimeSpan every, string path = "/proc/loadavg")
    {
        _path = path;
        Sample();
        _loop = LoopAsync(every);
    }

    /// <summary>The samples taken between <paramref name="from"/> and <paramref name="to"/> (every sample when both are null).</summary>
    public LoadSummary Summary(DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        List<double> loads;
        lock (_samples)
        {
            loads = _samples.Where(s => (from is null || s.At >= from) && (to is null || s.At <= to)).Select(s => s.Load).ToList();
        }

        return loads.Count == 0
            ? new LoadSummary(0, 0, 0, 0, Environment.ProcessorCount)
            : new LoadSummary(loads.Average(), loads.Min(), loads.Max(), loads.Count, Environment.ProcessorCount);
    }

    /// <summary>Takes one sample now (also at the start and end of each path).</summary>
    public void Sample()
    {
        if (Read(_path) is { } load)
        {
            lock (_samples)
            {
                _samples.Add((DateTimeOffset.UtcNow, load));
            }
        }
    }

    /// <summary>The first field of a /proc/loadavg line, or null when the file is absent or unreadable.</summary>
    public static double? Read(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var first = text.Split(' ', 2)[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) && load >= 0 ? load : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stops sampling.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan every)
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(every, _stop.Token).ConfigureAwait(false);
            Sample();
        }
    }
}
