namespace Nat64Harness.Oracle;

/// <summary>How RFC 7915 wants a translator to refuse a packet it must not translate.</summary>
internal enum RefusalKind
{
    /// <summary>Not translated, and no ICMP error may be sent ("silently drop").</summary>
    SilentDrop,

    /// <summary>Not translated; the default ICMP error of RFC 7915 §4.4 / §5.4 may be sent back.</summary>
    DropMayAnswer,

    /// <summary>Not translated; a specific ICMP error SHOULD be sent back (required unless the context relaxes it).</summary>
    DropAndAnswer,

    /// <summary>Translating and dropping are both conforming (a packet with a corrupt transport checksum).</summary>
    MayDrop,
}
