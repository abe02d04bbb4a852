using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Nat64Harness.Docker;

/// <summary>
/// Removes containers and networks left by runs that died (killed, crashed, timed out): anything labelled
/// <see cref="HarnessLabels.Run"/> whose owner <see cref="RunOwner"/> proves gone. A live run's resources, and those
/// it cannot judge (another host, a PID namespace it cannot see), are never touched; nor are those of a topology
/// left running on purpose (<see cref="HarnessLabels.Kept"/>, <c>nat64h up</c>) unless asked (<c>nat64h down</c>).
/// Several processes may reap the same dead run at once: what another reaper already removed, or is removing, is
/// not an error.
/// </summary>
public static class StaleResourceReaper
{
    /// <summary>
    /// Reaps stale resources; returns what it removed, for the log. Resources of a topology left running on purpose
    /// are stale only when <paramref name="includeKept"/> asks for them (and they belong to this host).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReapAsync(DockerClient client, CancellationToken ct = default, bool includeKept = false)
    {
        var removed = new List<string>();
        var local = DockerEngine.Endpoint.StartsWith("unix://", StringComparison.Ordinal);
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [HarnessLabels.Run] = true } };

        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, ct).ConfigureAwait(false);
        foreach (var c in containers)
        {
            if (Stale(c.Labels, local, includeKept) is not { } reason)
            {
                continue;
            }

            var name = c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID;
            try
            {
                await client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }, ct).ConfigureAwait(false);
                removed.Add($"container {name} ({reason})");
            }
            catch (DockerApiException e) when (AnotherReaperGotThere(e))
            {
            }
        }

        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }, ct).ConfigureAwait(false);
        foreach (var n in networks)
        {
            if (Stale(n.Labels, local, includeKept) is not { } reason)
            {
                continue;
            }

            try
            {
                await client.Networks.DeleteNetworkAsync(n.ID, ct).ConfigureAwait(false);
                removed.Add($"network {n.Name} ({reason})");
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
            }
            catch (DockerApiException e)
            {
                removed.Add($"network {n.Name} NOT removed: {e.Message}");
            }
        }

        return removed;
    }

    // Why a resource is stale, or null when it is not: kept ones by request only (this host's), others by their owner.
    private static string? Stale(IDictionary<string, string>? labels, bool local, bool includeKept)
    {
        if (labels is not null && labels.ContainsKey(HarnessLabels.Kept))
        {
            var ours = labels.TryGetValue(HarnessLabels.OwnerHost, out var host) && host == Environment.MachineName;
            return includeKept && ours ? "kept by nat64h up, removed on request" : null;
        }

        var (state, reason) = RunOwner.Judge(labels, local);
        return state == OwnerState.Dead ? reason : null;
    }

    // 404: already removed; 409 "removal of container … is already in progress": another reaper is at it.
    private static bool AnotherReaperGotThere(DockerApiException e) =>
        e.StatusCode == HttpStatusCode.NotFound
        || (e.StatusCode == HttpStatusCode.Conflict && e.Message.Contains("already in progress", StringComparison.OrdinalIgnoreCase));
}
