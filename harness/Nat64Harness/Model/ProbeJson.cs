using System.Net;
using System.Text.Json;

namespace Nat64Harness.Model;

/// <summary>
/// The probe's JSON as printed (snake_case, every field optional but <c>ok</c>), mapped once onto the typed
/// <see cref="ProbeResult"/>. Numbers of the wrong type and unparseable addresses fail with the field's path.
/// </summary>
internal sealed class ProbeJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public bool? Ok { get; set; }

    public string? Error { get; set; }

    public double? ElapsedMs { get; set; }

    public int? Seed { get; set; }

    public string? LocalAddr { get; set; }

    public int? LocalPort { get; set; }

    public double? ConnectedAtMs { get; set; }

    public double? ClosedAtMs { get; set; }

    public int? Identifier { get; set; }

    public long? Sent { get; set; }

    public long? Received { get; set; }

    public string? SentSha256 { get; set; }

    public string? ReceivedSha256 { get; set; }

    public long? FirstDifference { get; set; }

    public List<ProbeJson>? Flows { get; set; }

    public List<DatagramJson>? Datagrams { get; set; }

    public List<ReplyJson>? Replies { get; set; }

    public TcpInfoJson? TcpInfo { get; set; }

    public List<IcmpErrorJson>? IcmpErrors { get; set; }

    public bool? Reset { get; set; }

    public int? PathMtu { get; set; }

    public List<string?>? Peers { get; set; }

    public bool? Stalled { get; set; }

    public TcpSocketInfo? SocketInfo { get; set; }

    public List<ProgressSample>? Progress { get; set; }

    public Dictionary<string, long>? Counters { get; set; }

    public int? Largest { get; set; }

    public int? SmallestLost { get; set; }

    public static ProbeJson Read(string json) =>
        JsonSerializer.Deserialize<ProbeJson>(json, Options) ?? throw new JsonException($"probe printed null instead of a result: {json}");

    public ProbeResult ToResult(Exchange exchange, string json, DateTimeOffset started, DateTimeOffset finished) => new()
    {
        Exchange = exchange,
        Started = started,
        Finished = finished,
        Ok = Ok ?? throw new JsonException($"probe result has no \"ok\" field: {json}"),
        Error = Error,
        ElapsedMs = ElapsedMs ?? double.NaN,
        LocalAddress = Address(LocalAddr, "$.local_addr"),
        LocalPort = LocalPort,
        Identifier = Identifier,
        Sent = Sent,
        Received = Received,
        SentSha256 = SentSha256,
        ReceivedSha256 = ReceivedSha256,
        FirstDifference = FirstDifference,
        Flows = (Flows ?? []).Select((f, i) => f.ToFlow($"$.flows[{i}]")).ToList(),
        Datagrams = (Datagrams ?? []).Select((d, i) => d.ToDatagram($"$.datagrams[{i}]")).ToList(),
        Replies = (Replies ?? []).Select((r, i) => r.ToReply($"$.replies[{i}]")).ToList(),
        TcpInfo = TcpInfo?.ToInfo(),
        IcmpErrors = (IcmpErrors ?? []).Select((e, i) => e.ToError($"$.icmp_errors[{i}]")).ToList(),
        Reset = Reset,
        PathMtu = PathMtu,
        Peers = Peers ?? [],

        Stalled = Stalled ?? false,
        SocketInfo = SocketInfo,
        Progress = Progress ?? [],
        Counters = Counters ?? [],
        Largest = Largest,
        SmallestLost = SmallestLost,
        RawJson = json,
    };

    private ProbeFlow ToFlow(string path) => new(
        Seed ?? 0,
        Ok ?? throw new JsonException($"{path} has no \"ok\" field"),
        Error,
        Address(LocalAddr, path + ".local_addr"),
        LocalPort,
        Sent,
        Received,
        SentSha256,
        ReceivedSha256,
        (Datagrams ?? []).Select((d, i) => d.ToDatagram($"{path}.datagrams[{i}]")).ToList(),
        ElapsedMs ?? double.NaN)
    {
        Stalled = Stalled ?? false,
        SocketInfo = SocketInfo,
        Progress = Progress ?? [],
        ConnectedAtMs = ConnectedAtMs,
        ClosedAtMs = ClosedAtMs,
    };

    internal static IPAddress? Address(string? text, string path) =>
        text is null ? null
        : IPAddress.TryParse(text, out var address) ? address
        : throw new JsonException($"{path}: '{text}' is not an IP address");

    internal sealed class DatagramJson
    {
        public int N { get; set; }

        public bool? Ok { get; set; }

        public int Sent { get; set; }

        public int? Received { get; set; }

        public double? RttMs { get; set; }

        public string? Error { get; set; }

        public int? FirstDifference { get; set; }

        public List<int>? Fragments { get; set; }

        public ProbeDatagram ToDatagram(string path) =>
            new(N, Ok ?? throw new JsonException($"{path} has no \"ok\" field"), Sent, Received, RttMs, Error, FirstDifference) { Fragments = Fragments ?? [] };
    }

    internal sealed class ReplyJson
    {
        public int Seq { get; set; }

        public bool? Ok { get; set; }

        public int Sent { get; set; }

        public int? Received { get; set; }

        public int? Type { get; set; }

        public int? Code { get; set; }

        public string? Source { get; set; }

        public long? Mtu { get; set; }

        public double? RttMs { get; set; }

        public string? Error { get; set; }

        public ProbeReply ToReply(string path) =>
            new(Seq, Ok ?? throw new JsonException($"{path} has no \"ok\" field"), Sent, Received, Type, Code, Address(Source, path + ".source"), Mtu, RttMs, Error);
    }

    internal sealed class TcpInfoJson
    {
        public int Maxseg { get; set; }

        public int SndMss { get; set; }

        public int RcvMss { get; set; }

        public int Advmss { get; set; }

        public int Pmtu { get; set; }

        public ProbeTcpInfo ToInfo() => new(Maxseg, SndMss, RcvMss, Advmss, Pmtu);
    }

    internal sealed class IcmpErrorJson
    {
        public int Type { get; set; }

        public int Code { get; set; }

        public long Info { get; set; }

        public int Errno { get; set; }

        public string? From { get; set; }

        public ProbeIcmpError ToError(string path) => new(Type, Code, Info, Errno, Address(From, path + ".from"));
    }
}
