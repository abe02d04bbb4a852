namespace Nat64Harness.Oracle;

/// <summary>
/// How the translator is configured to carry IPv4 TOS ↔ IPv6 Traffic Class.
/// RFC 7915 §4.1 / §5.1: copied by default; implementations SHOULD offer to ignore it and send zero.
/// </summary>
public enum TosPolicy
{
    /// <summary>Traffic Class equals TOS and vice versa (the RFC default).</summary>
    Copy,

    /// <summary>The translator sets the field to zero.</summary>
    Zero,

    /// <summary>Either behaviour passes (configuration unknown).</summary>
    CopyOrZero,
}
