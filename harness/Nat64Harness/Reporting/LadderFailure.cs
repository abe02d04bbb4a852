using Nat64Harness.Oracle;

namespace Nat64Harness.Reporting;

/// <summary>A failed pairing event of an exchange: the packets involved and each failed field.</summary>
/// <param name="PairId">The pair id its arrows carry.</param>
/// <param name="Outcome">The pairing outcome.</param>
/// <param name="Description">The flow.</param>
/// <param name="Packets">"v6 #3", "v4 #2": the packets, by capture point and frame index.</param>
/// <param name="Fields">Each failed check: field, expected, seen, RFC clause.</param>
public sealed record LadderFailure(int PairId, PairingOutcome Outcome, string Description, IReadOnlyList<string> Packets, IReadOnlyList<FieldCheck> Fields);
