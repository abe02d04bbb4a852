using System.Text.Json;

namespace Nat64Harness.Bench;

/// <summary>
/// Reads the probe's bench commands' JSON (containers/probe/nat64h_probe/bench.py) into typed results. A result
/// with "ok" false is the probe saying the measurement failed: it becomes a <see cref="BenchException"/> carrying
/// the probe's reason; anything malformed names the field.
/// </summary>
public static class ProbeBenchJson
{
    /// <summary>The receiver samples of each stream of a bench-tcp run, by direction.</summary>
    public static IReadOnlyDictionary<TcpDirection, IReadOnlyList<ByteSample>> TcpStreams(string json) =>
        JsonFields.Read(json, "probe bench-tcp", root =>
        {
            Succeeded(root);
            var streams = new Dictionary<TcpDirection, IReadOnlyList<ByteSample>>();
            var all = root.Array("streams");
            for (var k = 0; k < all.Count; k++)
            {
                var fields = root.Item(all[k], $"streams[{k}]");
                var direction = fields.String("direction") switch
                {
                    "up" => TcpDirection.Up,
                    "down" => TcpDirection.Down,
                    var other => throw fields.Error("direction", $"is '{other}': expected up or down"),
                };
                streams[direction] = fields.Array("samples").Select((s, i) => Sample(s, i)).ToList();
            }

            return streams.Count > 0 ? streams : throw root.Error("streams", "is empty");
        });

    /// <summary>A bench-udp trial.</summary>
    public static RateTrial UdpTrial(string json) =>
        JsonFields.Read(json, "probe bench-udp", root =>
        {
            Succeeded(root);
            var sent = root.Count("sent");
            var received = root.Count("received");
            return new RateTrial(root.Number("offered_bps"), root.Number("sent_bps"), sent, received) {
                Burst = root.Has("burst") ? root.Count("burst") : null,
                SendErrors = root.Has("send_errors") ? root.Count("send_errors") : null,
            };
        });

    /// <summary>A bench-latency run's round trips in microseconds, in sequence order, null where no echo came back.</summary>
    public static IReadOnlyList<double?> RoundTrips(string json) =>
        JsonFields.Read(json, "probe bench-latency", root =>
        {
            Succeeded(root);
            var rtts = root.Array("rtt_us").Select((e, i) => e.ValueKind switch
            {
                JsonValueKind.Null => (double?)null,
                JsonValueKind.Number when e.GetDouble() is var d && d >= 0 => d,
                _ => throw new BenchException($"probe bench-latency: rtt_us[{i}] is {e.GetRawText()}: expected microseconds (not negative) or null"),
            }).ToList();
            return root.Count("sent") == rtts.Count ? rtts : throw root.Error("rtt_us", $"holds {rtts.Count} round trips for {root.Count("sent")} datagrams sent");
        });

    /// <summary>A bench-connect run.</summary>
    public static ConnectRate Connect(string json) =>
        JsonFields.Read(json, "probe bench-connect", root =>
        {
            Succeeded(root);
            return new ConnectRate(root.Count("completed"), root.Count("failed"), root.Number("seconds"),
                root.Has("handshake_us_median") ? root.Number("handshake_us_median") / 1000 : null, root.String("first_error"));
        });

    private static void Succeeded(JsonFields root)
    {
        if (!root.Bool("ok"))
        {
            throw new BenchException($"{root.Source}: the probe reports a failure: {root.String("error") ?? "(no reason given)"}");
        }
    }

    private static ByteSample Sample(JsonElement e, int index) =>
        e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2 && e[0].ValueKind == JsonValueKind.Number && e[1].ValueKind == JsonValueKind.Number
            && e[1].TryGetInt64(out var bytes)
            ? new ByteSample(e[0].GetDouble(), bytes)
            : throw new BenchException($"probe bench-tcp: samples[{index}] is {e.GetRawText()}: expected [seconds, bytes]");
}
