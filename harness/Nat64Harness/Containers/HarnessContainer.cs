using System.Net;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Nat64Harness.Docker;

namespace Nat64Harness.Containers;

/// <summary>
/// Base of every container of ours: attaches the extra networks between create and start (Docker 20.10
/// rejects a second network at create), and runs commands whose output the harness reads.
/// </summary>
public abstract class HarnessContainer : DockerContainer
{
    private readonly IContainerConfiguration _configuration;

    /// <summary>Creates the container from its configuration.</summary>
    protected HarnessContainer(IContainerConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
        Created += (_, _) => Task.Run(AttachExtraNetworksAsync).GetAwaiter().GetResult();
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
            throw new ContainerNotReadyException(Name.TrimStart('/'), e is TimeoutException ? "no ready line before the timeout" : "exited during start", stdout, stderr, e);
        }
    }

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

    private async Task AttachExtraNetworksAsync()
    {
        var extras = _configuration.Labels.Where(l => l.Key.StartsWith(HarnessContainerExtensions.ExtraNetworkLabel, StringComparison.Ordinal)).ToList();
        if (extras.Count == 0)
        {
            return;
        }

        using var client = DockerEngine.CreateClient();
        foreach (var (key, value) in extras)
        {
            var network = key[HarnessContainerExtensions.ExtraNetworkLabel.Length..];
            await client.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters
            {
                Container = Id,
                EndpointConfig = new EndpointSettings { IPAMConfig = HarnessContainerExtensions.Ipam(IPAddress.Parse(value)) },
            }).ConfigureAwait(false);
        }
    }
}
