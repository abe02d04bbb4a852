namespace Nat64Harness.Replay;

/// <summary>One IPv6 client ↔ IPv4 pool address pair in a <see cref="ScenarioFile"/>.</summary>
/// <param name="Ipv6">IPv6 client address.</param>
/// <param name="Ipv4">IPv4 pool address.</param>
public sealed record MappingEntry(string Ipv6, string Ipv4);
