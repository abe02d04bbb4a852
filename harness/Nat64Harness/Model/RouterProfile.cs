using Nat64Harness.Addressing;
using Nat64Harness.Oracle;

namespace Nat64Harness.Model;

/// <summary>
/// What the oracle must know of a NAT64 router beyond RFC 7915 itself: how many forwarding hops it adds
/// between the capture points, and where it knowingly departs from RFC 7915. Each departure is stated here,
/// in one place, with its reason; the reports list them, so nothing is accepted silently.
/// </summary>
/// <param name="Name">Router name.</param>
/// <param name="ForwardingHops">Extra hop-limit/TTL decrements besides the translation (see <see cref="TranslationContext.ForwardingHops"/>).</param>
/// <param name="DontFragment">The DF rule the router follows.</param>
/// <param name="Deviations">Each departure from RFC 7915 the profile accepts, in words.</param>
/// <param name="StatefulPorts">For a stateful NAT64 (RFC 6146): the pool4 port range client ports and ICMP identifiers are mapped into; null for a stateless one.</param>
public sealed record RouterProfile(string Name, int ForwardingHops, DontFragmentRule DontFragment, IReadOnlyList<string> Deviations, PortRange? StatefulPorts = null)
{
    /// <summary>
    /// Tayga 0.9.2 in a Linux container: the kernel forwards into the nat64 TUN and out of it (two decrements
    /// besides Tayga's own), and Tayga sets DF as RFC 6145 did (always 1), not as RFC 7915 §5.1 does (0 up to
    /// 1260 bytes) — measured on every translated packet.
    /// </summary>
    public static RouterProfile Tayga { get; } = new("tayga", 2, DontFragmentRule.AlwaysSet,
    [
        "DF=1 on every IPv6→IPv4 translation (RFC 6145 §5.1; RFC 7915 §5.1 wants DF=0 up to 1260 bytes)",
        "the Linux kernel forwards into and out of Tayga's TUN: TTL/hop limit drop by 3 between the bridges, not 1",
        "a translated UDP checksum that should be 0xffff is sent as 0x0000 (RFC 768; in IPv6 a zero means none, RFC 8200 §8.1): its incremental update does not fold negative zero, once in 65536 packets (measured: a DNS answer through Tayga, fixtures/live-tayga-udp-zero-for-ffff)",
    ]) { ZeroForAllOnesUdpChecksum = true };

    /// <summary>
    /// Jool 4.1.9 (stateful NAT64, RFC 6146) in its micro-VM: it translates in the kernel's netfilter hook, so
    /// the hop limit drops once between the bridges, as RFC 7915 says; DF follows RFC 7915 §5.1 except on TCP
    /// segments, where it follows the receive aggregate the segment arrived in (measured through the micro-VM: a TCP
    /// transfer's full-size segments with DF=0 and its short ones with DF=1; see
    /// <see cref="DontFragmentRule.Rfc7915ExceptTcpSegments"/>). Stateful translation rewrites source ports and ICMP
    /// identifiers into pool4's port range: the oracle must be told. Like Tayga, it sends a UDP checksum of 0x0000
    /// where 0xffff is due (see <see cref="ZeroForAllOnesUdpChecksum"/>).
    /// </summary>
    public static RouterProfile Jool { get; } = new("jool", 0, DontFragmentRule.Rfc7915ExceptTcpSegments,
    [
        "DF of a translated TCP segment not judged: Jool 4.1 sets it for the receive aggregate the segment came in (GRO), not by the segment's own size (RFC 7915 §5.1); UDP, ICMP and quoted packets are judged by §5.1",
        "a translated UDP checksum that should be 0xffff is sent as 0x0000 (RFC 768; in IPv6 a zero means none, RFC 8200 §8.1): its IPv4→IPv6 checksum update does not fold negative zero (measured: 3 of 3 datagrams of the udp-checksum-ffff scenario; the probe's kernel dropped each)",
    ], new PortRange(61001, 65535)) { ZeroForAllOnesUdpChecksum = true };

    /// <summary>A translator judged by RFC 7915 alone, on a path that adds no other hop between the capture points.</summary>
    public static RouterProfile Rfc7915 { get; } = new("rfc7915", 0, DontFragmentRule.Rfc7915, []);

    /// <summary>Whether the router sends a UDP checksum of 0x0000 where 0xFFFF is due (see <see cref="TranslationContext.ZeroForAllOnesUdpChecksum"/>).</summary>
    public bool ZeroForAllOnesUdpChecksum { get; init; }

    /// <summary>A profile by name: tayga, jool or rfc7915.</summary>
    public static RouterProfile Find(string name) => name.ToLowerInvariant() switch
    {
        "tayga" => Tayga,
        "jool" => Jool,
        "rfc7915" or "rfc" => Rfc7915,
        _ => throw new ArgumentException($"unknown router profile '{name}': use tayga, jool or rfc7915"),
    };

    /// <summary>The oracle's context for this router: stateless with <paramref name="mapping"/>, or stateful, learning its BIB inside <paramref name="pool4"/>.</summary>
    public TranslationContext Context(Nat64Prefix prefix, IAddressMapping mapping, System.Net.IPNetwork? pool4)
    {
        var context = StatefulPorts is { } ports
            ? TranslationContext.Stateful(prefix, pool4 ?? throw new ArgumentException($"{Name} is stateful: the oracle needs its pool4"), ports)
            : new TranslationContext(prefix, mapping);
        return context with { ForwardingHops = ForwardingHops, DontFragment = DontFragment, ZeroForAllOnesUdpChecksum = ZeroForAllOnesUdpChecksum };
    }
}
