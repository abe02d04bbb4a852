using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Nat64Harness.Replay;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class ReplayLinkTypesTests
{
    [Fact]
    public void VerifyPair_EthernetBeforeAndRawAfter_PairsAcrossLinkTypes()
    {
        // Given: the bridge capture is Ethernet, the in-namespace capture raw IP
        var directory = Directory.CreateTempSubdirectory("nat64h-replay-");
        try
        {
            var (req6, req4) = TranslationPairs.Udp6To4();
            var (rep4, rep6) = TranslationPairs.Udp4To6();
            var t = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
            using (var before = PcapWriter.Create(Path.Combine(directory.FullName, "v6.pcap"), LinkTypes.Ethernet))
            using (var after = PcapWriter.Create(Path.Combine(directory.FullName, "v4.pcap"), LinkTypes.Raw))
            {
                before.WriteIp(t, req6.Build());
                after.WriteIp(t.AddMilliseconds(1), req4.Build());
                after.WriteIp(t.AddMilliseconds(2), rep4.Build());
                before.WriteIp(t.AddMilliseconds(3), rep6.Build());
            }

            // When
            var report = Replayer.VerifyPair(
                Path.Combine(directory.FullName, "v6.pcap"), Path.Combine(directory.FullName, "v4.pcap"), Nat64Prefix.WellKnown, TranslationPairs.Context().Mapping);

            // Then
            report.Conforms.Should().BeTrue(report.ToText());
            report.Passed.Should().Be(2);
            report.ToText().Should().Contain("CONFORMS");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void VerifyPair_LearningMappingWithoutScenario_StillConforms()
    {
        // Given: no mapping given at all — the pool address is learned from the first pair
        var folder = Path.Combine(RepositoryPaths.Fixtures, "tcp-handshake-and-data");

        // When
        var report = Replayer.VerifyPair(Path.Combine(folder, Replayer.BeforeFile), Path.Combine(folder, Replayer.AfterFile), Nat64Prefix.WellKnown);

        // Then
        report.Conforms.Should().BeTrue(report.ToText());
        report.Passed.Should().Be(4);
        report.Rows.Should().OnlyContain(r => r.Outcome == PairingOutcome.Paired);
    }
}
