using System.Globalization;
using System.Net;
using System.Text.Json;
using Nat64Harness.Model;

namespace Nat64Harness.Containers.Probe;

/// <summary>Runs the probe's DF size sweep (<c>nat64h-probe mtu-sweep</c>) and returns it typed.</summary>
public static class ProbeMtuSweep
{
    /// <summary>
    /// Sweeps toward <paramref name="target"/> with <paramref name="mode"/> (icmp or udp) up to <paramref name="high"/>;
    /// each size lost is tried <paramref name="tries"/> times, waiting <paramref name="timeout"/> for each.
    /// </summary>
    /// <exception cref="InvalidOperationException">The probe printed no sweep (named, with what it printed).</exception>
    public static async Task<MtuSweep> SweepMtuAsync(this ProbeContainer probe, IPAddress target, string mode, int high, TimeSpan timeout, int tries = 3, CancellationToken ct = default)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] command =
        [
            "nat64h-probe", "mtu-sweep", "--target", target.ToString(), "--mode", mode, "--high", high.ToString(inv),
            "--timeout", timeout.TotalSeconds.ToString(inv), "--tries", tries.ToString(inv),
        ];
        var result = await probe.ExecAsync(command, ct).ConfigureAwait(false);
        var line = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        try
        {
            return MtuSweep.Parse(line ?? throw new JsonException("no output"));
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"probe {probe.Name}: '{string.Join(' ', command)}' gave no sweep ({e.Message}), exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}", e);
        }
    }
}
