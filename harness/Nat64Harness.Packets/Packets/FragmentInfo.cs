namespace Nat64Harness.Packets;

/// <summary>Fragmentation fields, from an IPv4 header or an IPv6 Fragment header.</summary>
/// <param name="Identification">IPv4: 16-bit Identification; IPv6: 32-bit Identification.</param>
/// <param name="Offset">Fragment Offset in 8-octet units.</param>
/// <param name="MoreFragments">MF / M flag.</param>
public sealed record FragmentInfo(uint Identification, int Offset, bool MoreFragments)
{
    /// <summary>True for the fragment that carries the upper-layer header.</summary>
    public bool IsFirst => Offset == 0;

    /// <summary>An IPv6 "atomic fragment" (offset 0, M clear): a Fragment header on an unfragmented packet.</summary>
    public bool IsAtomic => Offset == 0 && !MoreFragments;
}
