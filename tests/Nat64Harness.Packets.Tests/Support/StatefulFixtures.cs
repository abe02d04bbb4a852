using Nat64Harness.Replay;
using static Nat64Harness.Packets.Tests.Support.StatefulPairs;
using Fixture = Nat64Harness.Packets.Tests.Support.FixtureGenerator.Fixture;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>
/// Stateful NAT64 fixtures (RFC 6146, as Jool does it): the client's port / echo identifier become a pool4 port in
/// 61001-65535 on 100.64.5.130, and replies come back translated to the client's. before.pcap is the IPv6 side.
/// </summary>
internal static class StatefulFixtures
{
    public static readonly StatefulScenario Learn = new() { Pool4 = Pool4Cidr, Ports = PoolPorts };

    public static IEnumerable<Fixture> All()
    {
        yield return Tcp();

        var (ping6, ping4) = Echo6To4();
        var (pong4, pong6) = EchoReply4To6();
        yield return new("stateful-icmpv6-echo-id-mapped",
            $"Stateful NAT64: ICMPv6 echo identifier {EchoId} becomes ICMPv4 identifier {PoolEchoId} (RFC 6146 §3.5.3), the reply's {PoolEchoId} goes back to {EchoId}; BIB learned within pool4 {Pool4Cidr} ports {PoolPorts}; before.pcap is the IPv6 side.",
            [(0, ping6), (10, pong6)], [(1, ping4), (9, pong4)], Stateful: Learn);

        var (req6, req4) = Udp6To4();
        var (rep4, rep6) = Udp4To6();
        yield return new("stateful-udp-static-bib",
            $"Stateful NAT64: UDP {ClientPort} ↔ pool4 {PoolPort} both ways, judged against the BIB as `jool bib display --numeric` prints it (scenario.json stateful.bib); before.pcap is the IPv6 side.",
            [(0, req6), (10, rep6)], [(1, req4), (9, rep4)],
            Stateful: Learn with { Bib = BibText.Split('\n') });

        var (_, unmapped6) = Udp4To6(clientPort: PoolPort);
        yield return new("negative-stateful-reply-port-not-translated",
            $"NEGATIVE: stateful NAT64 maps the UDP request's port {ClientPort} to {PoolPort} but delivers the reply to the client still addressed to port {PoolPort}; the oracle must fail on udp.destination_port.",
            [(0, req6), (10, unmapped6)], [(1, req4), (9, rep4)], ExpectFail: true, Stateful: Learn);
    }

    private static Fixture Tcp()
    {
        var data = TranslationPairs.Data;
        (double, TestPacket) V6(double ms, bool fromClient, uint seq, uint ack, byte flags, byte[] payload) => (ms, fromClient
            ? new TestPacket { Source = TranslationPairs.Client6, Destination = TranslationPairs.Server6, Upper = new TcpSpec(ClientPort, 80, seq, ack, flags, payload) }
            : new TestPacket { Source = TranslationPairs.Server6, Destination = TranslationPairs.Client6, HopLimit = 63, Upper = new TcpSpec(80, ClientPort, seq, ack, flags, payload) });
        (double, TestPacket) V4(double ms, bool fromClient, uint seq, uint ack, byte flags, byte[] payload) => (ms, fromClient
            ? new TestPacket { Source = TranslationPairs.Pool4, Destination = TranslationPairs.Server4, HopLimit = 63, Upper = new TcpSpec(PoolPort, 80, seq, ack, flags, payload) }
            : new TestPacket { Source = TranslationPairs.Server4, Destination = TranslationPairs.Pool4, DontFragment = true, Identification = 0x0102, Upper = new TcpSpec(80, PoolPort, seq, ack, flags, payload) });
        var end = 1001 + (uint)data.Length;
        return new Fixture(
            "stateful-tcp-ports-mapped",
            $"Stateful NAT64: TCP handshake and one data segment each way; client port {ClientPort} leaves as pool4 port {PoolPort} and the server's segments to {PoolPort} reach the client on {ClientPort}, checksums recomputed; BIB learned within pool4 {Pool4Cidr} ports {PoolPorts}; before.pcap is the IPv6 side.",
            [V6(0, true, 1000, 0, 0x02, []), V6(4, false, 5000, 1001, 0x12, []), V6(5, true, 1001, 5001, 0x18, data), V6(9, false, 5001, end, 0x18, data)],
            [V4(1, true, 1000, 0, 0x02, []), V4(3, false, 5000, 1001, 0x12, []), V4(6, true, 1001, 5001, 0x18, data), V4(8, false, 5001, end, 0x18, data)],
            Stateful: Learn);
    }
}
