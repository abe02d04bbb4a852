using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Oracle;

namespace Nat64Harness.Verification;

/// <summary>
/// Judges two pcaps like <see cref="ExchangeVerifier"/>, but hands each row to report writers as it is judged and keeps
/// none: memory stays flat however long the captures are (the returned report has the counts, no rows).
/// </summary>
public static class StreamedVerification
{
    /// <summary>Pairs and judges an IPv6-side pcap against an IPv4-side pcap, streaming the report.</summary>
    /// <param name="v6Pcap">Capture on the IPv6 side of the translator.</param>
    /// <param name="v4Pcap">Capture on the IPv4 side of the translator.</param>
    /// <param name="translator">Router profile, prefix and pool.</param>
    /// <param name="rows">The rows written: failures only, or every row.</param>
    /// <param name="writers">Where the report goes.</param>
    /// <exception cref="PcapFormatException">A capture is malformed; rows judged before the fault were already written.</exception>
    public static ExchangeVerdict Verify(string v6Pcap, string v4Pcap, TranslatorSetup translator, ReportRows rows, params IReadOnlyList<IPairingReportWriter> writers)
    {
        ArgumentNullException.ThrowIfNull(translator);
        var pool = translator.Pool4;
        var mapping = new LearningAddressMapping(pool: pool is { } p ? p.Contains : null);
        var pairer = new Pairer(translator.Profile.Context(translator.Prefix, mapping, pool), ExchangeVerifier.Window);
        using var v6 = PcapReader.Open(v6Pcap);
        using var v4 = PcapReader.Open(v4Pcap);
        var report = PairingReport.Stream(pairer.Pair(v6.ReadPackets(), v4.ReadPackets()), v6Pcap, v4Pcap, rows, writers);
        return new ExchangeVerdict(translator.Profile, report, mapping.Learned.ToList());
    }
}
