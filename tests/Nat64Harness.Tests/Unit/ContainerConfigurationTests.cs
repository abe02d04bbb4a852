using System.Net;
using FluentAssertions;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Nat64Router;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The networks attached between create and start are typed configuration that survives every merge step.</summary>
[Trait("Category", "Unit")]
public sealed class ContainerConfigurationTests
{
    private static readonly NetworkAttachment V4 = new("nat64h-5-v4", IPAddress.Parse("100.64.5.3"));
    private static readonly NetworkAttachment Access = new("nat64h-5-v6", IPAddress.Parse("2001:db8:5::30"));

    [Fact]
    public void Merge_TwoAttachments_KeepsBothInOrder()
    {
        var merged = new HarnessContainerConfiguration(new HarnessContainerConfiguration([V4]), new HarnessContainerConfiguration([Access]));

        merged.Attachments.Should().Equal(V4, Access);
    }

    [Fact]
    public void Merge_WithAStepThatSetsNoAttachment_KeepsThem()
    {
        // A plain Testcontainers step (an environment variable, a label) carries no attachment of its own
        var step = new HarnessContainerConfiguration(new DotNet.Testcontainers.Configurations.ContainerConfiguration());

        var merged = new HarnessContainerConfiguration(new HarnessContainerConfiguration([V4]), step);

        merged.Attachments.Should().Equal(V4);
        step.Attachments.Should().BeNull();
    }

    [Fact]
    public void RouterConfiguration_WrappingTheCommonPart_KeepsAttachmentsAndRouterValues()
    {
        var pool = IPNetwork.Parse("100.64.5.128/26");
        var withPool = new Nat64RouterConfiguration(pool4: pool);

        var merged = new Nat64RouterConfiguration(withPool, new Nat64RouterConfiguration(new HarnessContainerConfiguration([V4])));

        merged.Attachments.Should().Equal(V4);
        merged.Pool4.Should().Be(pool);
    }
}
