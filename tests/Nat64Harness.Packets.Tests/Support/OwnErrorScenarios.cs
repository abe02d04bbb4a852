using Nat64Harness.Oracle;
using static Nat64Harness.Packets.Tests.Support.TranslationPairs;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>
/// Correct errors from between the capture points, written out from RFC 7915 §4.1 / §5.1 (the translator is a router:
/// decrement, answer zero with Time Exceeded, answer a packet too big for the next hop), RFC 4443 §3 / RFC 792 (the
/// answering hop quotes the packet as it received it) and §4.3 / §5.3 (an error from a hop after the translator is
/// translated back, its packet in error a translation translated back). "Tayga" is a host with one forwarding hop on
/// each side of the translator (forwarding hops 2); "Jool" has none.
/// </summary>
internal static class OwnErrorScenarios
{
    private static readonly byte[] Big = Enumerable.Range(0, 1372).Select(i => (byte)i).ToArray();

    public static TranslationContext Tayga => Context() with { ForwardingHops = 2 };

    public static TranslationContext Jool => Context();

    public static IEnumerable<string> Names => All.Keys;

    public static OwnErrorScenario Get(string name) => All[name];

    private static readonly Dictionary<string, OwnErrorScenario> All = new()
    {
        // Hop limit 2 through Tayga: the kernel's hop into the TUN leaves 1, Tayga's own decrement reaches 0 (RFC 7915
        // §5.1 "MUST check for zero"): Tayga answers, quoting the packet as it received it (live-tayga-hop-limit-2).
        ["time exceeded at the translator, v6"] = AtHop(Tayga, Udp6(hopLimit: 2), quotedHopLimit: 1),
        ["time exceeded at the translator, v4"] = AtHop(Tayga, Udp4(ttl: 2), quotedHopLimit: 1),

        // Hop limit 1 through Tayga: the kernel before the TUN answers (live-tayga-hop-limit-1).
        ["time exceeded before the translator, v6"] = AtHop(Tayga, Udp6(hopLimit: 1), quotedHopLimit: 1),

        // Hop limit 3 through Tayga: the translation leaves Tayga with 1 and the kernel's hop out of the TUN answers in
        // the other family; Tayga translates that error back (RFC 7915 §4.3 / §5.3).
        ["time exceeded behind the translator, v6"] = Behind(Tayga, Udp6(hopLimit: 3), quotedHopLimit: 1),
        ["time exceeded behind the translator, v4"] = Behind(Tayga, Udp4(ttl: 3), quotedHopLimit: 1),

        // 1400 bytes for a 1300-byte next hop behind the translator: Fragmentation Needed from the host's IPv4 side,
        // translated to Packet Too Big (live-tayga-packet-too-big-at-translator, live-jool-packet-too-big-at-translator).
        ["packet too big behind the translator, Tayga"] = TooBigBehind(Tayga, quotedHopLimit: 62),
        ["packet too big behind the translator, Jool"] = TooBigBehind(Jool, quotedHopLimit: 63),
        ["fragmentation needed behind the translator, Tayga"] = FragNeededBehind(Tayga, quotedTtl: 62),

        // The translator checks the MTU itself and answers before translating (live-jool-frag-needed-at-translator).
        ["fragmentation needed at the translator, Jool"] = new(Jool, Big4(), Big4(), new IcmpSpec(3, 4, 1280, []), 548),
        ["packet too big at the translator, Tayga"] = new(Tayga, Big6(), Big6() with { HopLimit = 63 }, new IcmpSpec(2, 0, 1300, []), 1232),
    };

    private static TestPacket Udp6(byte hopLimit) =>
        new() { Source = Client6, Destination = Server6, HopLimit = hopLimit, TrafficClass = 0x28, FlowLabel = 0x12345, Upper = new UdpSpec(40000, 33434, Data) };

    private static TestPacket Udp4(byte ttl) =>
        new() { Source = Server4, Destination = Pool4, HopLimit = ttl, TrafficClass = 0x28, Identification = 0x5151, DontFragment = true, Upper = new UdpSpec(33434, 40000, Data) };

    private static TestPacket Big6() =>
        new() { Source = Client6, Destination = Server6, TrafficClass = 0x28, FlowLabel = 0x12345, Upper = new UdpSpec(40000, 7, Big[..1352]) };

    private static TestPacket Big4() =>
        new() { Source = Server4, Destination = Pool4, TrafficClass = 0x28, Identification = 0x1234, DontFragment = true, Upper = new UdpSpec(7, 40000, Big) };

    private static OwnErrorScenario AtHop(TranslationContext context, TestPacket sent, byte quotedHopLimit) =>
        new(context, sent, sent with { HopLimit = quotedHopLimit }, TimeExceeded(sent), 1232);

    private static OwnErrorScenario Behind(TranslationContext context, TestPacket sent, byte quotedHopLimit) =>
        new(context, sent, TranslatedBack(sent) with { HopLimit = quotedHopLimit }, TimeExceeded(sent), 1232);

    private static OwnErrorScenario TooBigBehind(TranslationContext context, byte quotedHopLimit) =>
        new(context, Big6(), TranslatedBack(Big6()) with { HopLimit = quotedHopLimit }, new IcmpSpec(2, 0, 1320, []), 1280 - 48);

    private static OwnErrorScenario FragNeededBehind(TranslationContext context, byte quotedTtl) =>
        new(context, Big4(), TranslatedBack(Big4()) with { HopLimit = quotedTtl }, new IcmpSpec(3, 4, 1280, []), 576 - 28);

    private static IcmpSpec TimeExceeded(TestPacket sent) => sent.Version == 6 ? new IcmpSpec(3, 0, 0, []) : new IcmpSpec(11, 0, 0, []);

    // What a translation sets anew (RFC 7915 §4.1 / §5.1): flow label 0; an identification of its choosing (0 here)
    // and DF=1 only above 1260 bytes when the IPv6 form had no Fragment header.
    private static TestPacket TranslatedBack(TestPacket sent) => sent.Version == 6
        ? sent with { FlowLabel = 0 }
        : sent with { Identification = 0, DontFragment = sent.Build().Length > 1260 };
}
