using Nat64Harness.Capture;

namespace Nat64Harness.Oracle;

/// <summary>One pairing result, in capture-time order.</summary>
/// <remarks>A value: the pairer streams millions of them, and a passing pair must not cost an allocation of its own.</remarks>
/// <param name="Outcome">What happened.</param>
/// <param name="Before">The packet before translation (the original, sent into the translator), when there is one.</param>
/// <param name="After">The packet after translation (or the translator's ICMP answer), when there is one.</param>
/// <param name="Verdict">The oracle's verdict for a pair, a refusal or an answer, or a failing verdict explaining an unjudgeable packet; null for lost/duplicated/unexplained.</param>
/// <param name="Source">Which input stream the lone packet came from ("before"/"after"), for unpaired outcomes.</param>
public readonly record struct PairingEvent(PairingOutcome Outcome, CapturedPacket? Before, CapturedPacket? After, TranslationVerdict? Verdict, string Source = "")
{
    /// <summary>
    /// Null when the direction of the pair (which packet was the original) follows from the evidence: the original was
    /// captured before its translation. Otherwise why it was uncertain and how it was decided, e.g. "same timestamp
    /// 08:00:00.000000; decided by hop limit (64 → 63)".
    /// </summary>
    public string? Ambiguity { get; init; }

    /// <summary>True for a pair, an answer or a refusal whose verdict passed.</summary>
    public bool Passed => Outcome is PairingOutcome.Paired or PairingOutcome.ErrorReturned or PairingOutcome.AnsweredAsRequired or PairingOutcome.DroppedAsRequired
        && Verdict is { Passed: true };
}
