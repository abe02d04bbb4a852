namespace Nat64Harness.Golden;

/// <summary>One field that differs between the golden capture and the actual one.</summary>
/// <param name="PacketIndex">Index of the IP packet (among IP packets) in both captures.</param>
/// <param name="Field">Field name (<see cref="Packets.FieldNames"/>), or "packet" when one capture has a packet the other lacks.</param>
/// <param name="Expected">Value in the golden capture.</param>
/// <param name="Seen">Value in the actual capture.</param>
/// <param name="Side">"before" or "after" when a pair of captures is compared; empty for a single capture.</param>
public sealed record GoldenDifference(long PacketIndex, string Field, string Expected, string Seen, string Side = "")
{
    /// <inheritdoc />
    public override string ToString() =>
        Side.Length == 0 ? $"packet {PacketIndex}, {Field}: golden {Expected}, actual {Seen}" : $"{Side} packet {PacketIndex}, {Field}: golden {Expected}, actual {Seen}";
}
