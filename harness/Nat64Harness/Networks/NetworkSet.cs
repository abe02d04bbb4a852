using DotNet.Testcontainers.Networks;
using Nat64Harness.Model;

namespace Nat64Harness.Networks;

/// <summary>
/// The Docker networks of one run, created from its address plan and deleted together: the IPv6 access network,
/// the IPv4-only network and, for a tunnel VPN, the IPv4-only underlay.
/// </summary>
public sealed class NetworkSet
{
    private readonly Dictionary<NetworkRole, INetwork> _networks;

    private NetworkSet(AddressPlan plan, Dictionary<NetworkRole, INetwork> networks)
    {
        Plan = plan;
        _networks = networks;
    }

    /// <summary>The plan the networks follow.</summary>
    public AddressPlan Plan { get; }

    /// <summary>The IPv6 access network.</summary>
    public INetwork Access => _networks[NetworkRole.V6Access];

    /// <summary>The IPv4-only network.</summary>
    public INetwork V4 => _networks[NetworkRole.V4];

    /// <summary>The underlay, when the run has one.</summary>
    public INetwork? Underlay => _networks.GetValueOrDefault(NetworkRole.Underlay);

    /// <summary>Every network with its role, in creation order.</summary>
    public IReadOnlyDictionary<NetworkRole, INetwork> ByRole => _networks;

    /// <summary>Creates the networks of <paramref name="roles"/>; on failure deletes those already created.</summary>
    public static async Task<NetworkSet> CreateAsync(AddressPlan plan, IReadOnlyDictionary<string, string> labels, IEnumerable<NetworkRole> roles, TextWriter log, CancellationToken ct = default)
    {
        var set = new NetworkSet(plan, []);
        try
        {
            foreach (var role in roles)
            {
                var (ipv4, range, ipv6) = plan.SubnetsOf(role);
                var network = HarnessNetwork.Build(plan.NetworkName(role), plan.BridgeName(role), labels, ipv4, range, ipv6);
                set._networks.Add(role, network);
                await network.CreateAsync(ct).ConfigureAwait(false);
            }
        }
        catch
        {
            await set.DeleteAsync(log).ConfigureAwait(false);
            throw;
        }

        return set;
    }

    /// <summary>The roles a run needs: access and IPv4 always, the underlay when asked.</summary>
    public static IEnumerable<NetworkRole> Roles(bool underlay) =>
        underlay ? [NetworkRole.V6Access, NetworkRole.V4, NetworkRole.Underlay] : [NetworkRole.V6Access, NetworkRole.V4];

    /// <summary>Deletes every network; a failure is logged and the others are still deleted.</summary>
    public async Task DeleteAsync(TextWriter log)
    {
        foreach (var (role, network) in _networks)
        {
            try
            {
                await network.DeleteAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Named from the plan: a network Testcontainers does not hold (never created, or lost with an engine
                // restart) throws on its own Name. What stays behind is the next run's reaper's.
                log.WriteLine($"cleanup: network {Plan.NetworkName(role)}: {e.Message}");
            }
        }

        _networks.Clear();
    }
}
