namespace Nat64Harness.Model;

/// <summary>
/// What the DNS checks must know of a DNS64 resolver beyond RFC 6147: where it knowingly departs from it, stated
/// once with the reason and printed with every DNS verdict, as <see cref="RouterProfile"/> does for routers.
/// </summary>
/// <param name="Name">Resolver name.</param>
/// <param name="SynthesizedTtlBoundedBySoa">
/// True when a synthesised AAAA's TTL must not exceed the zone's SOA minimum (RFC 6147 §5.1.7: the smaller of the A's
/// TTL and the SOA's); false when the A's TTL is accepted.
/// </param>
/// <param name="Deviations">Each departure the profile accepts, in words.</param>
public sealed record ResolverProfile(string Name, bool SynthesizedTtlBoundedBySoa, IReadOnlyList<string> Deviations)
{
    /// <summary>
    /// unbound 1.17.1 with its dns64 module: copies the A record's TTL into the synthesised AAAA (measured: 300 where the
    /// SOA minimum is 60), and excludes ::ffff:0:0/96 only for the names listed in dns64-ignore-aaaa (the image lists
    /// mapped.nat64h.test.).
    /// </summary>
    public static ResolverProfile Unbound { get; } = new("unbound", SynthesizedTtlBoundedBySoa: false,
    [
        "the synthesised AAAA takes the A record's TTL (RFC 6147 §5.1.7 wants the smaller of the A's and the SOA minimum)",
        "IPv4-mapped AAAAs (::ffff:0:0/96) are excluded per name (dns64-ignore-aaaa), not as a range (RFC 6147 §5.1.4)",
    ]);

    /// <summary>A DNS64 judged by RFC 6147 alone.</summary>
    public static ResolverProfile Rfc6147 { get; } = new("rfc6147", SynthesizedTtlBoundedBySoa: true, []);
}
