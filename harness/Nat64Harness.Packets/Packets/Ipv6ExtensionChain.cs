namespace Nat64Harness.Packets;

/// <summary>What <see cref="Ipv6ExtensionWalker"/> found between the IPv6 fixed header and the upper layer.</summary>
/// <param name="UpperProtocol">The upper-layer protocol (or the Next Header of a non-first fragment's Fragment header).</param>
/// <param name="UpperOffset">Offset of the upper-layer header from the byte after the fixed header.</param>
/// <param name="FragmentOffset">Offset of the Fragment header from the byte after the fixed header, or −1.</param>
/// <param name="RoutingSegmentsLeft">Largest Segments Left of any Routing header (RFC 8200 §4.4), 0 when none.</param>
/// <param name="SegmentsLeftPointer">
/// Offset from the start of the IPv6 packet of the Segments Left byte of the first Routing header whose Segments Left
/// is not zero, or −1: the pointer an ICMPv6 Parameter Problem about it carries (RFC 7915 §5.1).
/// </param>
/// <param name="ExtensionAfterFragment">
/// True when the Fragment header's Next Header is itself an extension header (RFC 7915 §5.1 "Total Length":
/// such a packet SHOULD be dropped).
/// </param>
public readonly record struct Ipv6ExtensionChain(
    byte UpperProtocol, int UpperOffset, int FragmentOffset, int RoutingSegmentsLeft, int SegmentsLeftPointer, bool ExtensionAfterFragment);
