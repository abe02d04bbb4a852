using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Verification;

namespace Nat64Harness.Containers.Jool;

/// <summary>A running Jool router (in its micro-VM on this host).</summary>
public sealed class JoolContainer : Nat64RouterContainer
{
    /// <summary>Creates the container from its configuration.</summary>
    public JoolContainer(Nat64RouterConfiguration configuration)
        : base(configuration)
    {
    }

    /// <inheritdoc />
    public override RouterProfile Profile => RouterProfile.Jool;

    /// <summary>Jool's BIB and session tables for TCP, UDP and ICMP (`jool bib/session display --numeric`).</summary>
    public override Task<string> ReadMappingTableAsync(CancellationToken ct = default) =>
        RunAsync(["nat64h-jool-bib"], ct);

    /// <summary>Which way Jool runs here, as the container reported it at start.</summary>
    public async Task<JoolMode> ReadModeAsync(CancellationToken ct = default)
    {
        var (stdout, _) = await GetLogsAsync(timestampsEnabled: false, ct: ct).ConfigureAwait(false);
        return stdout.Contains("mode=host-module", StringComparison.Ordinal) ? JoolMode.HostModule : JoolMode.MicroVm;
    }

    /// <summary>The VM's serial console, for failure reports.</summary>
    public Task<string> ReadConsoleAsync(CancellationToken ct = default) =>
        RunAsync(["sh", "-c", "cat /run/nat64h/console.log 2>/dev/null || true"], ct);
}
