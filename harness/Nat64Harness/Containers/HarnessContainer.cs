using System.Net.Sockets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Containers;
using Nat64Harness.Docker;

namespace Nat64Harness.Containers;

/// <summary>
/// Base of every container of ours: attaches its further networks between create and start (Docker 20.10
/// rejects a second network at create), names itself with its logs when it does not get ready, and runs
/// commands whose output the harness reads.
/// </summary>
public abstract class HarnessContainer : DockerContainer
{
    private readonly HarnessContainerConfiguration _configuration;

    /// <summary>Creates the container from its configuration.</summary>
    protected HarnessContainer(HarnessContainerConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>Starts the container; a container that exits or never prints its ready line is named, with its logs.</summary>
    public override async Task StartAsync(CancellationToken ct = default)
    {
        try
        {
            await base.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ContainerNotRunningException or TimeoutException)
        {
            var (stdout, stderr) = await GetLogsAsync(timestampsEnabled: false, ct: ct).ConfigureAwait(false);
            var more = await TryReadDiagnosticsAsync(ct).ConfigureAwait(false);
            throw new ContainerNotReadyException(Name.TrimStart('/'), e is TimeoutException ? "no ready line before the timeout" : "exited during start", stdout, stderr + more, e);
        }
    }

    /// <summary>What the container can add to a failure report beyond its log (Jool: its VM's console); empty by default.</summary>
    public virtual Task<string> ReadDiagnosticsAsync(CancellationToken ct = default) => Task.FromResult(string.Empty);

    /// <summary>Runs a command inside; throws with stdout and stderr when it exits non-zero.</summary>
    public async Task<string> RunAsync(IList<string> command, CancellationToken ct = default)
    {
        var result = await ExecAsync(command, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name}: '{string.Join(' ', command)}' exited {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        }

        return result.Stdout;
    }

    // A container that exited cannot run a command: its diagnostics are then the reason they are missing.
    private async Task<string> TryReadDiagnosticsAsync(CancellationToken ct)
    {
        try
        {
            var text = await ReadDiagnosticsAsync(ct).ConfigureAwait(false);
            return text.Length == 0 ? string.Empty : $"\n{Tail(text)}";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"\n(diagnostics unreadable: {e.Message})";
        }
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(60));

    /// <summary>
    /// Creates the container, then attaches its further networks before anything starts it. Testcontainers 4.16
    /// calls this only when it really creates the container (not on a restart), so each attachment happens once.
    /// </summary>
    protected override async Task<string> UnsafeCreateContainerAsync(CancellationToken ct = default)
    {
        var id = await base.UnsafeCreateContainerAsync(ct).ConfigureAwait(false);
        if (_configuration.Attachments is not { Count: > 0 } attachments)
        {
            return id;
        }

        using var client = DockerEngine.CreateClient();
        foreach (var attachment in attachments)
        {
            await client.Networks.ConnectNetworkAsync(attachment.Network, new NetworkConnectParameters
            {
                Container = id,
                EndpointConfig = new EndpointSettings { IPAMConfig = Ipam(attachment.Address) },
            }, ct).ConfigureAwait(false);
        }

        return id;
    }

    /// <summary>A fixed address, in the family's own field of Docker's endpoint settings.</summary>
    internal static EndpointIPAMConfig Ipam(System.Net.IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6
        ? new EndpointIPAMConfig { IPv6Address = address.ToString() }
        : new EndpointIPAMConfig { IPv4Address = address.ToString() };
}
