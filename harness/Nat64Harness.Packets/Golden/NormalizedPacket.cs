namespace Nat64Harness.Golden;

/// <summary>A packet reduced to named fields, with the varying ones normalised.</summary>
/// <param name="Index">Index of the packet among the IP packets of its capture.</param>
/// <param name="Fields">Field name → normalised value, in a stable order.</param>
public sealed record NormalizedPacket(long Index, IReadOnlyList<KeyValuePair<string, string>> Fields);
