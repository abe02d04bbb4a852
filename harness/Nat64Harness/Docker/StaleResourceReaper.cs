using System.Diagnostics;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Nat64Harness.Docker;

/// <summary>
/// Removes containers and networks left by runs that died (killed, crashed, timed out): anything labelled
/// <see cref="HarnessLabels.Run"/> whose owner process, on the machine running the reaper, no longer exists.
/// </summary>
public static class StaleResourceReaper
{
    /// <summary>
    /// Reaps stale resources; returns what it removed, for the log. Resources of a topology left running on purpose
    /// (<see cref="HarnessLabels.Kept"/>) are stale only when <paramref name="includeKept"/> asks for them.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReapAsync(DockerClient client, CancellationToken ct = default, bool includeKept = false)
    {
        var removed = new List<string>();
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [HarnessLabels.Run] = true } };

        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, ct).ConfigureAwait(false);
        foreach (var c in containers.Where(c => IsStale(c.Labels, includeKept)))
        {
            await client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }, ct).ConfigureAwait(false);
            removed.Add($"container {c.Names.FirstOrDefault() ?? c.ID}");
        }

        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }, ct).ConfigureAwait(false);
        foreach (var n in networks.Where(n => IsStale(n.Labels, includeKept)))
        {
            try
            {
                await client.Networks.DeleteNetworkAsync(n.ID, ct).ConfigureAwait(false);
                removed.Add($"network {n.Name}");
            }
            catch (DockerApiException e)
            {
                removed.Add($"network {n.Name} NOT removed: {e.Message}");
            }
        }

        return removed;
    }

    private static bool IsStale(IDictionary<string, string>? labels, bool includeKept)
    {
        if (labels is null || !labels.TryGetValue(HarnessLabels.OwnerPid, out var pidText)
            || !labels.TryGetValue(HarnessLabels.OwnerHost, out var host))
        {
            return true;
        }

        if (host != Environment.MachineName || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            // Another host's run on a shared engine: not ours to judge.
            return false;
        }

        if (labels.ContainsKey(HarnessLabels.Kept))
        {
            return includeKept;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
