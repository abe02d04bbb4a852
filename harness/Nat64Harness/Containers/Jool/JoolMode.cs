namespace Nat64Harness.Containers.Jool;

/// <summary>Where a Jool router translates: chosen by the container from what the host kernel has, and reported.</summary>
public enum JoolMode
{
    /// <summary>The host kernel has the jool module: Jool runs in the router container's namespace.</summary>
    HostModule,

    /// <summary>No module on the host: Jool runs in a QEMU micro-VM bridged onto the container's networks.</summary>
    MicroVm,
}
