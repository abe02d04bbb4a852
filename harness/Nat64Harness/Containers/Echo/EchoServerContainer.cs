namespace Nat64Harness.Containers.Echo;

/// <summary>A running IPv4-only echo server.</summary>
public sealed class EchoServerContainer : HarnessContainer
{
    /// <summary>Creates the container from its configuration.</summary>
    public EchoServerContainer(HarnessContainerConfiguration configuration)
        : base(configuration)
    {
    }
}
