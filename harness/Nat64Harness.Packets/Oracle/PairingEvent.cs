using Nat64Harness.Capture;

namespace Nat64Harness.Oracle;

/// <summary>One pairing result, in capture-time order.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Before">The packet before translation, when there is one.</param>
/// <param name="After">The packet after translation, when there is one.</param>
/// <param name="Verdict">The oracle's verdict for a pair, or a failing verdict explaining an unjudgeable packet; null for lost/duplicated/unexplained.</param>
/// <param name="Source">Which input stream the lone packet came from ("before"/"after"), for unpaired outcomes.</param>
public sealed record PairingEvent(PairingOutcome Outcome, CapturedPacket? Before, CapturedPacket? After, TranslationVerdict? Verdict, string Source = "")
{
    /// <summary>True for a pair (or a returned error) whose verdict passed.</summary>
    public bool Passed => Outcome is PairingOutcome.Paired or PairingOutcome.ErrorReturned && Verdict is { Passed: true };
}
