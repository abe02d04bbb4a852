namespace Nat64Harness.Docker;

/// <summary>Whether the run that labelled a resource is alive, as far as this process can tell.</summary>
public enum OwnerState
{
    /// <summary>Its owner runs (or cannot be ruled out): never touch it.</summary>
    Alive,

    /// <summary>Its owner is provably gone: its resources are stale.</summary>
    Dead,

    /// <summary>Not this process's to judge (another host, a PID namespace it cannot see): left alone.</summary>
    Unknown,
}
