using Docker.DotNet.Models;
using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Jool;
using Nat64Harness.Docker;
using Nat64Harness.Images;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Xunit;

namespace Nat64Harness.Tests.Live;

/// <summary>A Jool router that cannot start says why, names itself, and quotes its VM console where there is one.</summary>
[Trait("Category", "Docker")]
[Collection(DockerCollection.Name)]
public sealed class JoolFailureTests
{
    [SkippableFact]
    public async Task Jool_WithoutTunDevice_FailsNamingTheDevice()
    {
        var failure = await StartAsync(b => b.WithCreateParameterModifier(p => p.HostConfig!.Devices = []));

        failure.Message.Should().Contain("-jool").And.Contain("/dev/net/tun");
    }

    [SkippableFact]
    public async Task Jool_VmNotReadyInTime_FailsWithItsConsoleLog()
    {
        // One second is less than any boot of the VM under TCG (4-5 s measured)
        var failure = await StartAsync(b => b.WithEnvironment("NAT64H_JOOL_BOOT_TIMEOUT", "1"));

        failure.Message.Should().Contain("VM not ready within 1 s").And.Contain("VM console");
    }

    private static async Task<ContainerNotReadyException> StartAsync(Func<JoolBuilder, JoolBuilder> breakIt)
    {
        DockerRequirement.Check();
        using var client = DockerEngine.CreateClient();
        var image = await HarnessImage.Jool.EnsureAsync(TextWriter.Null);
        var plan = await AddressPlanAllocator.AllocateAsync(client, Addressing.Nat64Prefix.WellKnown);
        var runId = $"joolfail-{Guid.NewGuid():N}"[..20];
        var labels = HarnessLabels.ForRun(runId);
        var v6 = HarnessNetwork.Build(runId + "-v6", plan.BridgeName("v6"), labels, plan.V6AccessV4Subnet, null, plan.V6Subnet);
        var v4 = HarnessNetwork.Build(runId + "-v4", plan.BridgeName("v4"), labels, plan.V4Subnet, plan.V4IpRange, null);
        await v6.CreateAsync();
        await v4.CreateAsync();
        var jool = breakIt(new JoolBuilder(image)
            .WithName(runId + "-jool")
            .WithHarnessDefaults(labels, TimeSpan.FromSeconds(60))
            .WithIpv6Side(v6, plan.RouterV6)
            .WithIpv4Side(v4, plan.RouterV4)
            .WithPool(plan.Pool4, plan.TaygaV4))
            .Build();
        try
        {
            var start = async () => await jool.StartAsync();
            return (await start.Should().ThrowAsync<ContainerNotReadyException>()).Which;
        }
        finally
        {
            await jool.DisposeAsync();
            await v6.DeleteAsync();
            await v4.DeleteAsync();
        }
    }
}
