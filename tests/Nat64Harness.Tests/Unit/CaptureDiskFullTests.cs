using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Cli;
using Nat64Harness.LiveCapture;
using Nat64Harness.Tests.Support;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// A capture on a disk that fills up (a real tmpfs, the kernel's ENOSPC): a clear error naming the file, and no
/// half-written pcap left under a name that a reader of the run folder would take for evidence.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CaptureDiskFullTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20000);

    [Fact]
    public void Finish_DiskFillsDuringTheHead_ThrowsNamingTheFile_AndSetsThePcapAside()
    {
        // Given a 64 KiB disk; When a capture of 300 frames of 1000 bytes, all meant for the file, is offered every
        // frame (no exception while capturing) and finishes
        using var disk = SmallDisk.Mount(64);
        var path = Path.Combine(disk.Path, "01-tcp-echo-v6.pcap");
        using var recorder = Record(path, 300, CaptureLimits.Default);
        var finish = () => recorder.Finish();

        // Then the error names the file, how far it got and the system's reason, and only a .partial file remains
        var error = finish.Should().Throw<CaptureWriteException>().Which;
        error.Message.Should().Contain(path).And.Contain("of 300 frames").And.Contain("No space left on device").And.Contain("not evidence");
        error.Path.Should().Be(path);
        File.Exists(path).Should().BeFalse("a half-written pcap must not stay under its own name");
        File.Exists(path + CaptureWriteException.PartialSuffix).Should().BeTrue();
        error.KeptAs.Should().Be(path + CaptureWriteException.PartialSuffix);
    }

    [Fact]
    public void Finish_SameCaptureWithRoom_WritesThePcapWhole()
    {
        // Given the same capture on a disk with room for it
        using var disk = SmallDisk.Mount(1024);
        var path = Path.Combine(disk.Path, "01-tcp-echo-v6.pcap");
        using var recorder = Record(path, 300, CaptureLimits.Default);

        // When it finishes
        var (written, _, _) = recorder.Finish();

        // Then every frame is in the pcap and nothing is set aside
        written.Should().Be(300);
        using (var reader = PcapReader.Open(path))
        {
            reader.ReadFrames().Count().Should().Be(300);
        }

        File.Exists(path + CaptureWriteException.PartialSuffix).Should().BeFalse();
    }

    [Fact]
    public void Finish_DiskFullWhenTheTailIsWritten_Throws()
    {
        // Given a capture that keeps 2 frames at the head and its last 300 in memory, on a 64 KiB disk
        using var disk = SmallDisk.Mount(64);
        var path = Path.Combine(disk.Path, "04-transfer-v4.pcap");
        using var recorder = Record(path, 1000, new CaptureLimits(2, 1 << 20, 300, 1 << 20));

        // When the tail is written at the end
        var finish = () => recorder.Finish();

        // Then that failure is reported like any other, counting every frame offered
        finish.Should().Throw<CaptureWriteException>().Which.Message.Should().Contain("of 1000 frames").And.Contain("No space left on device");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void Dispose_UnfinishedCaptureOnAFullDisk_DoesNotThrow_AndSetsThePcapAside()
    {
        // Given a full disk and a capture that failed before it could be finished
        using var disk = SmallDisk.Mount(64);
        disk.Fill();
        var path = Path.Combine(disk.Path, "05-x-v6.pcap");
        var recorder = Record(path, 100, CaptureLimits.Default);

        // When it is disposed (the exchange's own error is on its way), Then it closes quietly, and the incomplete
        // file is set aside like a finished one
        recorder.Invoking(r => r.Dispose()).Should().NotThrow();
        File.Exists(path).Should().BeFalse("a half-written pcap must not stay under its own name");
        File.Exists(path + CaptureWriteException.PartialSuffix).Should().BeTrue();
    }

    [Fact]
    public void CliLog_OnAFullDisk_KeepsTheRunGoing_AndSaysWhy()
    {
        // Given the CLI's log on a disk that is full
        using var disk = SmallDisk.Mount(64);
        disk.Fill();
        using var terminal = new StringWriter();
        using var output = CliOutput.Start(disk.Path, "run", verbose: false, terminal);

        // When lines are logged and printed
        for (var i = 0; i < 100; i++)
        {
            output.Log.WriteLine($"library line {i}");
            output.Line($"terminal line {i}");
        }

        // Then the terminal has every line and the log says why it stopped
        terminal.ToString().Should().Contain("terminal line 99");
        output.LogFailure.Should().NotBeNull();
        output.LogFailure!.Message.Should().Contain("No space left on device");
    }

    [Fact]
    public void CliLog_WithRoom_HasNoFailure()
    {
        // Given the CLI's log on a disk with room; When lines are logged
        using var disk = SmallDisk.Mount(1024);
        using var terminal = new StringWriter();
        using (var output = CliOutput.Start(disk.Path, "run", verbose: false, terminal))
        {
            output.Log.WriteLine("library line");
            output.Line("terminal line");
            output.LogFailure.Should().BeNull();
        }

        // Then the file holds both
        File.ReadAllText(Directory.GetFiles(disk.Path, "*.log").Single()).Should().Contain("library line").And.Contain("terminal line");
    }

    // A capture offered `frames` frames of 1000 bytes, not yet finished.
    private static BoundedPcapRecorder Record(string path, int frames, CaptureLimits limits)
    {
        var recorder = new BoundedPcapRecorder(path, LinkTypes.Raw, limits);
        for (var i = 0; i < frames; i++)
        {
            recorder.Add(T0.AddMilliseconds(i), Frame(i, 1000), 1000);
        }

        return recorder;
    }

    private static byte[] Frame(int i, int length)
    {
        var frame = new byte[length];
        frame[0] = 0x60;
        frame[1] = (byte)i;
        return frame;
    }
}
