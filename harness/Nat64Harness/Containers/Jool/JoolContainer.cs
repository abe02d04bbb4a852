using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Model;

namespace Nat64Harness.Containers.Jool;

/// <summary>A running Jool router: in the container's namespace, or in its micro-VM where the host has no jool module.</summary>
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

    /// <summary>
    /// Under load, QEMU 7.2's virtio-net can stop delivering packets to the VM for good (docs/jool-vm.md): a
    /// topology proves the path before use and restarts the router (a fresh VM) once when it must.
    /// </summary>
    public override bool ChecksPathBeforeUse => true;

    /// <summary>The VM's serial console, for failure reports.</summary>
    public Task<string> ReadConsoleAsync(CancellationToken ct = default) =>
        RunAsync(["sh", "-c", "cat /run/nat64h/console.log 2>/dev/null || true"], ct);

    /// <summary>The VM's serial console, under its own heading.</summary>
    public override async Task<string> ReadDiagnosticsAsync(CancellationToken ct = default) =>
        $"--- VM console ---\n{await ReadConsoleAsync(ct).ConfigureAwait(false)}";
}
