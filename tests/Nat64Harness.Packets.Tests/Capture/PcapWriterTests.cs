using System.Diagnostics;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Capture;

public sealed class PcapWriterTests
{
    [Theory]
    [InlineData(LinkTypes.Raw)]      // what fixtures use
    [InlineData(LinkTypes.Ethernet)] // what a bridge capture looks like
    public void WriteIp_ThenRead_RoundTripsPacketsAndTimestamps(int linkType)
    {
        // Given
        var stream = new MemoryStream();
        var ts = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero).AddTicks(1230);
        using (var writer = new PcapWriter(stream, linkType, leaveOpen: true))
        {
            writer.WriteIp(ts, SamplePackets.Ipv4());
            writer.WriteIp(ts.AddSeconds(1), SamplePackets.Ipv6());
        }

        // When
        var (packets, _) = CaptureTestHelper.ReadAll(stream.ToArray());

        // Then
        packets.Should().HaveCount(2);
        packets[0].Timestamp.Should().Be(ts);
        packets[0].Ip.ToArray().Should().Equal(SamplePackets.Ipv4());
        packets[1].Ip.ToArray().Should().Equal(SamplePackets.Ipv6());
        packets[1].LinkType.Should().Be(linkType);
    }

    [Fact]
    public void Constructor_UnsupportedLinkType_Throws()
    {
        // Given / When
        var act = () => new PcapWriter(new MemoryStream(), LinkTypes.LinuxSll);

        // Then
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [SkippableFact]
    public void Create_WrittenFile_OpensInTcpdump()
    {
        // Given
        Skip.IfNot(File.Exists("/usr/bin/tcpdump") || File.Exists("/usr/sbin/tcpdump"), "tcpdump is not installed at /usr/bin or /usr/sbin");
        var path = Path.Combine(Path.GetTempPath(), $"nat64h-writer-{Guid.NewGuid():N}.pcap");
        try
        {
            using (var writer = PcapWriter.Create(path, LinkTypes.Raw))
            {
                writer.WriteIp(DateTimeOffset.UnixEpoch.AddSeconds(1), SamplePackets.Ipv4());
                writer.WriteIp(DateTimeOffset.UnixEpoch.AddSeconds(2), SamplePackets.Ipv6());
            }

            // When
            var info = new ProcessStartInfo(File.Exists("/usr/bin/tcpdump") ? "/usr/bin/tcpdump" : "/usr/sbin/tcpdump", ["-nr", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var tcpdump = Process.Start(info)!;
            var output = tcpdump.StandardOutput.ReadToEnd();
            var error = tcpdump.StandardError.ReadToEnd();
            tcpdump.WaitForExit(10_000).Should().BeTrue();

            // Then
            tcpdump.ExitCode.Should().Be(0, error);
            error.Should().Contain("RAW");
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2);
            output.Should().Contain("100.100.100.100").And.Contain("IP6");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
