namespace Nat64Harness.Model;

/// <summary>One field where two translators' outputs differ for the same scenario.</summary>
/// <param name="Scenario">The exchange.</param>
/// <param name="Side">Which bridge: "v4" holds IPv6→IPv4 translations (and the echo's own packets), "v6" the IPv4→IPv6 ones.</param>
/// <param name="Packet">Packet index on that side.</param>
/// <param name="Field">Normalised field name.</param>
/// <param name="A">The first translator's value.</param>
/// <param name="B">The second translator's value.</param>
/// <param name="Rfc">The clause that governs the field.</param>
public sealed record CrossDifference(string Scenario, string Side, long Packet, string Field, string A, string B, string Rfc);
