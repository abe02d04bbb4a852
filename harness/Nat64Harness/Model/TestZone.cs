namespace Nat64Harness.Model;

/// <summary>
/// The names the IPv4-only authoritative server holds (containers/dns-auth), and what each shows of a DNS64
/// (RFC 6147). nat64h.test. sits under .test, which RFC 6761 reserves for testing.
/// </summary>
public static class TestZone
{
    /// <summary>A only (the echo server): its AAAA is synthesised from the A (RFC 6147 §5.1.6, §5.1.7).</summary>
    public const string Echo = "echo.nat64h.test";

    /// <summary>A and a real AAAA: the real AAAA comes back, nothing is synthesised (RFC 6147 §5.1.1).</summary>
    public const string Dual = "dual.nat64h.test";

    /// <summary>A, and an AAAA inside ::ffff:0:0/96 only, which counts as none: synthesised from the A (RFC 6147 §5.1.4).</summary>
    public const string Mapped = "mapped.nat64h.test";

    /// <summary>A CNAME to <see cref="Alias2"/>, itself a CNAME to <see cref="Echo"/>: the chain kept, the end synthesised (RFC 6147 §5.1.5).</summary>
    public const string Alias = "alias.nat64h.test";

    /// <summary>The middle of the CNAME chain.</summary>
    public const string Alias2 = "alias2.nat64h.test";

    /// <summary>No such name: NXDOMAIN comes back as it is (RFC 6147 §5.1.2).</summary>
    public const string Missing = "nx.nat64h.test";

    /// <summary>A name outside the test zones: the resolver refuses it without a packet leaving it (no recursion to the world).</summary>
    public const string Outside = "example.com";

    /// <summary>The well-known name of RFC 7050 §2.2: A 192.0.0.170 and 192.0.0.171.</summary>
    public const string Ipv4OnlyArpa = "ipv4only.arpa";

    /// <summary>The TTL of every record of the zone but the SOA and NS (seconds).</summary>
    public const long RecordTtl = 300;

    /// <summary>The SOA MINIMUM (negative caching TTL) of the zone, which RFC 6147 §5.1.7 bounds a synthesised TTL by.</summary>
    public const long SoaMinimum = 60;
}
