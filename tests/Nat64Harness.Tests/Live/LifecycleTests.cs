using Docker.DotNet.Models;
using FluentAssertions;
using Nat64Harness.Containers.Tayga;
using Nat64Harness.Docker;
using Nat64Harness.Images;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;
using Nat64Harness.Networks;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Tests.Support;
using Nat64Harness.Scenarios;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Live;

/// <summary>Teardown, reaping of dead runs, and a container that never gets ready.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerFourthLane.Name)]
public sealed class LifecycleTests
{
    [SkippableFact]
    public async Task Dispose_AfterBaselineRun_LeavesNoContainerOrNetwork()
    {
        // Given a started baseline
        DockerRequirement.Check();
        var topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology("lifecycle", TextWriter.Null));
        var runId = topology.RunId;

        // When it is disposed
        await topology.DisposeAsync();

        // Then nothing labelled with its run id remains
        using var client = DockerEngine.CreateClient();
        var filter = RunFilter(runId);
        (await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter })).Should().BeEmpty();
        (await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter })).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Reaper_RemovesNetworkOfDeadRun_KeepsNetworkOfLiveRun()
    {
        // Given one network owned by a process that no longer exists and one owned by this process
        DockerRequirement.Check();
        using var client = DockerEngine.CreateClient();
        using var claim = await AddressPlanAllocator.ClaimAsync(client, Addressing.Nat64Prefix.WellKnown);
        var dead = await CreateLabelledNetworkAsync(client, "reaper-dead", ownerPid: FindDeadPid(), claim.Plan.V4Subnet);
        var live = await CreateLabelledNetworkAsync(client, "reaper-live", ownerPid: Environment.ProcessId, claim.Plan.UnderlaySubnet);
        try
        {
            // When the reaper runs
            var removed = await StaleResourceReaper.ReapAsync(client);

            // Then only the dead run's network is gone
            removed.Should().Contain(r => r.StartsWith($"network {dead} ", StringComparison.Ordinal));
            removed.Should().NotContain(r => r.Contains(live));
            (await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = RunFilter(live) })).Should().HaveCount(1);
        }
        finally
        {
            await client.Networks.DeleteNetworkAsync(live);
        }
    }

    [SkippableFact]
    public async Task BridgeCapture_BridgeRemovedMidCapture_SaysItsReaderStoppedWithLibpcapsError()
    {
        // Given two captures on an empty internal bridge of a block claimed for the test
        DockerRequirement.Check();
        using var client = DockerEngine.CreateClient();
        using var claim = await AddressPlanAllocator.ClaimAsync(client, Addressing.Nat64Prefix.WellKnown);
        var network = await CreateLabelledNetworkAsync(client, "capture-gone", ownerPid: Environment.ProcessId, claim.Plan.V4Subnet);
        var bridge = "br-" + (await client.Networks.InspectNetworkAsync(network)).ID[..12];
        var folder = Directory.CreateTempSubdirectory("nat64h-reader-").FullName;
        try
        {
            // When one is stopped while its bridge is there, and the other after the bridge is gone
            var kept = BridgeCapture.Start(CapturePoint.V4Bridge, bridge, string.Empty, Path.Combine(folder, "kept.pcap"));
            var orphaned = BridgeCapture.Start(CapturePoint.V4Bridge, bridge, string.Empty, Path.Combine(folder, "orphaned.pcap"));
            var whole = await kept.StopAsync(TimeSpan.FromMilliseconds(100));
            await client.Networks.DeleteNetworkAsync(network);
            network = null;
            var cut = await WhenReaderEndsAsync(orphaned);

            // Then only the second says its reader ended on its own, with libpcap's words for why
            whole.Summary!.Reader.Should().BeNull("a reader the harness stopped read everything it was handed");
            cut.Summary!.Reader.Should().StartWith("its reader stopped with an error at").And.NotContain("gave no message");
        }
        finally
        {
            if (network is not null)
            {
                await client.Networks.DeleteNetworkAsync(network);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    // libpcap notices the bridge is gone on its next poll (20 ms read timeout); the capture is stopped once it has, or
    // after 5 s, and its summary then says what it saw.
    private static async Task<CaptureFile> WhenReaderEndsAsync(BridgeCapture capture)
    {
        for (var waited = 0; waited < 5000 && !capture.ReaderFaulted; waited += 50)
        {
            await Task.Delay(50);
        }

        return await capture.StopAsync(TimeSpan.FromMilliseconds(100));
    }

    [SkippableFact]
    public async Task Tayga_WithInvalidPool_FailsFastNamingContainerWithItsLogs()
    {
        // Given a Tayga router whose pool cannot be routed; When it starts
        var failure = await RouterStartFailure.ExpectAsync<TaygaBuilder, TaygaContainer>(
            HarnessImage.Tayga, "notready", image => new TaygaBuilder(image), b => b.WithEnvironment("NAT64H_POOL4", "100.64.300.128/26"));

        // Then the start fails before the timeout, naming the container and quoting its log
        failure.Message.Should().Contain("notready-").And.Contain("-tayga").And.Contain("100.64.300.128/26");
    }

    [SkippableFact]
    public async Task VpnServerKilledMidTransfer_FailureNamesTheContainerAndItsExit()
    {
        // Given a WireGuard topology with a 50 MiB transfer under way
        DockerRequirement.Check();
        await using var topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology("vpnkill", TextWriter.Null) with { Vpn = TunnelVpn.WireGuard });
        var server = topology.Vpn!.Server!;
        var transfer = topology.RunAsync(ScenarioCatalog.Transfer(50));

        // When the VPN's server is killed half a second in
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        using (var client = DockerEngine.CreateClient())
        {
            await client.Containers.KillContainerAsync(server.Id, new ContainerKillParameters());
        }

        var run = await transfer;

        // Then the transfer fails, and its diagnosis names the container and how it ended, not a timeout
        run.Result.Ok.Should().BeFalse();
        run.Diagnosis.Should().NotBeNull();
        run.Diagnosis!.Cause.Should().Contain(server.Name.TrimStart('/')).And.Contain("exited with code 137 (SIGKILL)");
    }

    [SkippableFact]
    public async Task RouterStoppedForwarding_FailureNamesTheRouter()
    {
        // Given a baseline whose NAT64 router is frozen (paused: it takes packets in and forwards none)
        DockerRequirement.Check();
        await using var topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology("frozen", TextWriter.Null));
        using var client = DockerEngine.CreateClient();
        await client.Containers.PauseContainerAsync(topology.Router.Id);
        try
        {
            // When the probe sends a UDP echo
            var run = await topology.RunAsync(ScenarioCatalog.UdpEcho.Quick(TimeSpan.FromSeconds(1)));

            // Then the failure names the router as the cause, not the timeout
            run.Result.Ok.Should().BeFalse();
            run.Diagnosis!.Cause.Should().Contain(topology.Router.Name.TrimStart('/')).And.Contain("is paused: it forwards and answers nothing");
        }
        finally
        {
            await client.Containers.UnpauseContainerAsync(topology.Router.Id);
        }
    }

    [SkippableFact]
    public async Task EveryContainerStoppedAtOnce_FailureNamesTheEngine()
    {
        // Given a baseline whose containers, the probe's included, are all stopped at once, as an engine that restarts
        // or shuts down stops them (tests/faults.sh engine-restart restarts the real one)
        DockerRequirement.Check();
        await using var topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology("allstop", TextWriter.Null));
        using var client = DockerEngine.CreateClient();
        await Task.WhenAll(topology.Containers.Select(c => client.Containers.StopContainerAsync(c.Id, new ContainerStopParameters { WaitBeforeKillSeconds = 1 })));

        // When the probe is asked for a UDP echo
        var run = async () => await topology.RunAsync(ScenarioCatalog.UdpEcho.Quick(TimeSpan.FromSeconds(1)));

        // Then the failure names the engine, with each container's exit, rather than the first container it finds stopped
        var error = (await run.Should().ThrowAsync<EngineFailureException>()).Which;
        error.Message.Should().Contain("every container of the run").And.Contain("the Docker engine stopped them")
            .And.Contain(topology.Router.Name.TrimStart('/'));
    }

    [SkippableFact]
    public async Task EchoFailing_WithEveryContainerRunning_IsNotBlamedOnAContainer()
    {
        // The negative: a failure with every container up (a port nothing listens on) names no stopped container
        DockerRequirement.Check();
        await using var topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology("alive", TextWriter.Null));

        var run = await topology.RunAsync(ScenarioCatalog.RefusedPort);

        run.Result.Ok.Should().BeFalse();
        run.Diagnosis!.Cause.Should().NotContain("container ");
    }

    [SkippableFact]
    public async Task CapturesDiskFull_ExchangeFailsNamingThePcap_AndNoHalfWrittenPcapRemains()
    {
        // Given a baseline whose run folder is on a small disk, filled once the topology is up
        DockerRequirement.Check();
        using var disk = SmallDisk.Mount(1024);
        await using var topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology("diskfull", TextWriter.Null) with { CapturesFolder = disk.Path });
        disk.Fill();

        // When a captured exchange runs
        var full = async () => await topology.RunAsync(ScenarioCatalog.TcpEcho);

        // Then it fails naming a pcap of the run and the disk's error, and every pcap it started is set aside as .partial
        var error = (await full.Should().ThrowAsync<CaptureWriteException>()).Which;
        error.Message.Should().Contain(topology.RunDirectory).And.Contain("No space left on device");
        Directory.GetFiles(topology.RunDirectory, "*.pcap").Should().BeEmpty("no half-written pcap may be taken for evidence");
        Directory.GetFiles(topology.RunDirectory, "*" + CaptureWriteException.PartialSuffix).Should().NotBeEmpty();

        // And, the negative, once the disk has room the same exchange passes with whole pcaps
        disk.Free();
        var run = await topology.RunAsync(ScenarioCatalog.TcpEcho);
        run.Result.Ok.Should().BeTrue();
        run.Captures.Should().NotBeEmpty().And.OnlyContain(c => File.Exists(c.Path) && c.Path.EndsWith(".pcap", StringComparison.Ordinal));
        ExchangeVerifier.Verify(run, topology.Translator).Conforms.Should().BeTrue();
    }

    private static Dictionary<string, IDictionary<string, bool>> RunFilter(string runId) =>
        new() { ["label"] = new Dictionary<string, bool> { [$"{HarnessLabels.Run}={runId}"] = true } };

    // Internal, and on a subnet of a block claimed for the test: inside the address plan like every network of ours.
    private static async Task<string> CreateLabelledNetworkAsync(global::Docker.DotNet.DockerClient client, string stem, int ownerPid, System.Net.IPNetwork subnet)
    {
        var name = $"nat64h-{stem}-{Guid.NewGuid():N}"[..28];
        var labels = new Dictionary<string, string>(HarnessLabels.ForRun(name))
        {
            [HarnessLabels.OwnerPid] = ownerPid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await client.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = name,
            Driver = "bridge",
            Internal = true,
            Labels = labels,
            IPAM = new IPAM { Config = [new IPAMConfig { Subnet = subnet.ToString() }] },
        });
        return name;
    }

    private static int FindDeadPid()
    {
        // The kernel's pid_max bounds pids; walk down from it to one no process holds.
        var max = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (var pid = max - 1; pid > 1; pid--)
        {
            if (!Directory.Exists($"/proc/{pid}"))
            {
                return pid;
            }
        }

        throw new InvalidOperationException("no free pid found");
    }
}
