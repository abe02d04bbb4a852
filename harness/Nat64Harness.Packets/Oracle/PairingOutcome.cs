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
}
