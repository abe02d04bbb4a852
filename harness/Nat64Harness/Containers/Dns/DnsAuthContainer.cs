namespace Nat64Harness.Containers.Dns;

/// <summary>A running IPv4-only authoritative DNS server.</summary>
public sealed class DnsAuthContainer : HarnessContainer
{
    /// <summary>Creates the container from its configuration.</summary>
    public DnsAuthContainer(HarnessContainerConfiguration configuration)
        : base(configuration)
    {
    }
}
