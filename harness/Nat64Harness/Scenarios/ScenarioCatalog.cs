using Nat64Harness.Model;

namespace Nat64Harness.Scenarios;

/// <summary>
/// Every scenario the harness runs, once. <see cref="Standard"/> is what <c>nat64h run</c> runs,
/// <see cref="Comparable"/> what <c>nat64h compare</c> runs through both routers; the conformance suite runs
/// these same values.
/// </summary>
public static class ScenarioCatalog
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    /// <summary>1000 bytes over TCP: handshake, data, FIN both ways, judged packet by packet.</summary>
    public static Scenario TcpEcho { get; } = Echo("tcp-echo", ExchangeKind.Tcp, size: 1000, count: 1, "1000 bytes over TCP, echoed");

    /// <summary>Three 512-byte UDP datagrams, each echoed.</summary>
    public static Scenario UdpEcho { get; } = Echo("udp-echo", ExchangeKind.Udp, size: 512, count: 3, "three 512-byte UDP datagrams, each echoed");

    /// <summary>
    /// Three UDP datagrams whose IPv6 checksum must be sent as 0xFFFF (the sum is negative zero): what one datagram in
    /// 65536 meets by chance, every time. A hop that updates or builds the checksum without folding sends 0x0000,
    /// "no checksum" in IPv6, and the receiving kernel drops the datagram. 2 s per datagram: through a router with
    /// that defect each one is lost, and an echo on this machine takes milliseconds.
    /// </summary>
    public static Scenario UdpAllOnesChecksum { get; } = new("udp-checksum-ffff",
        p => new Exchange(ExchangeKind.Udp, p.EchoSynthesized, Size: 300, Count: 3, Timeout: TimeSpan.FromSeconds(2)) { AllOnesUdpChecksum = true },
        Captured: true, Judged: true, ScenarioExpectation.Echoed, "three 300-byte UDP datagrams whose IPv6 checksum is 0xffff");

    /// <summary>Three ICMPv6 echo requests of 56 data bytes (ping's default).</summary>
    public static Scenario Icmpv6Echo { get; } = Echo("icmpv6-echo", ExchangeKind.Icmp, size: 56, count: 3, "three ICMPv6 echo requests, 56 data bytes");

    /// <summary>Hop limit 1: the first hop answers with ICMPv6 Time Exceeded (RFC 4443 §3.3).</summary>
    public static Scenario HopLimitOne { get; } = new("hop-limit-1", p => new Exchange(ExchangeKind.Icmp, p.EchoSynthesized, HopLimit: 1),
        Captured: true, Judged: true, ScenarioExpectation.TimeExceeded, "an echo request that can cross one hop only");

    /// <summary>Three 1400-byte UDP payloads (1448-byte IPv6 packets): whole on a 1500 path, fragmented through a 1420 tunnel.</summary>
    public static Scenario LargeDatagram { get; } = new("udp-1400", p => new Exchange(ExchangeKind.Udp, p.EchoSynthesized, Size: 1400, Count: 3, Timeout: Short),
        Captured: true, Judged: true, ScenarioExpectation.PathMtu, "three 1400-byte UDP datagrams, larger than a tunnel's MTU");

    /// <summary>TCP to port 9 of the echo server, where nothing listens: the failure must be reported, not passed.</summary>
    public static Scenario RefusedPort { get; } = new("tcp-refused", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Port: 9, Timeout: Short),
        Captured: true, Judged: false, ScenarioExpectation.Fails, "TCP to a port nothing listens on");

    /// <summary>3000 bytes over TCP whose payload carries the probe's marker: what a tunnel's underlay must hide.</summary>
    public static Scenario UnderlayTcp { get; } = new("underlay-tcp", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Size: 3000),
        Captured: true, Judged: false, ScenarioExpectation.Echoed, "3000 bytes over TCP with a readable marker, for the underlay audit");

    /// <summary>Two ICMPv6 echoes that must cross a router before a topology is used (a stall shows as a timeout).</summary>
    public static Scenario PathCheck { get; } = new("path-check", p => new Exchange(ExchangeKind.Icmp, p.EchoSynthesized, Count: 2, Timeout: TimeSpan.FromSeconds(3)),
        Captured: false, Judged: false, ScenarioExpectation.Echoed, "two ICMPv6 echoes through the router before first use");

    /// <summary>A 500-byte TCP echo, not captured: is the path still served after something was done to it?</summary>
    public static Scenario StillServed { get; } = new("still-served", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Size: 500),
        Captured: true, Judged: false, ScenarioExpectation.Echoed, "a 500-byte TCP echo after a disturbance");

    /// <summary>What <c>nat64h run</c> runs: the three echoes, then a bulk transfer of <paramref name="transferMib"/> MiB (none for 0).</summary>
    public static IReadOnlyList<Scenario> Standard(int transferMib) =>
        transferMib > 0 ? [TcpEcho, UdpEcho, Icmpv6Echo, Transfer(transferMib)] : [TcpEcho, UdpEcho, Icmpv6Echo];

    /// <summary>What <c>nat64h compare</c> runs through two routers: the judged echoes.</summary>
    public static IReadOnlyList<Scenario> Comparable { get; } = [TcpEcho, UdpEcho, Icmpv6Echo];

    /// <summary>The probe scenarios of a fault sweep (each run <see cref="Scenario.Quick"/>).</summary>
    public static IReadOnlyList<Scenario> FaultSweep { get; } = [TcpEcho, UdpEcho, Icmpv6Echo, LargeDatagram];

    /// <summary>
    /// A TCP transfer of <paramref name="mebibytes"/> MiB each way at once; the end-to-end hash is the evidence of
    /// delivery, and the oracle judges the first and last packets its bounded pcaps keep (a packet whose partner the
    /// other side's pcap left out is excused, see <see cref="Verification.ExchangeVerifier"/>). A stall ends it after the
    /// probe's stall time, not the 120 s timeout.
    /// </summary>
    public static Scenario Transfer(int mebibytes) =>
        new($"transfer-{mebibytes}mib", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Size: mebibytes << 20, Timeout: TimeSpan.FromSeconds(120)),
            Captured: false, Judged: true, ScenarioExpectation.Echoed, $"{mebibytes} MiB over TCP each way, compared by SHA-256, first and last packets judged");

    /// <summary>
    /// 100 concurrent flows, each with its own payload (a crossed flow returns another's bytes), sized to fit every
    /// tunnel's MTU. UDP opens every flow's socket at the start but sends at most <see cref="UdpInFlight"/> datagrams at a time: a
    /// burst of 100 is a test of the VPN's receive buffer, not of translation (the probe's flows.py has the measurement).
    /// </summary>
    public static Scenario ConcurrentFlows(ExchangeKind kind) =>
        new($"{Word(kind)}-100-flows", p => new Exchange(kind, p.EchoSynthesized, Size: 1024, Count: kind == ExchangeKind.Udp ? 3 : 1, Flows: 100, Timeout: TimeSpan.FromSeconds(10))
            {
                InFlight = kind == ExchangeKind.Udp ? UdpInFlight : null,
            },
            Captured: true, Judged: true, ScenarioExpectation.Echoed,
            $"100 concurrent {Word(kind)} flows of 1024-byte messages{(kind == ExchangeKind.Udp ? $", at most {UdpInFlight} datagrams in flight" : "")}");

    /// <summary>The UDP datagrams of <see cref="ConcurrentFlows"/> in flight at once: 16 of 1 KiB fit a 212992-byte socket buffer with room to spare.</summary>
    public const int UdpInFlight = 16;

    /// <summary>An exchange whose responses a per-app VPN builds itself, with an unusual hop limit (0: the default) a copied header would betray.</summary>
    public static Scenario TunResponses(ExchangeKind kind, int hopLimit) =>
        new($"tun-{Word(kind)}", p => new Exchange(kind, p.EchoSynthesized, Size: 300, Count: 2, HopLimit: hopLimit),
            Captured: true, Judged: false, ScenarioExpectation.Echoed, $"two 300-byte {Word(kind)} messages for the TUN audit");

    /// <summary>A single short exchange for the TUN audit of a fault sweep.</summary>
    public static Scenario TunProbe(ExchangeKind kind, int hopLimit) =>
        new("fault-tun-audit", p => new Exchange(kind, p.EchoSynthesized, HopLimit: hopLimit, Timeout: Short),
            Captured: true, Judged: false, ScenarioExpectation.Echoed, $"one {Word(kind)} message for the TUN audit");

    /// <summary>TCP echo by a uid the per-app VPN does not steer: it must bypass the VPN.</summary>
    public static Scenario AsOtherUid(int uid) =>
        new("other-uid", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Uid: uid),
            Captured: true, Judged: false, ScenarioExpectation.Echoed, $"TCP echo as uid {uid}, outside the VPN");

    /// <summary>One exchange of <paramref name="kind"/> through a path broken on purpose: it must fail, and say why.</summary>
    public static Scenario BrokenPath(ExchangeKind kind) =>
        new($"broken-{Word(kind)}", p => new Exchange(kind, p.EchoSynthesized, Timeout: TimeSpan.FromSeconds(3)),
            Captured: true, Judged: false, ScenarioExpectation.Fails, $"one {Word(kind)} exchange through a broken VPN");

    /// <summary>The exchanges of the golden captures under fixtures/live-tayga-*: two 100-byte messages, a fixed shape.</summary>
    public static Scenario Golden(ExchangeKind kind) =>
        new($"golden-{Word(kind)}-echo", p => new Exchange(kind, p.EchoSynthesized, Size: 100, Count: 2),
            Captured: true, Judged: false, ScenarioExpectation.Echoed, $"two 100-byte {Word(kind)} echoes, as recorded in the golden fixtures");

    /// <summary>The name a kind has in scenario names: tcp, udp, icmpv6.</summary>
    public static string Word(ExchangeKind kind) => kind == ExchangeKind.Icmp ? "icmpv6" : kind.ToString().ToLowerInvariant();

    private static Scenario Echo(string name, ExchangeKind kind, int size, int count, string description) =>
        new(name, p => new Exchange(kind, p.EchoSynthesized, Size: size, Count: count), Captured: true, Judged: true, ScenarioExpectation.Echoed, description);
}
