using System.Net;
using FluentAssertions;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// When a bridge capture stops, and what it owns up to: a reader left behind by the kernel is reported as behind (not
/// as drained), and what it never took counts as the capture's own loss, so a failed exchange blames the capture, not
/// the translation. The figures are those of the soak run that found it: a v4 capture that read 11222 of 92791.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CaptureDrainTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task UntilQuiet_ReaderCaughtUpAndQuiet_ReturnsTrueBeforeTheLimit()
    {
        var last = DateTime.UtcNow - TimeSpan.FromSeconds(1);

        var drained = await CaptureDrain.UntilQuietAsync(() => last, Quiet, CancellationToken.None, () => true, TimeSpan.FromSeconds(5));

        drained.Should().BeTrue();
    }

    [Fact]
    public async Task UntilQuiet_ReaderNeverCatchesUp_ReturnsFalseAtTheLimit()
    {
        var last = DateTime.UtcNow - TimeSpan.FromSeconds(1);

        var drained = await CaptureDrain.UntilQuietAsync(() => last, Quiet, CancellationToken.None, () => false, TimeSpan.FromMilliseconds(200));

        drained.Should().BeFalse("the kernel holds packets the reader has not taken");
    }

    [Fact]
    public async Task UntilQuiet_PacketsStillArriving_ReturnsFalseAtTheLimit()
    {
        var drained = await CaptureDrain.UntilQuietAsync(() => DateTime.UtcNow, TimeSpan.FromSeconds(1), CancellationToken.None, () => true, TimeSpan.FromMilliseconds(200));

        drained.Should().BeFalse();
    }

    [Theory]
    [InlineData(92791, 0, 11222, 81569)] // the reader stopped 0.8 s into the transfer; the kernel counted on
    [InlineData(92791, 1000, 11222, 80569)] // the kernel's own drops are in its received count, and counted apart
    [InlineData(11222, 0, 11222, 0)] // caught up
    [InlineData(11200, 0, 11222, 0)] // read more than counted (counters read at different moments): no negative loss
    public void Unread_IsWhatTheKernelTookInLessItsDropsAndWhatWasRead(long received, long dropped, long read, long unread) =>
        BridgeCapture.Unread(received, dropped, read).Should().Be(unread);

    [Fact]
    public void IncompleteEvidence_ACaptureLostPackets_TheFailureSaysSoFirst_AndNamesIt()
    {
        var run = Transfer(v4Drops: 81569);

        CaptureEvidence.IncompleteEvidence(run).Should()
            .StartWith("The evidence is incomplete: the capture at the v4 bridge lost 81569 packets of its own.")
            .And.NotContain("v6 bridge");
    }

    [Fact]
    public void IncompleteEvidence_NoCaptureLostAny_SaysNothing() =>
        CaptureEvidence.IncompleteEvidence(Transfer(v4Drops: 0)).Should().BeEmpty();

    [Fact]
    public void IncompleteEvidence_AReaderThatStoppedWithAnError_IsTold_EvenWithNoPacketCountedLost()
    {
        var fault = BridgeCapture.Fault(new DateTimeOffset(2026, 12, 4, 0, 18, 46, 648, TimeSpan.Zero), "recvfrom: Network is down\n");

        var text = CaptureEvidence.IncompleteEvidence(Transfer(v4Drops: 0, v4Reader: fault));

        text.Should().StartWith("The evidence is incomplete: the capture at the v4 bridge lost 0 packets of its own (its reader stopped with an error at 00:18:46.648 UTC: recvfrom: Network is down)");
    }

    [Fact]
    public void Fault_WithoutAMessage_SaysLibpcapGaveNone() =>
        BridgeCapture.Fault(DateTimeOffset.UnixEpoch, " ").Should().EndWith("libpcap gave no message");

    [Fact]
    public void Behind_NamesWhatTheKernelHandedWhatWasReadAndWhenTheLastWasRead() =>
        BridgeCapture.Behind(92791, 0, 11222, 81569, new DateTimeOffset(2026, 12, 4, 0, 18, 46, 648, TimeSpan.Zero), TimeSpan.FromSeconds(10)).Should().Be(
            "its reader was 81569 packets behind when the capture closed after the 10 s drain limit: the kernel handed it 92791 (of which 0 dropped), it read 11222, the last at 00:18:46.648 UTC");

    [Fact]
    public void Diagnosis_ACaptureWhoseReaderWentWrong_ListsItAmongTheFacts()
    {
        var diagnosis = ExchangeDiagnoser.Diagnose(Transfer(v4Drops: 81569, v4Reader: "its reader was 81569 packets behind"));

        diagnosis.Evidence.Should().Contain("the capture at the v4 bridge itself lost 81569 packets (counts there are a lower bound): its reader was 81569 packets behind");
    }

    private static ExchangeRun Transfer(long v4Drops, string? v4Reader = null)
    {
        var exchange = new Exchange(ExchangeKind.Tcp, IPAddress.IPv6Loopback);
        CaptureFile Capture(CapturePoint point, long drops, string? reader) => new(point, $"{point.Name}.pcap", 4000)
        {
            Summary = new CaptureSummary(92791, 4000, null, null, drops, DirectionSummary.Empty, DirectionSummary.Empty, []) { Reader = reader },
        };
        return new ExchangeRun("transfer-50mib", exchange, new ProbeResult { Exchange = exchange, Ok = true },
            [Capture(CapturePoint.V6Bridge, 0, null), Capture(CapturePoint.V4Bridge, v4Drops, v4Reader)]);
    }
}
