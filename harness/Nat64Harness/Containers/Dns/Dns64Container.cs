namespace Nat64Harness.Containers.Dns;

/// <summary>A running DNS64 resolver.</summary>
public sealed class Dns64Container : HarnessContainer
{
    private const string Config = "/etc/nat64h/unbound.conf";

    /// <summary>Creates the container from its configuration.</summary>
    public Dns64Container(HarnessContainerConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>
    /// Empties the cache of both test zones, so the next question crosses the NAT64 to the authoritative server again
    /// (a by-name exchange that must show DNS being translated).
    /// </summary>
    public async Task FlushCacheAsync(CancellationToken ct = default)
    {
        foreach (var zone in new[] { "nat64h.test.", "ipv4only.arpa." })
        {
            await RunAsync(["unbound-control", "-c", Config, "flush_zone", zone], ct).ConfigureAwait(false);
        }
    }
}
