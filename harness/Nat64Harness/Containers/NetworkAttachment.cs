using System.Net;

namespace Nat64Harness.Containers;

/// <summary>A further network a container joins with a fixed address, between its creation and its start.</summary>
/// <param name="Network">Docker network name.</param>
/// <param name="Address">The container's address on it.</param>
public sealed record NetworkAttachment(string Network, IPAddress Address);
