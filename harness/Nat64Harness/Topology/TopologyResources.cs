using DotNet.Testcontainers.Containers;
using Nat64Harness.Networks;

namespace Nat64Harness.Topology;

/// <summary>Everything a topology created, removed in reverse order: containers first, then networks, then the block's lease.</summary>
internal sealed class TopologyResources(TextWriter log) : IAsyncDisposable
{
    private readonly List<IContainer> _containers = [];

    /// <summary>The run's networks, once created.</summary>
    public NetworkSet? Networks { get; set; }

    /// <summary>The address block's lease, once claimed; given back after the networks are deleted.</summary>
    public BlockClaim? Claim { get; set; }

    /// <summary>Every container, in start order.</summary>
    public IReadOnlyList<IContainer> Containers => _containers;

    /// <summary>Takes ownership of <paramref name="containers"/>.</summary>
    public void Add(params IEnumerable<IContainer> containers) => _containers.AddRange(containers);

    /// <summary>Removes <paramref name="containers"/> now (in reverse order) and forgets them; a failure is logged.</summary>
    public async Task RemoveAsync(IReadOnlyList<IContainer> containers)
    {
        foreach (var c in containers.Reverse())
        {
            _containers.Remove(c);
            try
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                log.WriteLine($"cleanup: container {c.Name}: {e.Message}");
            }
        }
    }

    /// <summary>Removes everything; a failure is logged and the rest is still removed.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var c in Enumerable.Reverse(_containers))
        {
            try
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                log.WriteLine($"cleanup: container {c.Name}: {e.Message}");
            }
        }

        _containers.Clear();
        if (Networks is not null)
        {
            await Networks.DeleteAsync(log).ConfigureAwait(false);
        }

        Claim?.Dispose();
        Claim = null;
    }
}
