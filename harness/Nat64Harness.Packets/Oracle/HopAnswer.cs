namespace Nat64Harness.Oracle;

/// <summary>
/// Which hop between the capture points answered a packet with an ICMP error, whether that error reaches the sender
/// translated back (the hop was after the translator), and the hop limit the quoted packet must carry.
/// </summary>
internal readonly record struct HopAnswer(string Origin, bool TranslatedBack, HopLimitRange QuotedHopLimit)
{
    /// <summary>The verdict's words for it.</summary>
    public string Describe() => TranslatedBack ? $"error from {Origin}, translated back" : $"error from {Origin}";
}
