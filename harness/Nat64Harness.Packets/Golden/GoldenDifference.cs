namespace Nat64Harness.Golden;

/// <summary>One field that differs between the golden capture and the actual one.</summary>
/// <param name="PacketIndex">Index of the IP packet (among IP packets) in both captures.</param>
/// <param name="Field">Field name, or "packet" when one capture has a packet the other lacks.</param>
/// <param name="Expected">Value in the golden capture.</param>
/// <param name="Seen">Value in the actual capture.</param>
public sealed record GoldenDifference(long PacketIndex, string Field, string Expected, string Seen)
{
    /// <inheritdoc />
    public override string ToString() => $"packet {PacketIndex}, {Field}: golden {Expected}, actual {Seen}";
}
