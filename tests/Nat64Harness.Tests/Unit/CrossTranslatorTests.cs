using System.Net;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The cross-translator table on stored captures: nothing where outputs agree, the field and clause where they do not.</summary>
[Trait("Category", "Unit")]
public sealed class CrossTranslatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-cross-").FullName;

    [Fact]
    public void Compare_SameCapturesTwice_FindsNoDifference()
    {
        var run = Run(Fixture("live-tayga-udp-echo", "before.pcap"), Fixture("live-tayga-udp-echo", "after.pcap"));

        CrossTranslator.Compare("udp-echo", run, run).Should().BeEmpty();
    }

    [Fact]
    public void Compare_TranslationWithDfCleared_NamesFieldPacketAndClause()
    {
        // Given the same exchange where the second translator cleared DF on the first IPv4 packet
        var after = Fixture("live-tayga-udp-echo", "after.pcap");
        var mutated = Path.Combine(_directory, "after-df0.pcap");
        using (var reader = PcapReader.Open(after))
        using (var writer = PcapWriter.Create(mutated))
        {
            foreach (var p in reader.ReadPackets())
            {
                var ip = p.Ip.ToArray();
                if (p.Index == 0)
                {
                    ip[6] &= 0xbf;
                    ip[10] = ip[11] = 0;
                    var sum = Packets.InternetChecksum.Complement(Packets.InternetChecksum.Sum(ip.AsSpan(0, 20)));
                    (ip[10], ip[11]) = ((byte)(sum >> 8), (byte)sum);
                }

                writer.WriteIp(p.Timestamp, ip);
            }
        }

        // When both are compared
        var rows = CrossTranslator.Compare("udp-echo", Run(Fixture("live-tayga-udp-echo", "before.pcap"), after), Run(Fixture("live-tayga-udp-echo", "before.pcap"), mutated));

        // Then exactly that field of that packet is reported, with its clause
        rows.Should().ContainSingle().Which.Should().Match<CrossDifference>(r =>
            r.Side == "v4" && r.Packet == 0 && r.Field == "ipv4.df" && r.A == "True" && r.B == "False" && r.Rfc.Contains("RFC 7915 §5.1"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Fixture(string folder, string file) => Path.Combine(TestSettings.Current.Layout.Fixtures, folder, file);

    private static ExchangeRun Run(string v6, string v4)
    {
        var exchange = new Exchange(ExchangeKind.Udp, IPAddress.IPv6Loopback);
        return new("udp-echo", exchange, new ProbeResult { Exchange = exchange, Ok = true },
            [new CaptureFile(CapturePoint.V6Bridge, v6, null), new CaptureFile(CapturePoint.V4Bridge, v4, null)]);
    }
}
