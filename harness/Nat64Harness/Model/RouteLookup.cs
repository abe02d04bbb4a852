using System.Net;

namespace Nat64Harness.Model;

/// <summary>One <c>ip -6 route get</c> in the client's namespace: the kernel's own answer, rules and tables applied.</summary>
/// <param name="Address">The address asked for (route get sends nothing, so it may lie outside our networks).</param>
/// <param name="Role">What the address is, in words ("the echo server's synthesised address").</param>
/// <param name="Requirement">What the contract says of it.</param>
/// <param name="Route">The route the kernel chose, or null when it has none ("Network is unreachable").</param>
/// <param name="Answer">What <c>ip</c> printed (stdout, or stderr when it failed).</param>
public sealed record RouteLookup(IPAddress Address, string Role, RouteRequirement Requirement, KernelRoute? Route, string Answer)
{
    /// <summary>True when the kernel sends it through <paramref name="device"/>.</summary>
    public bool Enters(string? device) => device is not null && Route is { } r && r.Uses(device);

    /// <inheritdoc />
    public override string ToString() => $"{Address} ({Role}): {Answer.Trim()}";
}
