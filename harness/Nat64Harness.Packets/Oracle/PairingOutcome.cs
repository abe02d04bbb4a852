namespace Nat64Harness.Oracle;

/// <summary>What the pairer concluded about a packet or pair.</summary>
public enum PairingOutcome
{
    /// <summary>Matched with its translated counterpart; see the verdict.</summary>
    Paired,

    /// <summary>
    /// A packet headed into the translator that came back as an ICMP error from the translator itself (hop limit
    /// expired, too big for its next hop...) instead of being translated; the verdict judges that error.
    /// </summary>
    ErrorReturned,

    /// <summary>A packet headed into the translator whose translation never showed up within the window.</summary>
    Lost,

    /// <summary>A translated packet seen again after its pair was already made.</summary>
    Duplicated,

    /// <summary>A packet that looks translated but matches nothing that went in.</summary>
    Unexplained,

    /// <summary>A packet that cannot be decoded (garbage, cut by the snap length); the verdict says why.</summary>
    Unjudgeable,

    /// <summary>
    /// A packet RFC 7915 says not to translate (ICMP type with no counterpart, timestamps, corrupt IPv4 header,
    /// zero-checksum UDP the translator drops...) that indeed did not come out, and drew no ICMP error where none is
    /// allowed. The verdict names the rule; it passes.
    /// </summary>
    DroppedAsRequired,

    /// <summary>
    /// A packet RFC 7915 says not to translate that the translator answered with an ICMP error (source route failed,
    /// Parameter Problem at Segments Left, 3/13 or 1/1 where §4.4 / §5.4 allow it); the verdict judges the error, and
    /// fails when the RFC wants silence or another error.
    /// </summary>
    AnsweredAsRequired,

    /// <summary>
    /// A packet RFC 7915 says to discard with an ICMP error back to its sender, dropped without that error
    /// (see <see cref="TranslationContext.RefusalErrorsRequired"/>); a failure.
    /// </summary>
    NotAnswered,
}
