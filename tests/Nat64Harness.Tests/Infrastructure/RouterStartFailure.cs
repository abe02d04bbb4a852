using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Docker;
using Nat64Harness.Images;
using Nat64Harness.Networks;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>Starts a NAT64 router on its own two networks with one thing broken, and returns the failure it must raise.</summary>
public static class RouterStartFailure
{
    /// <summary>Builds the router with <paramref name="breakIt"/> applied; asserts the start fails and returns the exception.</summary>
    public static async Task<ContainerNotReadyException> ExpectAsync<TBuilder, TContainer>(
        HarnessImage image, string stem, Func<string, TBuilder> builder, Func<TBuilder, TBuilder> breakIt)
        where TBuilder : Nat64RouterBuilder<TBuilder, TContainer>
        where TContainer : Nat64RouterContainer
    {
        DockerRequirement.Check();
        using var client = DockerEngine.CreateClient();
        var tag = await image.EnsureAsync(TestSettings.Current.Images, TextWriter.Null);
        var plan = await AddressPlanAllocator.AllocateAsync(client, Addressing.Nat64Prefix.WellKnown);
        var runId = $"{stem}-{Guid.NewGuid():N}"[..20];
        var labels = HarnessLabels.ForRun(runId);
        var networks = await NetworkSet.CreateAsync(plan, labels, NetworkSet.Roles(underlay: false), TextWriter.Null);
        var router = breakIt(builder(tag)
            .WithName($"{runId}-{image.Name}")
            .WithHarnessDefaults(labels, TimeSpan.FromSeconds(60))
            .WithIpv6Side(networks.Access, plan.RouterV6)
            .WithIpv4Side(networks.V4, plan.RouterV4)
            .WithPool(plan.Pool4, plan.TaygaV4))
            .Build();
        try
        {
            var start = async () => await router.StartAsync();
            return (await start.Should().ThrowAsync<ContainerNotReadyException>()).Which;
        }
        finally
        {
            await router.DisposeAsync();
            await networks.DeleteAsync(TextWriter.Null);
        }
    }
}
