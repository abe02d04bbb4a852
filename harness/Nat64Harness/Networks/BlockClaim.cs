using Nat64Harness.Docker;
using Nat64Harness.Model;

namespace Nat64Harness.Networks;

/// <summary>
/// An address block held by this process: its plan and the host-wide lease on it (<see cref="HostLock"/>). Hold it
/// until the block's networks are deleted; a process that dies drops the lease with it, so a crashed run never
/// keeps a block from the next one (which reaps its leftover networks first).
/// </summary>
public sealed class BlockClaim : IDisposable
{
    private readonly HostLock _lease;

    internal BlockClaim(AddressPlan plan, HostLock lease)
    {
        Plan = plan;
        _lease = lease;
    }

    /// <summary>The block's plan.</summary>
    public AddressPlan Plan { get; }

    /// <summary>The lease file.</summary>
    public string LeasePath => _lease.Path;

    /// <summary>Whether the lease is still held.</summary>
    public bool Held => _lease.Held;

    /// <summary>Gives the block back.</summary>
    public void Dispose() => _lease.Dispose();
}
