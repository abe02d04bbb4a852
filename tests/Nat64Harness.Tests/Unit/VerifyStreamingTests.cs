using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Nat64Harness.Cli;
using Nat64Harness.Replay;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>`nat64h verify` streams its report: rows as they are judged, and a capture cut short is named after them.</summary>
[Trait("Category", "Unit")]
public sealed class VerifyStreamingTests : IDisposable
{
    // A Tayga capture of 20 packets a side, classic pcap.
    private const string Fixture = "live-tayga-siit40-tcp-echo-both-ways";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"nat64h-verify-{Guid.NewGuid():N}");

    public VerifyStreamingTests() => Directory.CreateDirectory(_folder);

    private static string FixtureFolder => Path.Combine(TestSettings.Current.Layout.Fixtures, Fixture);

    private static string Prefix => ScenarioFile.Load(Path.Combine(FixtureFolder, ScenarioFile.FileName)).Prefix;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Verify_WholeCapture_ExitsZeroWithEveryRowAndTheSummary()
    {
        // Given / When: the negative of the truncated case below — the same capture, whole
        var (exit, output, error) = Run(Path.Combine(FixtureFolder, "before.pcap"), json: false);

        // Then
        exit.Should().Be(0, error);
        error.Should().BeEmpty();
        output.Should().Contain("\n    1  ").And.Contain("Summary: ").And.Contain("CONFORMS");
    }

    [Fact]
    public void Verify_CaptureCutInsideAPacket_NamesFileAndPacketAfterTheRowsAlreadyStreamed()
    {
        // Given: the IPv6-side capture cut in the middle of packet #12's data
        var cut = Truncated(packetIndex: 12);

        // When
        var (exit, output, error) = Run(cut, json: false);

        // Then: rows judged before the cut are out (before the error, on the one console), the summary is not; the error
        // names the file and the packet
        exit.Should().Be(2);
        output.Should().Contain("\n    1  ", "rows judged before the fault were streamed").And.NotContain("Summary: ");
        error.Should().Contain(cut).And.Contain("packet #12").And.Contain("truncated record");
        var console = Interleaved(cut);
        console.IndexOf("nat64h verify: ", StringComparison.Ordinal).Should().BeGreaterThan(console.LastIndexOf("\n    1  ", StringComparison.Ordinal), "the error comes after the rows already judged");
    }

    [Fact]
    public void Verify_CaptureCutInsideAPacket_AsJsonLines_LeavesOnlyWholeRowLines()
    {
        // Given
        var cut = Truncated(packetIndex: 12);

        // When
        var (exit, output, error) = Run(cut, json: true);

        // Then: every line written is a whole row object, there is no summary line, the error names file and packet
        exit.Should().Be(2);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        lines.Should().NotBeEmpty();
        lines.Select(l => (string)l["record"]!).Should().AllBe("row");
        error.Should().Contain(cut).And.Contain("packet #12");
    }

    [Fact]
    public void Verify_WholeCaptureAsJsonLines_EndsWithTheSummary()
    {
        // When
        var (exit, output, _) = Run(Path.Combine(FixtureFolder, "before.pcap"), json: true);

        // Then
        exit.Should().Be(0);
        var last = JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
        ((string)last["record"]!).Should().Be("summary");
        ((string)last["router"]!).Should().Be("tayga");
        ((bool)last["conforms"]!).Should().BeTrue();
    }

    private static (int Exit, string Output, string Error) Run(string before, bool json)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var exit = VerifyCommand.Execute(before, Path.Combine(FixtureFolder, "after.pcap"), Prefix, "tayga", pool: null, json, all: true, output, error);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    // Output and error as one console sees them: in the order they were written.
    private static string Interleaved(string before)
    {
        var console = new StringWriter();
        using var output = new ConsoleStream(console);
        VerifyCommand.Execute(before, Path.Combine(FixtureFolder, "after.pcap"), Prefix, "tayga", pool: null, json: false, all: true, output, console);
        return console.ToString();
    }

    // Copies the fixture's classic pcap up to the middle of one packet's data.
    private string Truncated(int packetIndex)
    {
        var bytes = File.ReadAllBytes(Path.Combine(FixtureFolder, "before.pcap"));
        var offset = 24; // file header
        for (var i = 0; i < packetIndex; i++)
        {
            offset += 16 + BitConverter.ToInt32(bytes, offset + 8); // record header, incl_len (little-endian file)
        }

        var path = Path.Combine(_folder, "before-cut.pcap");
        File.WriteAllBytes(path, bytes[..(offset + 16 + (BitConverter.ToInt32(bytes, offset + 8) / 2))]);
        return path;
    }

    /// <summary>Bytes written to it appear as text on a shared writer (UTF-8, whole writes).</summary>
    private sealed class ConsoleStream(StringWriter console) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => console.Write(Encoding.UTF8.GetString(buffer, offset, count));
    }
}
