using System.Globalization;
using System.Net;
using DotNet.Testcontainers.Networks;
using Nat64Harness.Addressing;

namespace Nat64Harness.Containers.Dns;

/// <summary>
/// Builds the PREF64 Router Advertisement sender (containers/pref64, RFC 8781): RAs with router lifetime 0 and no
/// prefix information on the access network, so no host takes a route or an address from them, only the prefix.
/// </summary>
public sealed class Pref64Builder : HarnessContainerBuilder<Pref64Builder, Pref64Container, HarnessContainerConfiguration>
{
    /// <summary>A builder for the given image (see <see cref="Images.HarnessImage.Pref64"/>).</summary>
    public Pref64Builder(string image)
        : this(new HarnessContainerConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private Pref64Builder(HarnessContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override HarnessContainerConfiguration DockerResourceConfiguration { get; }

    /// <summary>Its address on the access network (its RAs leave from its link-local address there).</summary>
    public Pref64Builder WithAddress(INetwork network, IPAddress address) =>
        WithPrimaryAddress(network, address).WithEnvironment("NAT64H_V6_ADDR", address.ToString());

    /// <summary>The prefix advertised (another than the network's makes the wrong PREF64 of the negative tests).</summary>
    public Pref64Builder WithPrefix(Nat64Prefix prefix) => WithEnvironment("NAT64H_PREF64", prefix.ToString());

    /// <summary>Seconds between unsolicited RAs (RFC 4861 §6.2.1: at least 3).</summary>
    public Pref64Builder WithInterval(int seconds) =>
        WithEnvironment("NAT64H_RA_INTERVAL", seconds.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override Pref64Container Build()
    {
        Validate();
        return new Pref64Container(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override Pref64Builder Init() =>
        base.Init().WithNetworkAdmin(tun: false, ("net.ipv6.conf.all.disable_ipv6", "0"), ("net.ipv6.conf.default.disable_ipv6", "0"));

    /// <inheritdoc />
    protected override HarnessContainerConfiguration Wrap(HarnessContainerConfiguration common) => common;

    /// <inheritdoc />
    protected override Pref64Builder Merge(HarnessContainerConfiguration oldValue, HarnessContainerConfiguration newValue) =>
        new(new HarnessContainerConfiguration(oldValue, newValue));
}
