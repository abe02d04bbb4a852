using Nat64Harness.Model;

namespace Nat64Harness.Scenarios;

/// <summary>
/// The sweeps of the catalogue: sizes that hide bugs, and hop limits and traffic classes a copied header betrays.
/// <see cref="Sizes"/> sends every exchange kind 0 and 1 byte, odd sizes, and the payloads that fill each MTU on
/// the path exactly, one byte short and one byte over (not over the largest) (a header-building bug at 1280 or at the tunnel's MTU shows
/// only there); <see cref="TunHopLimits"/> sends a per-app VPN requests whose hop limits (9, 17, 200, 255, never 64,
/// the common default a VPN may use of its own) and ECN field (CE) a VPN must not give back.
/// </summary>
public static class SweepCatalog
{
    /// <summary>The smallest MTU of any IPv6 link (RFC 8200 §5): a boundary on every path.</summary>
    public const int MinimumIpv6Mtu = 1280;

    /// <summary>IPv6 header + UDP header, or + ICMPv6 echo header: both 48 bytes.</summary>
    public const int DatagramOverhead = 48;

    /// <summary>IPv6 header + TCP header + the timestamps option Linux sends on every segment after the handshake.</summary>
    public const int TcpOverhead = 40 + 20 + 12;

    /// <summary>Payload sizes every sweep sends, MTUs aside: nothing, one byte (shorter than the probe's marker), and odd sizes.</summary>
    public static IReadOnlyList<int> SmallSizes { get; } = [0, 1, 7, 333];

    /// <summary>Traffic class of the TUN sweep's UDP and ICMPv6 requests: DSCP AF41 with ECN CE (0x88 | 0x03).</summary>
    public const int CongestedAf41 = 0x8B;

    private static readonly TimeSpan SweepTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The payload sizes of a sweep of <paramref name="kind"/> through a path with <paramref name="pathMtus"/>:
    /// <see cref="SmallSizes"/>, then for each MTU (and 1280) the payload that makes a packet of exactly that size,
    /// one less and one more. TCP's boundary is a full segment: the MTU less <see cref="TcpOverhead"/>.
    /// </summary>
    public static IReadOnlyList<int> PayloadSizes(ExchangeKind kind, IEnumerable<int> pathMtus)
    {
        var overhead = kind == ExchangeKind.Tcp ? TcpOverhead : DatagramOverhead;
        // Not one byte over the largest: that packet fits no link, so the probe's own kernel fragments it, a fragment
        // test rather than a boundary one.
        var path = pathMtus.ToList();
        var mtus = path.Append(MinimumIpv6Mtu).Distinct().Order().ToList();
        if (kind == ExchangeKind.Icmp && path.Count > 0)
        {
            // ICMPv6 stays within the smallest link: one byte more and the probe's own kernel fragments it, and
            // Tayga 0.9.2 translates no fragmented ICMPv6 (measured through WireGuard: echo requests of 1421 to 1500
            // bytes, fragmented at the source, 3 of 3 reached Tayga and none left it). UDP crosses every boundary.
            mtus = mtus.Where(m => m <= Math.Max(MinimumIpv6Mtu, path.Min())).ToList();
        }

        var boundaries = mtus.SelectMany(mtu => mtu == mtus[^1] ? new[] { mtu - overhead - 1, mtu - overhead } : new[] { mtu - overhead - 1, mtu - overhead, mtu - overhead + 1 });
        return SmallSizes.Concat(boundaries).Where(s => s >= 0).Distinct().Order().ToList();
    }

    /// <summary>
    /// One exchange of <paramref name="kind"/> carrying every size of <see cref="PayloadSizes"/> in turn (UDP and
    /// ICMPv6: one message per size; TCP: one connection per size), judged by the oracle. A datagram larger than a
    /// link on the way may be lost the first time, while the path learns its MTU (Packet Too Big, Fragmentation Needed).
    /// </summary>
    public static Scenario Sizes(ExchangeKind kind, IEnumerable<int> pathMtus)
    {
        var sizes = PayloadSizes(kind, pathMtus);
        return new($"{ScenarioCatalog.Word(kind)}-sizes", p => new Exchange(kind, p.EchoSynthesized, Timeout: SweepTimeout) { Sizes = sizes },
            Captured: true, Judged: true, ScenarioExpectation.PathMtu, $"{ScenarioCatalog.Word(kind)} payloads of {string.Join(", ", sizes)} bytes");
    }

    /// <summary>
    /// The exchanges of a per-app VPN's TUN audit: each kind twice, with different request hop limits (a VPN whose
    /// hop limit follows the request's is caught across the two), even and odd payloads (a checksum bug of odd
    /// lengths shows on the second), and for UDP and ICMPv6 a CE-marked traffic class (a copied header carries it back).
    /// The lowest is 9, not 1: a per-app VPN may act as its app's router (slirp4netns relays a UDP datagram with the
    /// app's hop limit less one, and relays the Time Exceeded back, measured), and Tayga's host takes three more hops;
    /// the hop-limit-1 scenario checks expiry itself.
    /// </summary>
    public static IReadOnlyList<Scenario> TunHopLimits { get; } =
    [
        TunAudit(ExchangeKind.Tcp, 17, 300, null),
        TunAudit(ExchangeKind.Tcp, 255, 301, null),
        TunAudit(ExchangeKind.Udp, 9, 300, CongestedAf41),
        TunAudit(ExchangeKind.Udp, 200, 301, CongestedAf41),
        TunAudit(ExchangeKind.Icmp, 200, 300, CongestedAf41),
        TunAudit(ExchangeKind.Icmp, 17, 301, CongestedAf41),
    ];

    private static Scenario TunAudit(ExchangeKind kind, int hopLimit, int size, int? trafficClass) =>
        new($"tun-{ScenarioCatalog.Word(kind)}-hl{hopLimit}", p => new Exchange(kind, p.EchoSynthesized, Size: size, Count: 2, HopLimit: hopLimit) { TrafficClass = trafficClass },
            Captured: true, Judged: false, ScenarioExpectation.Echoed,
            $"two {size}-byte {ScenarioCatalog.Word(kind)} messages with hop limit {hopLimit}{(trafficClass is { } t ? $" and traffic class 0x{t:x2}" : "")}, for the TUN audit");
}
