using Nat64Harness.Containers.Nat64Router;

namespace Nat64Harness.Containers.Jool;

/// <summary>
/// Builds a Jool 4.1.9 NAT64 router (stateful, in-kernel) with Tayga's options. Where the host kernel has the
/// jool module the container uses it; where it cannot load modules, the container runs Jool in a QEMU micro-VM
/// bridged onto its two Docker networks with the same addresses and MACs (containers/jool/README.md,
/// docs/jool-vm.md). Ready when Jool (or its VM) printed the ready line.
/// </summary>
public sealed class JoolBuilder : Nat64RouterBuilder<JoolBuilder, JoolContainer>
{
    /// <summary>A builder for the given image (see <see cref="Images.HarnessImage.Jool"/>).</summary>
    public JoolBuilder(string image)
        : this(new Nat64RouterConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private JoolBuilder(Nat64RouterConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override Nat64RouterConfiguration DockerResourceConfiguration { get; }

    /// <inheritdoc />
    public override JoolContainer Build()
    {
        Validate();
        return new JoolContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override JoolBuilder Merge(Nat64RouterConfiguration oldValue, Nat64RouterConfiguration newValue) =>
        new(new Nat64RouterConfiguration(oldValue, newValue));
}
