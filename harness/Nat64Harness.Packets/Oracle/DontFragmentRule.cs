namespace Nat64Harness.Oracle;

/// <summary>The rule for the IPv4 DF flag of an unfragmented IPv6 packet translated to IPv4.</summary>
public enum DontFragmentRule
{
    /// <summary>
    /// RFC 7915 §5.1: "If the size of the translated IPv4 packet is less than or equal to 1260 bytes, it is set to zero;
    /// otherwise, it is set to one."
    /// </summary>
    Rfc7915,

    /// <summary>
    /// RFC 6145 §5.1 (obsoleted, but what translators written before 2016 follow): DF is one; a translator MAY clear
    /// it for packets larger than 88 and at most 1280 bytes.
    /// </summary>
    Rfc6145,

    /// <summary>DF is not judged.</summary>
    Ignore,

    /// <summary>
    /// DF=1 on every unfragmented translation, whatever its size: what Tayga 0.9.2 does (measured), the narrowest
    /// reading of RFC 6145 §5.1. A DF=0 packet fails, so a translator that clears it is caught.
    /// </summary>
    AlwaysSet,

    /// <summary>
    /// <see cref="Rfc7915"/> for everything but TCP segments, whose DF is not judged: Jool 4.1 decides DF for the
    /// receive aggregate a segment arrived in, not for the segment it sends (its generate_df_flag: an aggregate
    /// chained as a frag_list gets DF=0, a GSO aggregate DF=1 when its segment size plus headers exceed 1260 bytes,
    /// so the short last segment of an aggregate carries DF=1 and full-size segments may carry DF=0). Which aggregate
    /// a segment came in is invisible on the wire. UDP, ICMP and every packet quoted in an ICMP error stay judged by
    /// <see cref="Rfc7915"/>.
    /// </summary>
    Rfc7915ExceptTcpSegments,
}
