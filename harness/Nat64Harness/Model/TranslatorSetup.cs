using System.Net;
using Nat64Harness.Addressing;

namespace Nat64Harness.Model;

/// <summary>What the oracle must be told of the router that made a capture: how it behaves, its prefix and its pool.</summary>
/// <param name="Profile">The router's profile (hops, DF rule, stateful ports, stated deviations).</param>
/// <param name="Prefix">The NAT64 prefix it translates.</param>
/// <param name="Pool4">The IPv4 pool it maps clients into, or null when the oracle should not hold it to one.</param>
public sealed record TranslatorSetup(RouterProfile Profile, Nat64Prefix Prefix, IPNetwork? Pool4);
