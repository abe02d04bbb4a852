namespace Nat64Harness.Oracle;

/// <summary>
/// RFC 7915's ICMP type/code translations (§4.2 ICMPv4 → ICMPv6, §5.2 ICMPv6 → ICMPv4) and
/// Parameter Problem pointer maps (§4.2 Figure 3, §5.2 Figure 6). Null means "silently drop".
/// </summary>
internal static class IcmpTranslationTable
{
    /// <summary>ICMPv4 type/code to ICMPv6 (RFC 7915 §4.2).</summary>
    public static (byte Type, byte Code)? ToIcmpv6(byte type, byte code) => (type, code) switch
    {
        (8, _) => (128, 0),                                        // Echo Request
        (0, _) => (129, 0),                                        // Echo Reply
        (3, 0 or 1 or 5 or 6 or 7 or 8 or 11 or 12) => (1, 0),     // unreachable net/host/... → no route
        (3, 2) => (4, 1),                                          // protocol unreachable → unrecognized Next Header
        (3, 3) => (1, 4),                                          // port unreachable
        (3, 4) => (2, 0),                                          // fragmentation needed → Packet Too Big
        (3, 9 or 10 or 13 or 15) => (1, 1),                        // administratively prohibited
        (11, _) => (3, code),                                      // Time Exceeded, code unchanged
        (12, 0 or 2) => (4, 0),                                    // Parameter Problem: pointer / bad length
        _ => null,
    };

    /// <summary>ICMPv6 type/code to ICMPv4 (RFC 7915 §5.2).</summary>
    public static (byte Type, byte Code)? ToIcmpv4(byte type, byte code) => (type, code) switch
    {
        (128, _) => (8, 0),
        (129, _) => (0, 0),
        (1, 0 or 2 or 3) => (3, 1),   // no route / beyond scope / address unreachable → host unreachable
        (1, 1) => (3, 10),            // administratively prohibited
        (1, 4) => (3, 3),             // port unreachable
        (2, _) => (3, 4),             // Packet Too Big → fragmentation needed
        (3, _) => (11, code),         // Time Exceeded, code unchanged
        (4, 0) => (12, 0),            // erroneous header field → pointer problem
        (4, 1) => (3, 2),             // unrecognized Next Header → protocol unreachable
        _ => null,
    };

    /// <summary>IPv4 header pointer to IPv6 header pointer (RFC 7915 Figure 3).</summary>
    public static int? PointerToIcmpv6(int pointer) => pointer switch
    {
        0 => 0,      // Version/IHL → Version/Traffic Class
        1 => 1,      // Type of Service → Traffic Class
        2 or 3 => 4, // Total Length → Payload Length
        8 => 7,      // Time to Live → Hop Limit
        9 => 6,      // Protocol → Next Header
        >= 12 and <= 15 => 8,  // Source Address
        >= 16 and <= 19 => 24, // Destination Address
        _ => null,
    };

    /// <summary>IPv6 header pointer to IPv4 header pointer (RFC 7915 Figure 6).</summary>
    public static int? PointerToIcmpv4(long pointer) => pointer switch
    {
        0 => 0,
        1 => 1,
        4 or 5 => 2,
        6 => 9,
        7 => 8,
        >= 8 and <= 23 => 12,
        >= 24 and <= 39 => 16,
        _ => null,
    };

    /// <summary>
    /// True for a Parameter Problem whose pointer has no counterpart in the other family (RFC 7915 §4.2 Figure 3,
    /// §5.2 Figure 6): "silently drop the packet".
    /// </summary>
    public static bool HasUntranslatablePointer(int version, Packets.IcmpMessage icmp) => version == 4
        ? icmp.Type == 12 && icmp.Code is 0 or 2 && PointerToIcmpv6((int)(icmp.RestOfHeader >> 24)) is null
        : icmp.Type == 4 && icmp.Code == 0 && PointerToIcmpv4(icmp.RestOfHeader) is null;

    /// <summary>RFC 1191 §7 plateau table, for an ICMPv4 Fragmentation Needed that carries MTU 0.</summary>
    public static int Plateau(int totalLength)
    {
        ReadOnlySpan<int> plateaus = [65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68];
        foreach (var plateau in plateaus)
        {
            if (plateau < totalLength)
            {
                return plateau;
            }
        }

        return 68;
    }
}
