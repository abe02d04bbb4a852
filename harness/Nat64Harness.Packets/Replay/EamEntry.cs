namespace Nat64Harness.Replay;

/// <summary>One Explicit Address Mapping entry (RFC 7757) in a <see cref="ScenarioFile"/>.</summary>
/// <param name="Ipv6">IPv6 prefix, e.g. <c>2001:db8:3::/120</c>.</param>
/// <param name="Ipv4">IPv4 prefix, e.g. <c>1.0.0.0/24</c>.</param>
public sealed record EamEntry(string Ipv6, string Ipv4);
