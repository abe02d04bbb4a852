using System.Net;

namespace Nat64Harness.Model;

/// <summary>One place an RFC 7050 well-known address was found in an AAAA answer (RFC 7050 §3).</summary>
/// <param name="Address">The AAAA answer.</param>
/// <param name="Length">The RFC 6052 prefix length at which the well-known address sits in it.</param>
/// <param name="WellKnownAddress">192.0.0.170 or 192.0.0.171.</param>
/// <param name="Prefix">The prefix that position implies.</param>
/// <param name="Rejected">Why the candidate was not used (a non-zero u octet), or null.</param>
public sealed record PrefixCandidate(IPAddress Address, int Length, IPAddress WellKnownAddress, string Prefix, string? Rejected);
