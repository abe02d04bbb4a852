using System.Net;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Networks;

namespace Nat64Harness.Networks;

/// <summary>
/// Builds the networks of a run. Every one is internal, IPAM-fixed from the address plan, and its host bridge
/// gets no IPv4 address (inhibit_ipv4), so no subnet of ours can shadow a route of the host. The bridge has a
/// known name so live capture can open it.
/// </summary>
public static class HarnessNetwork
{
    /// <summary>The Docker option that leaves the host end of the bridge without an IPv4 address.</summary>
    public const string InhibitIpv4Option = "com.docker.network.bridge.inhibit_ipv4";

    /// <summary>The Docker option that names the Linux bridge.</summary>
    public const string BridgeNameOption = "com.docker.network.bridge.name";

    /// <summary>Builds (does not create) a network of the run.</summary>
    /// <param name="name">Docker network name.</param>
    /// <param name="bridge">Linux bridge name, at most 15 characters.</param>
    /// <param name="labels">The run's labels.</param>
    /// <param name="ipv4Subnet">IPv4 subnet (Docker 20.10 insists on one even for an IPv6 network).</param>
    /// <param name="ipv4Range">Range Docker allocates dynamic IPv4 addresses from, or null for the whole subnet.</param>
    /// <param name="ipv6Subnet">IPv6 subnet, or null for an IPv4-only network.</param>
    public static INetwork Build(string name, string bridge, IReadOnlyDictionary<string, string> labels, IPNetwork ipv4Subnet, IPNetwork? ipv4Range, IPNetwork? ipv6Subnet)
    {
        if (bridge.Length > 15)
        {
            throw new ArgumentException($"bridge name '{bridge}' is longer than the 15 characters Linux allows", nameof(bridge));
        }

        var builder = new NetworkBuilder()
            .WithName(name)
            .WithDriver(NetworkDriver.Bridge)
            .WithOption(InhibitIpv4Option, "true")
            .WithOption(BridgeNameOption, bridge)
            .WithCleanUp(false)
            .WithCreateParameterModifier(p =>
            {
                p.Internal = true;
                p.EnableIPv6 = ipv6Subnet is not null;
                var config = new List<IPAMConfig> { new() { Subnet = ipv4Subnet.ToString(), IPRange = (ipv4Range ?? ipv4Subnet).ToString() } };
                if (ipv6Subnet is { } v6)
                {
                    config.Add(new IPAMConfig { Subnet = v6.ToString() });
                }

                p.IPAM = new IPAM { Driver = "default", Config = config };
            });
        foreach (var (key, value) in labels)
        {
            builder = builder.WithLabel(key, value);
        }

        return builder.Build();
    }
}
