using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.LiveCapture;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>A bounded capture keeps the first and the last frames of a long exchange, in order, within its limits.</summary>
[Trait("Category", "Unit")]
public sealed class BoundedPcapRecorderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20000);
    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-ring-").FullName;

    [Fact]
    public void Finish_LongExchange_KeepsHeadAndTail_AndSaysWhatWasLeftOut()
    {
        var path = Path.Combine(_directory, "long.pcap");
        using var recorder = new BoundedPcapRecorder(path, LinkTypes.Raw, new CaptureLimits(3, 1 << 20, 2, 1 << 20));

        for (var i = 0; i < 10; i++)
        {
            recorder.Add(T0.AddSeconds(i), Frame(i), 60);
        }

        var (written, headEnd, tailStart) = recorder.Finish();

        written.Should().Be(5);
        (headEnd, tailStart).Should().Be((T0.AddSeconds(2), T0.AddSeconds(8)));
        using var reader = PcapReader.Open(path);
        reader.ReadFrames().Select(f => (int)f.Data.Span[1]).Should().Equal(0, 1, 2, 8, 9);
    }

    [Fact]
    public void Finish_ShortExchange_IsWrittenWhole()
    {
        var path = Path.Combine(_directory, "short.pcap");
        using var recorder = new BoundedPcapRecorder(path, LinkTypes.Raw, CaptureLimits.Default);

        for (var i = 0; i < 4; i++)
        {
            recorder.Add(T0.AddSeconds(i), Frame(i), 60);
        }

        recorder.Finish().Should().Be((4L, (DateTimeOffset?)null, (DateTimeOffset?)null));
    }

    [Fact]
    public void Add_TailBoundInBytes_KeepsNoMoreThanItsBytes()
    {
        var path = Path.Combine(_directory, "bytes.pcap");
        using var recorder = new BoundedPcapRecorder(path, LinkTypes.Raw, new CaptureLimits(1, 1 << 20, 1000, 120));

        for (var i = 0; i < 10; i++)
        {
            recorder.Add(T0.AddSeconds(i), Frame(i), 60);
        }

        recorder.Finish().Written.Should().Be(3, "one head frame and two 60-byte tail frames fit 120 bytes");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Frame(int i)
    {
        var frame = new byte[60];
        frame[0] = 0x60;
        frame[1] = (byte)i;
        return frame;
    }
}
