namespace Nat64Harness.Model;

/// <summary>How many packets of one IP size a capture point saw in one direction.</summary>
/// <param name="Size">IP packet size in bytes (header included).</param>
/// <param name="Count">Packets of that size.</param>
public readonly record struct SizeCount(int Size, long Count);
