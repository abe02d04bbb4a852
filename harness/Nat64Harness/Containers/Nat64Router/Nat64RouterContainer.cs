using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Model;

namespace Nat64Harness.Containers.Nat64Router;

/// <summary>
/// A running NAT64 router: its prefix and pool, how the oracle must judge it, its mapping table, and what it can
/// say about itself when something fails.
/// </summary>
public abstract class Nat64RouterContainer : HarnessContainer
{
    private readonly Nat64RouterConfiguration _configuration;

    /// <summary>Creates the container from its configuration.</summary>
    protected Nat64RouterContainer(Nat64RouterConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The NAT64 prefix it translates.</summary>
    public Nat64Prefix Prefix => _configuration.Prefix ?? Nat64Prefix.WellKnown;

    /// <summary>The IPv4 pool it maps clients into.</summary>
    public IPNetwork Pool4 => _configuration.Pool4 ?? throw new InvalidOperationException($"router {Name} was given no typed pool");

    /// <summary>What the oracle must know of this router (forwarding hops, its departures from RFC 7915).</summary>
    public abstract RouterProfile Profile { get; }

    /// <summary>
    /// Whether a topology must see an echo cross this router before using it, restarting the router once when
    /// none does. False unless the router is known to stall for good at times (Jool's micro-VM).
    /// </summary>
    public virtual bool ChecksPathBeforeUse => false;

    /// <summary>The router's mapping table as the router prints it (Tayga's dynamic map, Jool's BIB and sessions).</summary>
    public abstract Task<string> ReadMappingTableAsync(CancellationToken ct = default);

    /// <summary>Stops and starts the router again (a fresh start of whatever runs inside).</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopAsync(ct).ConfigureAwait(false);
        await StartAsync(ct).ConfigureAwait(false);
    }
}
