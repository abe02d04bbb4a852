using System.Net;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Nat64Harness.Addressing;

namespace Nat64Harness.Containers.Nat64Router;

/// <summary>Immutable configuration of a NAT64 router (Tayga or Jool: one contract); merged builder step by builder step.</summary>
public sealed class Nat64RouterConfiguration : HarnessContainerConfiguration
{
    /// <summary>Creates a configuration holding only the router values given.</summary>
    public Nat64RouterConfiguration(Nat64Prefix? prefix = null, IPNetwork? pool4 = null)
    {
        Prefix = prefix;
        Pool4 = pool4;
    }

    /// <summary>Wraps a generic resource configuration.</summary>
    public Nat64RouterConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Wraps a generic container configuration, or the harness's common one.</summary>
    public Nat64RouterConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    public Nat64RouterConfiguration(Nat64RouterConfiguration resourceConfiguration)
        : this(new Nat64RouterConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the newer value wins.</summary>
    public Nat64RouterConfiguration(Nat64RouterConfiguration oldValue, Nat64RouterConfiguration newValue)
        : base(oldValue, newValue)
    {
        Prefix = BuildConfiguration.Combine(oldValue.Prefix, newValue.Prefix);
        Pool4 = BuildConfiguration.Combine(oldValue.Pool4, newValue.Pool4);
    }

    /// <summary>The NAT64 prefix.</summary>
    public Nat64Prefix? Prefix { get; }

    /// <summary>The dynamic IPv4 pool.</summary>
    public IPNetwork? Pool4 { get; }
}
