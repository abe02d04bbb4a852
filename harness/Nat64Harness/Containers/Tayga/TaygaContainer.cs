using DotNet.Testcontainers.Configurations;
using Nat64Harness.Addressing;

namespace Nat64Harness.Containers.Tayga;

/// <summary>A running Tayga router.</summary>
public sealed class TaygaContainer : HarnessContainer
{
    private readonly TaygaConfiguration _configuration;

    /// <summary>Creates the container from its configuration.</summary>
    public TaygaContainer(TaygaConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The NAT64 prefix it translates.</summary>
    public Nat64Prefix Prefix => _configuration.Prefix ?? Nat64Prefix.WellKnown;

    /// <summary>
    /// Tayga's dynamic map: IPv4 pool address ↔ IPv6 address, as Tayga last wrote it to its data dir
    /// (it writes the file lazily, so a fresh mapping can be missing: pairing learns it from captures too).
    /// </summary>
    public async Task<IReadOnlyList<(string Ipv4, string Ipv6)>> ReadDynamicMapAsync(CancellationToken ct = default)
    {
        var text = await RunAsync(["sh", "-c", "cat /var/lib/tayga/dynamic.map 2>/dev/null || true"], ct).ConfigureAwait(false);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 2)
            .Select(f => (f[0], f[1]))
            .ToList();
    }
}
