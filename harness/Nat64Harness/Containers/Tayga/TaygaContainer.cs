using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Model;

namespace Nat64Harness.Containers.Tayga;

/// <summary>A running Tayga router.</summary>
public sealed class TaygaContainer : Nat64RouterContainer
{
    /// <summary>Creates the container from its configuration.</summary>
    public TaygaContainer(Nat64RouterConfiguration configuration)
        : base(configuration)
    {
    }

    /// <inheritdoc />
    public override RouterProfile Profile => RouterProfile.Tayga;

    /// <summary>
    /// Tayga's dynamic map (IPv4 pool address ↔ IPv6 address) as it last wrote it to its data dir; Tayga writes
    /// the file lazily, so a fresh mapping can be missing (the oracle learns mappings from the captures).
    /// </summary>
    public override Task<string> ReadMappingTableAsync(CancellationToken ct = default) =>
        RunAsync(["sh", "-c", "cat /var/lib/tayga/dynamic.map 2>/dev/null || true"], ct);
}
