using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Jool;
using Nat64Harness.Images;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Live;

/// <summary>A Jool router that cannot start says why, names itself, and quotes its VM console where there is one.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "jool")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerSecondLane.Name)]
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

    [SkippableFact]
    public async Task Jool_ModuleRejectedByGuestKernel_FailsWithTheVmsReason()
    {
        // module.sig_enforce=1 makes the guest kernel refuse the unsigned, DKMS-built jool module
        var failure = await StartAsync(b => b.WithEnvironment("NAT64H_JOOL_APPEND", "module.sig_enforce=1"));

        failure.Message.Should().Contain("insmod jool_common.ko").And.Contain("Key was rejected").And.Contain("VM console");
    }

    private static Task<ContainerNotReadyException> StartAsync(Func<JoolBuilder, JoolBuilder> breakIt) =>
        RouterStartFailure.ExpectAsync<JoolBuilder, JoolContainer>(HarnessImage.Jool, "joolfail", image => new JoolBuilder(image), breakIt);
}
