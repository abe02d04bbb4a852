namespace Nat64Harness.Model;

/// <summary>One size of a DF sweep and what became of it.</summary>
/// <param name="Size">The IPv6 packet's size, header included.</param>
/// <param name="Ok">The answer came back whole.</param>
/// <param name="Outcome">answered, timeout (lost every try), refused (EMSGSIZE: larger than the kernel's MTU), icmp-error, damaged.</param>
/// <param name="Tries">Packets of this size sent.</param>
/// <param name="Error">What went wrong, in the probe's words.</param>
public sealed record MtuProbe(int Size, bool Ok, string Outcome, int Tries, string? Error)
{
    /// <inheritdoc />
    public override string ToString() => $"{Size} B: {Outcome}{(Error is null ? "" : $" ({Error})")}, {Tries} tr{(Tries == 1 ? "y" : "ies")}";
}
