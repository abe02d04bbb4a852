namespace Nat64Harness.Addressing;

/// <summary>
/// An RFC 6052 rule was broken: a prefix or address cannot be used as given.
/// The message names the prefix or address and the rule.
/// </summary>
/// <remarks>Derives from <see cref="ArgumentException"/> because it is always caused by a caller's argument.</remarks>
public sealed class Nat64AddressingException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the offending value and the rule it breaks.</summary>
    public Nat64AddressingException(string message, string? paramName = null)
        : base(message, paramName)
    {
    }
}
