using Nat64Harness.Containers;

namespace Nat64Harness.Vpn;

/// <summary>A running container of a VPN under test.</summary>
public sealed class VpnContainer : HarnessContainer
{
    /// <summary>Where the contract's server writes what its client needs.</summary>
    public const string ClientEnvironmentFile = "/run/nat64h/client.env";

    /// <summary>Creates the container from its configuration.</summary>
    public VpnContainer(HarnessContainerConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>The KEY=VALUE lines of the server's client.env; a server that wrote none is an error naming it.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadClientEnvironmentAsync(CancellationToken ct = default)
    {
        var text = await RunAsync(["sh", "-c", $"cat {ClientEnvironmentFile}"], ct).ConfigureAwait(false);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#') && l.Contains('=', StringComparison.Ordinal))
            .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf('=', StringComparison.Ordinal)], l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .ToList();
    }
}
