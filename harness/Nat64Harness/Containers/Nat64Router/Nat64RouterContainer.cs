using DotNet.Testcontainers.Configurations;
using Nat64Harness.Addressing;
using Nat64Harness.Verification;

namespace Nat64Harness.Containers.Nat64Router;

/// <summary>A running NAT64 router: its prefix, how the oracle must judge it, and its mapping table.</summary>
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
    public string Pool4 => _configuration.Pool4 ?? throw new InvalidOperationException("router without pool");

    /// <summary>What the oracle must know of this router (forwarding hops, its departures from RFC 7915).</summary>
    public abstract RouterProfile Profile { get; }

    /// <summary>The router's mapping table as the router prints it (Tayga's dynamic map, Jool's BIB and sessions).</summary>
    public abstract Task<string> ReadMappingTableAsync(CancellationToken ct = default);
}
