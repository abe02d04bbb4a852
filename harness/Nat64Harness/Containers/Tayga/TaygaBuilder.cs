using Nat64Harness.Containers.Nat64Router;

namespace Nat64Harness.Containers.Tayga;

/// <summary>
/// Builds a Tayga 0.9.2 NAT64 router (stateless, userspace): IPv6 access network on one side, IPv4-only
/// network on the other, the NAT64 prefix routed into Tayga's TUN and the dynamic pool answered by proxy ARP.
/// Ready when Tayga holds its TUN (the entry script waits for NO-CARRIER to clear).
/// </summary>
public sealed class TaygaBuilder : Nat64RouterBuilder<TaygaBuilder, TaygaContainer>
{
    /// <summary>A builder for the given image (see <see cref="Images.HarnessImage.Tayga"/>).</summary>
    public TaygaBuilder(string image)
        : this(new Nat64RouterConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private TaygaBuilder(Nat64RouterConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override Nat64RouterConfiguration DockerResourceConfiguration { get; }

    /// <inheritdoc />
    public override TaygaContainer Build()
    {
        Validate();
        return new TaygaContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override TaygaBuilder Merge(Nat64RouterConfiguration oldValue, Nat64RouterConfiguration newValue) =>
        new(new Nat64RouterConfiguration(oldValue, newValue));
}
