namespace Nat64Harness.Containers.Dns;

/// <summary>A running PREF64 Router Advertisement sender.</summary>
public sealed class Pref64Container : HarnessContainer
{
    /// <summary>Creates the container from its configuration.</summary>
    public Pref64Container(HarnessContainerConfiguration configuration)
        : base(configuration)
    {
    }
}
