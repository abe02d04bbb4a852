using Nat64Harness.Model;

namespace Nat64Harness.Scenarios;

/// <summary>
/// The per-app VPN behaviours of the conformance suite beyond the echoes (containers/perapp-contract.md): what an
/// app does that a VPN built on a userspace stack gets wrong. Each uses the echo server's extra ports
/// (containers/echo/echo.py): <see cref="PeerPort"/>, <see cref="ClosedPort"/>, <see cref="ResetPort"/>.
/// </summary>
public static class PerAppScenarios
{
    /// <summary>UDP port answering each datagram with the address and port the server saw.</summary>
    public const int PeerPort = 8;

    /// <summary>A port nothing listens on, TCP or UDP.</summary>
    public const int ClosedPort = 9;

    /// <summary>TCP port that reads once and then resets the connection.</summary>
    public const int ResetPort = 10;

    /// <summary>How long an idle flow stays silent: past the 60 s the suite promises, and past a 60 s reaper.</summary>
    public static readonly TimeSpan IdleTime = TimeSpan.FromSeconds(65);

    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    /// <summary>Five TCP echoes whose app closes first: the kernel then owes ACKs for orphaned and TIME-WAIT sockets, as uid 0.</summary>
    public static Scenario CloseFirst { get; } = new("close-first", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Size: 1000, Flows: 5, Modes: new() { CloseFirst = true }),
        Captured: true, Judged: false, ScenarioExpectation.Echoed, "five TCP echoes the app closes before the server does (its kernel finishes the teardown)");

    /// <summary>TCP to the echo server's reset port: its RST must reach the app as a reset (ECONNRESET), not as EOF.</summary>
    public static Scenario FarEndReset { get; } = new("far-end-reset", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Port: ResetPort, Timeout: Short, Modes: new() { ExpectReset = true }),
        Captured: true, Judged: false, ScenarioExpectation.Echoed, "TCP the far end resets after the first data");

    /// <summary>UDP to a closed port, with the socket's error queue read: the NAT64's ICMPv4 port unreachable, translated, must reach the app as ICMPv6 1/4.</summary>
    public static Scenario UdpClosedPort { get; } = new("udp-closed-port", p => new Exchange(ExchangeKind.Udp, p.EchoSynthesized, Port: ClosedPort, Timeout: Short, Modes: new() { RecvErr = true }),
        Captured: true, Judged: false, ScenarioExpectation.Fails, "one UDP datagram to a port nothing listens on");

    /// <summary>Half-close: 256 KiB sent, writing shut down, a second's wait, then the whole echo read to EOF.</summary>
    public static Scenario HalfClose { get; } = new("half-close", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Size: 256 << 10, Timeout: TimeSpan.FromSeconds(10), Modes: new() { ReadDelay = TimeSpan.FromSeconds(1) }),
        Captured: false, Judged: false, ScenarioExpectation.Echoed, "256 KiB, shutdown(SHUT_WR), one second, then the echo read to EOF");

    /// <summary>A TCP echo with the app's segment sizes reported, captured so the VPN's SYN-ACK can be read.</summary>
    public static Scenario TcpMss { get; } = new("tcp-mss", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Size: 4000, Modes: new() { TcpInfo = true }),
        Captured: true, Judged: false, ScenarioExpectation.Echoed, "4000 bytes over TCP, with TCP_MAXSEG and TCP_INFO");

    /// <summary>
    /// A 1400-byte UDP datagram the app sends as two IPv6 fragments of at most 1280 bytes into <paramref name="device"/>:
    /// the reassembled packet (1448 bytes) is within the 1500 bytes every IPv6 node must accept (RFC 8200 §5). The
    /// probe builds the fragments (Linux fragments a UDP socket's datagrams only above the route's MTU) and writes
    /// them with a raw socket, so it runs as root (uid 0) with the app's address as source.
    /// </summary>
    public static Scenario AppFragments(string device) => new("udp-app-fragments", p => new Exchange(ExchangeKind.Udp, p.EchoSynthesized, Size: 1400, Timeout: Short, Uid: 0, Modes: new() { FragmentSize = 1280, Device = device, RecvErr = true }),
        Captured: true, Judged: false, ScenarioExpectation.Echoed, "a 1400-byte UDP datagram the app sends as two fragments (1448 bytes reassembled)");

    /// <summary>A UDP datagram larger than the VPN's device MTU: does the VPN send Packet Too Big, or the app's kernel fragment?</summary>
    public static Scenario OverDeviceMtu(int mtu) => new($"udp-over-mtu-{mtu}", p => new Exchange(ExchangeKind.Udp, p.EchoSynthesized, Size: mtu + 500, Timeout: Short, Modes: new() { RecvErr = true }),
        Captured: true, Judged: false, ScenarioExpectation.PathMtu, $"a {mtu + 500}-byte UDP datagram through a device of MTU {mtu}");

    /// <summary>1000 concurrent TCP flows held open <paramref name="hold"/> after their echo: the VPN's sessions are counted while held and after.</summary>
    public static Scenario SessionFlows(TimeSpan hold) => new("tcp-1000-flows", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Size: 200, Flows: 1000, Timeout: TimeSpan.FromSeconds(60), Modes: new() { Hold = hold }),
        Captured: false, Judged: false, ScenarioExpectation.Echoed, $"1000 concurrent TCP flows, each held {hold.TotalSeconds:g} s after its echo");

    /// <summary>One TCP connection silent for <see cref="IdleTime"/> between two echoes.</summary>
    public static Scenario IdleTcp { get; } = new("idle-tcp", p => new Exchange(ExchangeKind.Tcp, p.EchoSynthesized, Size: 100, Timeout: TimeSpan.FromSeconds(10), Modes: new() { Idle = IdleTime }),
        Captured: false, Judged: false, ScenarioExpectation.Echoed, $"one TCP connection, {IdleTime.TotalSeconds:g} s silent between two echoes");

    /// <summary>One UDP socket silent for <see cref="IdleTime"/> between two datagrams to the peer port: the server must see one outer port.</summary>
    public static Scenario IdleUdp { get; } = new("idle-udp", p => new Exchange(ExchangeKind.Udp, p.EchoSynthesized, Port: PeerPort, Size: 100, Timeout: TimeSpan.FromSeconds(10), Modes: new() { Idle = IdleTime, Peer = true }),
        Captured: false, Judged: false, ScenarioExpectation.Echoed, $"one UDP socket, {IdleTime.TotalSeconds:g} s silent between two datagrams; the server reports the port it saw");

    /// <summary>
    /// The exchanges whose packets the VPN builds toward the app, for a TUN audit: an unusual hop limit a copied header
    /// would betray, and odd sizes (a checksum bug can hide on even lengths). ICMPv6 first, then UDP and TCP.
    /// </summary>
    public static IReadOnlyList<(Scenario Scenario, int RequestHopLimit)> AuditProbes { get; } =
    [
        (Audit(ExchangeKind.Icmp, 57), 200),
        (Audit(ExchangeKind.Udp, 301), 200),
        (Audit(ExchangeKind.Tcp, 301), 200),
    ];

    private static Scenario Audit(ExchangeKind kind, int size) =>
        new($"audit-{ScenarioCatalog.Word(kind)}", p => new Exchange(kind, p.EchoSynthesized, Size: size, HopLimit: 200, Timeout: Short),
            Captured: true, Judged: false, ScenarioExpectation.Echoed, $"one {size}-byte {ScenarioCatalog.Word(kind)} message with hop limit 200, for the TUN audit");
}
