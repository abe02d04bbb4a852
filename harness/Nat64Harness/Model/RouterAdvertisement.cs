using System.Net;

namespace Nat64Harness.Model;

/// <summary>A Router Advertisement the probe received, as it judged it (RFC 4861 §6.1.2, RFC 8781 §4).</summary>
/// <param name="Source">Its source (link-local, with the interface).</param>
/// <param name="HopLimit">Its IPv6 hop limit (255 when it was not forwarded).</param>
/// <param name="RouterLifetime">Router lifetime in seconds (0: not a default router).</param>
/// <param name="Invalid">The first validity rule it broke, or null when valid.</param>
/// <param name="Pref64">The prefix of its PREF64 option, or null.</param>
/// <param name="Pref64LifetimeSeconds">That option's lifetime.</param>
public sealed record RouterAdvertisement(string Source, int? HopLimit, int? RouterLifetime, string? Invalid, string? Pref64, int? Pref64LifetimeSeconds);
