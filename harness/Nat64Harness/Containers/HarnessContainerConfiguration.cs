using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Nat64Harness.Containers;

/// <summary>
/// Immutable configuration of every container of ours, merged builder step by builder step: Testcontainers'
/// own, plus the networks attached between create and start (<see cref="Attachments"/>).
/// </summary>
public class HarnessContainerConfiguration : ContainerConfiguration
{
    /// <summary>Creates a configuration holding only the given attachments.</summary>
    public HarnessContainerConfiguration(IReadOnlyList<NetworkAttachment>? attachments = null)
    {
        Attachments = attachments;
    }

    /// <summary>Wraps a generic resource configuration.</summary>
    public HarnessContainerConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Wraps a generic container configuration (keeping attachments when it is one of ours).</summary>
    public HarnessContainerConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        Attachments = (resourceConfiguration as HarnessContainerConfiguration)?.Attachments;
    }

    /// <summary>Copies a configuration.</summary>
    public HarnessContainerConfiguration(HarnessContainerConfiguration resourceConfiguration)
        : this(new HarnessContainerConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the newer value wins, attachments add up.</summary>
    public HarnessContainerConfiguration(HarnessContainerConfiguration oldValue, HarnessContainerConfiguration newValue)
        : base(oldValue, newValue)
    {
        Attachments = BuildConfiguration.Combine(oldValue.Attachments, newValue.Attachments);
    }

    /// <summary>
    /// Networks attached after the container is created and before it starts: Docker 20.10 (API 1.41) accepts
    /// only one network at create.
    /// </summary>
    public IReadOnlyList<NetworkAttachment>? Attachments { get; }
}
