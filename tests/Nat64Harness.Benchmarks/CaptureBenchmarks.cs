using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;

namespace Nat64Harness.Benchmarks;

/// <summary>
/// Per-packet cost of reading a 1 M-packet pcap, and of reading two such captures, pairing and verifying every pair.
/// Times are per packet (OperationsPerInvoke): packets/s = 1e9 / Mean[ns].
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CaptureBenchmarks
{
    /// <summary>Request/reply exchanges: each side holds 2 packets per exchange, so 1 M packets per capture.</summary>
    public const int Exchanges = 500_000;

    private const int PacketsPerCapture = Exchanges * 2;

    private string _ipv6Side = string.Empty;
    private string _ipv4Side = string.Empty;

    [GlobalSetup]
    public void Setup() => (_ipv6Side, _ipv4Side) = SyntheticCapture.Ensure(Exchanges);

    /// <summary>Stream one capture: parse records, strip the link layer, copy each IP packet.</summary>
    [Benchmark(OperationsPerInvoke = PacketsPerCapture)]
    public long RawRead()
    {
        using var reader = PcapReader.Open(_ipv6Side);
        long bytes = 0;
        foreach (var packet in reader.ReadPackets())
        {
            bytes += packet.Ip.Length;
        }

        return bytes;
    }

    /// <summary>Stream both captures, pair both directions and judge every pair against RFC 7915 (2 M packets, 1 M verdicts).</summary>
    [Benchmark(OperationsPerInvoke = 2 * PacketsPerCapture)]
    public long ReadPairVerify() => ReadPairVerify(_ipv6Side, _ipv4Side);

    /// <summary>The library path on any synthetic pair: read, pair and judge; returns the pairs that passed, throws on a failure.</summary>
    public static long ReadPairVerify(string ipv6Side, string ipv4Side)
    {
        var context = new TranslationContext(Nat64Prefix.WellKnown, new StaticAddressMapping([(SyntheticCapture.Client6, SyntheticCapture.Pool4)]));
        using var v6 = PcapReader.Open(ipv6Side);
        using var v4 = PcapReader.Open(ipv4Side);
        long passed = 0;
        foreach (var e in new Pairer(context, TimeSpan.FromSeconds(1)).Pair(v6.ReadPackets(), v4.ReadPackets()))
        {
            if (!e.Passed)
            {
                throw new InvalidOperationException($"synthetic capture must conform: {e.Outcome} {string.Join(", ", e.Verdict?.Failures.Select(f => f.Field) ?? [])}");
            }

            passed++;
        }

        return passed;
    }
}
