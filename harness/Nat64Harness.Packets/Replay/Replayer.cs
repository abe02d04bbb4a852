using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;

namespace Nat64Harness.Replay;

/// <summary>
/// Offline verification of stored captures: the entry points behind the CLI verbs
/// <c>verify &lt;before&gt; &lt;after&gt; --prefix P</c> and <c>replay &lt;folder&gt;</c>.
/// </summary>
public static class Replayer
{
    /// <summary>Name of the capture taken before the translator in a fixture folder.</summary>
    public const string BeforeFile = "before.pcap";

    /// <summary>Name of the capture taken after the translator in a fixture folder.</summary>
    public const string AfterFile = "after.pcap";

    /// <summary>Marker file: the fixture shows a non-conforming translation and must fail the oracle.</summary>
    public const string ExpectFailMarker = "expect-fail";

    /// <summary>Pairs and judges two capture files (streamed).</summary>
    /// <param name="beforePcap">Capture taken before the translator (may hold both directions).</param>
    /// <param name="afterPcap">Capture taken after the translator.</param>
    /// <param name="prefix">The NAT64 prefix.</param>
    /// <param name="mapping">IPv6 client ↔ IPv4 pool mapping; null learns it from the first pairs.</param>
    /// <param name="window">Largest delay between a packet and its translation; default 1 s.</param>
    /// <param name="maxRows">Passing rows kept in the report (failures are always kept).</param>
    /// <exception cref="PcapFormatException">A capture file is malformed.</exception>
    public static PairingReport VerifyPair(string beforePcap, string afterPcap, Nat64Prefix prefix, IAddressMapping? mapping = null, TimeSpan? window = null, int maxRows = int.MaxValue) =>
        VerifyPair(beforePcap, afterPcap, new TranslationContext(prefix, mapping), window, maxRows);

    /// <summary>Pairs and judges two capture files with a full translator context.</summary>
    /// <exception cref="PcapFormatException">A capture file is malformed.</exception>
    public static PairingReport VerifyPair(string beforePcap, string afterPcap, TranslationContext context, TimeSpan? window = null, int maxRows = int.MaxValue)
    {
        using var before = PcapReader.Open(beforePcap);
        using var after = PcapReader.Open(afterPcap);
        var pairer = new Pairer(context, window ?? TimeSpan.FromSeconds(1));
        return PairingReport.Collect(pairer.Pair(before.ReadPackets(), after.ReadPackets()), beforePcap, afterPcap, maxRows);
    }

    /// <summary>Replays a fixture folder: <c>before.pcap</c>, <c>after.pcap</c>, <c>scenario.json</c>, optional <c>expect-fail</c>.</summary>
    /// <exception cref="FileNotFoundException">A required file is missing.</exception>
    public static ReplayResult ReplayFixture(string folder)
    {
        var scenarioPath = Path.Combine(folder, ScenarioFile.FileName);
        var scenario = File.Exists(scenarioPath) ? ScenarioFile.Load(scenarioPath) : new ScenarioFile();
        var report = VerifyPair(
            Path.Combine(folder, BeforeFile),
            Path.Combine(folder, AfterFile),
            scenario.ToContext(),
            TimeSpan.FromMilliseconds(scenario.WindowMilliseconds));
        return new ReplayResult(folder, report, File.Exists(Path.Combine(folder, ExpectFailMarker)));
    }
}
