namespace Nat64Harness.Oracle;

/// <summary>
/// What a stateful NAT64 must write for one side (source or destination) of a translated packet: its address and
/// its port or ICMP identifier. Null <see cref="Port"/>: the packet carries no port (an ICMP error's outer header).
/// </summary>
internal sealed record EndpointExpectation(string Address, bool AddressPassed, string? Port = null, bool PortPassed = true);
