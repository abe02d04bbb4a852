namespace Nat64Harness.Model;

/// <summary>How many flows a per-app VPN holds open, and where that number was read.</summary>
/// <param name="Count">Open sessions (or sockets standing for them).</param>
/// <param name="Source">The VPN's own statistics file, or its sockets in /proc/net.</param>
public sealed record SessionCount(int Count, string Source)
{
    /// <inheritdoc />
    public override string ToString() => $"{Count} ({Source})";
}
