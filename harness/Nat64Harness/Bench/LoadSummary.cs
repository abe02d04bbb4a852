namespace Nat64Harness.Bench;

/// <summary>The host's 1-minute load average over an interval, from samples of /proc/loadavg.</summary>
/// <param name="Mean">Mean of the samples.</param>
/// <param name="Min">Smallest sample.</param>
/// <param name="Max">Largest sample.</param>
/// <param name="Samples">How many samples.</param>
/// <param name="Cpus">Processors the host has.</param>
public sealed record LoadSummary(double Mean, double Min, double Max, int Samples, int Cpus)
{
    /// <summary>"load 18.2 (12.1–24.9, 40 samples) on 2 CPUs".</summary>
    public override string ToString() =>
        Samples == 0 ? $"load unknown (no /proc/loadavg) on {Cpus} CPUs" : $"load average {Mean:F1} ({Min:F1}–{Max:F1}, {Samples} samples) on {Cpus} CPUs";
}
