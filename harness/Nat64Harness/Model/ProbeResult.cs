using System.Net;

namespace Nat64Harness.Model;

/// <summary>
/// What the probe (containers/probe/probe.py) reported for one exchange, deserialised once from its JSON line.
/// A TCP or UDP exchange with one flow fills the flow's fields here; with several, each is in <see cref="Flows"/>.
/// An ICMPv6 exchange fills <see cref="Replies"/> and <see cref="Identifier"/>.
/// </summary>
public sealed record ProbeResult
{
    /// <summary>The exchange the probe ran.</summary>
    public required Exchange Exchange { get; init; }

    /// <summary>When the harness started the probe.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>When the probe's answer came back.</summary>
    public DateTimeOffset Finished { get; init; }

    /// <summary>True when every message came back exactly as sent.</summary>
    public bool Ok { get; init; }

    /// <summary>The probe's explanation of a failure.</summary>
    public string? Error { get; init; }

    /// <summary>Total time inside the probe, in milliseconds (NaN when it did not say).</summary>
    public double ElapsedMs { get; init; } = double.NaN;

    /// <summary>The probe's local address (TCP/UDP, single flow).</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>The probe's local port (TCP/UDP, single flow), for pairing with captures.</summary>
    public int? LocalPort { get; init; }

    /// <summary>The ICMPv6 identifier used (ICMP exchanges).</summary>
    public int? Identifier { get; init; }

    /// <summary>Bytes sent (TCP single flow), or packets written (inject).</summary>
    public long? Sent { get; init; }

    /// <summary>Bytes received back (TCP single flow).</summary>
    public long? Received { get; init; }

    /// <summary>SHA-256 of what was sent (TCP single flow), hex.</summary>
    public string? SentSha256 { get; init; }

    /// <summary>SHA-256 of what came back (TCP single flow), hex.</summary>
    public string? ReceivedSha256 { get; init; }

    /// <summary>Offset of the first byte that came back different, when the echo differs.</summary>
    public long? FirstDifference { get; init; }

    /// <summary>Each flow of a multi-flow exchange; empty for a single flow (its fields are on this record).</summary>
    public IReadOnlyList<ProbeFlow> Flows { get; init; } = [];

    /// <summary>Each datagram of a single-flow UDP exchange.</summary>
    public IReadOnlyList<ProbeDatagram> Datagrams { get; init; } = [];

    /// <summary>Each echo request of an ICMPv6 exchange, with what answered it.</summary>
    public IReadOnlyList<ProbeReply> Replies { get; init; } = [];

    /// <summary>TCP_MAXSEG and TCP_INFO after connect (<see cref="ProbeModes.TcpInfo"/>), or null.</summary>
    public ProbeTcpInfo? TcpInfo { get; init; }

    /// <summary>ICMPv6 errors the app's UDP socket received (<see cref="ProbeModes.RecvErr"/>).</summary>
    public IReadOnlyList<ProbeIcmpError> IcmpErrors { get; init; } = [];

    /// <summary>Whether the connection ended in a reset the app saw (<see cref="ProbeModes.ExpectReset"/>), or null.</summary>
    public bool? Reset { get; init; }

    /// <summary>The path MTU the app's kernel held for a UDP flow's destination, or null.</summary>
    public int? PathMtu { get; init; }

    /// <summary>What the server saw of each datagram (address and port, <see cref="ProbeModes.Peer"/>), in order.</summary>
    public IReadOnlyList<string?> Peers { get; init; } = [];

    /// <summary>
    /// The name resolution of the exchange: the answer of a DNS question, the getaddrinfo before a dial by name,
    /// the ipv4only.arpa query of an RFC 7050 discovery; null when none was made.
    /// </summary>
    public NameResolution? Resolution { get; init; }

    /// <summary>What a prefix discovery found; null for other exchanges.</summary>
    public PrefixDiscovery? Discovery { get; init; }

    /// <summary>
    /// True when an exchange by name failed because the name did not resolve (the probe's error starts with
    /// "resolve NAME:"): a DNS failure, never to be mistaken for a NAT64 one.
    /// </summary>
    public bool FailedAtResolution => !Ok && Exchange.Name is { } name && Error?.StartsWith($"resolve {name}:", StringComparison.Ordinal) == true;

    /// <summary>True when a TCP flow made no progress for the stall time and was ended (single flow).</summary>
    public bool Stalled { get; init; }

    /// <summary>The TCP socket's state when the flow failed or stalled (single flow), as the probe read it.</summary>
    public TcpSocketInfo? SocketInfo { get; init; }

    /// <summary>A failed TCP flow's progress, a mark a second (single flow).</summary>
    public IReadOnlyList<ProgressSample> Progress { get; init; } = [];

    /// <summary>The kernel counters of the probe's namespace that changed during the exchange.</summary>
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();

    /// <summary>The largest IPv6 packet that crossed, for a size search (<c>nat64h-probe largest</c>).</summary>
    public int? Largest { get; init; }

    /// <summary>The smallest IPv6 packet that did not cross, for a size search that found a limit.</summary>
    public int? SmallestLost { get; init; }

    /// <summary>The probe's JSON line as printed: for the run report only, never read field by field.</summary>
    public string RawJson { get; init; } = "{}";

    /// <summary>Deserialises the probe's JSON line.</summary>
    /// <exception cref="System.Text.Json.JsonException">The line is not the probe's JSON; the message names the path of the bad field.</exception>
    public static ProbeResult Parse(Exchange exchange, string json, DateTimeOffset started, DateTimeOffset finished) =>
        DnsJson.Complete(ProbeJson.Read(json).ToResult(exchange, json, started, finished), json);
}
