using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Containers.Probe;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;

namespace Nat64Harness.Topology;

/// <summary>
/// For a router that asks for it (<see cref="Nat64RouterContainer.ChecksPathBeforeUse"/>): an echo must cross the
/// NAT64 from a throwaway probe before the topology is used; when none does, the router is restarted once and the
/// run says so; when still none does, the start fails with the router's own diagnostics.
/// </summary>
internal static class RouterPathCheck
{
    /// <summary>Checks the path through <paramref name="router"/> from a probe made by <paramref name="checkerFactory"/>, which it removes after.</summary>
    public static async Task EnsureAsync(Nat64RouterContainer router, Func<ProbeContainer> checkerFactory, AddressPlan plan, TextWriter log, CancellationToken ct)
    {
        if (!router.ChecksPathBeforeUse)
        {
            return;
        }

        var checker = checkerFactory();
        try
        {
            await checker.StartAsync(ct).ConfigureAwait(false);
            var check = ScenarioCatalog.PathCheck.Build(plan);
            for (var attempt = 1; ; attempt++)
            {
                var result = await checker.RunExchangeAsync(check, ct).ConfigureAwait(false);
                if (result.Ok)
                {
                    return;
                }

                var name = router.Name.TrimStart('/');
                if (attempt == 2)
                {
                    var diagnostics = await router.ReadDiagnosticsAsync(ct).ConfigureAwait(false);
                    throw new InvalidOperationException($"no echo crosses {router.Profile.Name} ({name}) even after a restart: {result.Error}\n{diagnostics}");
                }

                log.WriteLine($"path check through {router.Profile.Name} failed ({result.Error}): restarting {name}");
                await router.RestartAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            await checker.DisposeAsync().ConfigureAwait(false);
        }
    }
}
