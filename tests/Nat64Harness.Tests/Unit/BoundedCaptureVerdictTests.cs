using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The verdict on a bounded capture (a transfer's ring keeps its head and tail): every kept pair judged, a packet
/// whose partner the other side left out excused, and nothing else excused. Built from a real capture through Tayga
/// (fixtures/live-tayga-tcp-echo: ten packets each side), cut as a ring would cut it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BoundedCaptureVerdictTests : IDisposable
{
    private static readonly TranslatorSetup Tayga = new(RouterProfile.Tayga, Nat64Prefix.WellKnown, null);

    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-cut-").FullName;

    [Fact]
    public void Verify_IPv4SideCutInTheMiddle_JudgesEveryKeptPairAndExcusesThePartnersOfTheCut()
    {
        // Given the IPv4 capture without its packets #3..#5 (the data segment and its ACKs), as a ring would omit them,
        // all within a few milliseconds of the kept ones (the old margin of 250 ms around a cut judged none of them)
        var (v6, v4, gap) = Cut(omitV4: [3, 4, 5]);

        // When the pair is verified with the IPv4 side's omitted stretch
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga, null, new CaptureCoverage(null, null, gap));

        // Then the seven kept pairs are judged and conform, and the three IPv6 packets whose partner was cut are excused
        verdict.Report.Paired.Should().Be(7, verdict.ToString());
        verdict.Conforms.Should().BeTrue(verdict.ToString());
        verdict.Excused.Should().Be(3);
        verdict.ToString().Should().Contain("3 packets without a partner excused");
    }

    [Fact]
    public void Verify_CutCaptureWithAMistranslatedKeptPacket_Fails()
    {
        // Given the same cut, and the first kept IPv4 packet with a TTL one lower than Tayga's path gives
        var (v6, v4, gap) = Cut(omitV4: [3, 4, 5], mutateV4: (0, ip => ip[8]--));

        // When verified
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga, null, new CaptureCoverage(null, null, gap));

        // Then that pair fails on its TTL: a packet near a cut is judged like any other
        verdict.Conforms.Should().BeFalse();
        verdict.Report.Failed.Should().Be(1, verdict.ToString());
        verdict.ToString().Should().Contain("ipv4.ttl");
    }

    [Fact]
    public void Verify_PacketLostFarFromTheCut_IsLostNotExcused()
    {
        // Given the cut at the start, the exchange's last four packets 10 s later on both sides, and the last IPv4
        // packet missing although no capture omitted anything there
        var (v6, v4, gap) = Cut(omitV4: [3, 4, 5], lateFrom: 6, dropV4: 9);

        // When verified
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga, null, new CaptureCoverage(null, null, gap));

        // Then its IPv6 original is lost: only partners within the window of the stretch left out are excused
        verdict.Conforms.Should().BeFalse();
        verdict.Report.Lost.Should().Be(1, verdict.ToString());
        verdict.Excused.Should().Be(3);
    }

    [Fact]
    public void Verify_WholeCaptureWithAMissingPacket_ExcusesNothing()
    {
        // Given no bounded capture at all (no gap), and IPv4 packet #4 missing
        var (v6, v4, _) = Cut(omitV4: [4]);

        // When verified as whole captures
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga);

        // Then the IPv6 translation of the missing original is unexplained, not excused
        verdict.Conforms.Should().BeFalse();
        (verdict.Report.Lost + verdict.Report.Unexplained).Should().Be(1, verdict.ToString());
        verdict.Excused.Should().Be(0);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (string V6, string V4, (DateTimeOffset, DateTimeOffset) Gap) Cut(int[] omitV4, (int Index, Action<byte[]> Change)? mutateV4 = null, int? lateFrom = null, int? dropV4 = null)
    {
        var folder = Path.Combine(TestSettings.Current.Layout.Fixtures, "live-tayga-tcp-echo");
        var v6 = Path.Combine(_directory, "v6.pcap");
        var v4 = Path.Combine(_directory, "v4.pcap");
        var late = TimeSpan.FromSeconds(10);
        Copy(Path.Combine(folder, "before.pcap"), v6, p => (true, p.Ip.ToArray()));
        var kept = new List<DateTimeOffset>();
        Copy(Path.Combine(folder, "after.pcap"), v4, p =>
        {
            var ip = p.Ip.ToArray();
            if (mutateV4 is { } m && m.Index == p.Index)
            {
                m.Change(ip);
                RefreshIpv4HeaderChecksum(ip);
            }

            return (!omitV4.Contains((int)p.Index) && dropV4 != p.Index, ip);
        });

        using var reader = PcapReader.Open(Path.Combine(folder, "after.pcap"));
        var stamps = reader.ReadPackets().Select(p => p.Timestamp).ToList();
        return (v6, v4, (stamps[omitV4.Min() - 1], stamps[omitV4.Max() + 1]));

        void Copy(string from, string to, Func<CapturedPacket, (bool Keep, byte[] Ip)> change)
        {
            using var r = PcapReader.Open(from);
            using var w = PcapWriter.Create(to);
            foreach (var p in r.ReadPackets())
            {
                var (keep, ip) = change(p);
                if (keep)
                {
                    w.WriteIp(lateFrom is { } l && p.Index >= l ? p.Timestamp + late : p.Timestamp, ip);
                }
            }
        }
    }

    private static void RefreshIpv4HeaderChecksum(byte[] ip)
    {
        ip[10] = ip[11] = 0;
        var sum = Packets.InternetChecksum.Complement(Packets.InternetChecksum.Sum(ip.AsSpan(0, (ip[0] & 0xf) * 4)));
        (ip[10], ip[11]) = ((byte)(sum >> 8), (byte)sum);
    }
}
