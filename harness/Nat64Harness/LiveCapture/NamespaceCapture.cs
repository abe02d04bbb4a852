using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using Nat64Harness.Capture;
using Nat64Harness.Containers;
using Nat64Harness.Docker;
using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// tcpdump inside a container's network namespace (a VPN's TUN is visible nowhere else), streamed to the host as
/// it captures: nothing is stored in the container, the host counts every packet (<see cref="CaptureTally"/>) and
/// writes the pcap within <see cref="CaptureLimits"/>. tcpdump listens on "any" restricted to the device's index,
/// so each frame carries Linux cooked v2 with its direction (what the namespace's kernel sent into the device, and
/// what came out of it: on a TUN, the packets the VPN wrote). `--immediate-mode -U` so nothing waits in a buffer.
/// </summary>
public sealed partial class NamespaceCapture : IRunningCapture
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);

    private readonly HarnessContainer _container;
    private readonly DockerClient _client;
    private readonly MultiplexedStream _stream;
    private readonly string _pidFile;
    private readonly BoundedPcapRecorder _recorder;
    private readonly CaptureTally _tally;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<bool> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 4 << 20, resumeWriterThreshold: 2 << 20));
    private Task? _pump;
    private Task? _parse;
    private Exception? _parseError;
    private long _lastArrival = DateTime.UtcNow.Ticks;
    private bool _stopped;

    private NamespaceCapture(CapturePoint point, HarnessContainer container, DockerClient client, MultiplexedStream stream, string pidFile, BoundedPcapRecorder recorder, CaptureTally tally, string path)
    {
        Point = point;
        _container = container;
        _client = client;
        _stream = stream;
        _pidFile = pidFile;
        _recorder = recorder;
        _tally = tally;
        Path = path;
    }

    /// <inheritdoc />
    public CapturePoint Point { get; }

    /// <summary>The pcap on the host, complete when the capture stops.</summary>
    public string Path { get; }

    /// <summary>
    /// Starts tcpdump on <paramref name="device"/> inside <paramref name="container"/> and streams it out; returns
    /// once it listens. <paramref name="direction"/> is tcpdump's -Q (in, out or inout); <paramref name="filter"/> a BPF
    /// filter on top of the device's (empty: every packet of the device).
    /// </summary>
    public static async Task<NamespaceCapture> StartAsync(CapturePoint point, HarnessContainer container, string device, string path, string direction = "inout", IEnumerable<IPNetwork>? far = null, CaptureLimits? limits = null, CancellationToken ct = default, string filter = "")
    {
        var pidFile = $"/tmp/nat64h-capture-{Guid.NewGuid():N}.pid";
        var script = $"echo $$ >{pidFile}; index=$(cat /sys/class/net/{device}/ifindex) || exit 3; " +
            $"exec tcpdump -p -n -i any -y LINUX_SLL2 -Q {direction} -s 0 -U --immediate-mode -B 8192 -w - \"ifindex $index{(filter.Length == 0 ? "" : $" and ({filter})")}\"";
        var client = DockerEngine.CreateClient();
        MultiplexedStream? stream = null;
        BoundedPcapRecorder? recorder = null;
        try
        {
            var exec = await client.Exec.CreateContainerExecAsync(container.Id, new ContainerExecCreateParameters
            {
                Cmd = ["sh", "-c", script],
                AttachStdout = true,
                AttachStderr = true,
            }, ct).ConfigureAwait(false);
            stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false }, ct).ConfigureAwait(false);
            recorder = new BoundedPcapRecorder(path, LinkTypes.LinuxSll2, limits ?? CaptureLimits.Default);
            var capture = new NamespaceCapture(point, container, client, stream, pidFile, recorder, new CaptureTally(far ?? []), path);
            capture.Begin();
            var ready = await Task.WhenAny(capture._listening.Task, Task.Delay(TimeSpan.FromSeconds(10), ct)).ConfigureAwait(false);
            if (ready != capture._listening.Task || !await capture._listening.Task.ConfigureAwait(false))
            {
                var said = capture.Stderr;
                await capture.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"tcpdump on {device} in {container.Name} did not start listening{(ready == capture._listening.Task ? "" : " within 10 s")}: {said}");
            }

            return capture;
        }
        catch when (recorder is null)
        {
            stream?.Dispose();
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops tcpdump once nothing has arrived for <paramref name="settle"/> (it may lag behind on a loaded machine, and
    /// what it has not read when it stops is lost), drains what it wrote, and returns the finished pcap with its counts.
    /// </summary>
    public async Task<CaptureFile> StopAsync(TimeSpan settle, CancellationToken ct = default)
    {
        await CaptureDrain.UntilQuietAsync(() => new DateTime(Interlocked.Read(ref _lastArrival), DateTimeKind.Utc), settle, ct).ConfigureAwait(false);
        _stopped = true;
        await _container.ExecAsync(["sh", "-c", $"kill -INT $(cat {_pidFile}) 2>/dev/null; rm -f {_pidFile}"], ct).ConfigureAwait(false);
        var finished = Task.WhenAll(_pump!, _parse!);
        if (await Task.WhenAny(finished, Task.Delay(Drain, ct)).ConfigureAwait(false) != finished)
        {
            await DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"tcpdump in {_container.Name} did not finish its stream within {Drain.TotalSeconds:F0} s of SIGINT: {Stderr}");
        }

        await finished.ConfigureAwait(false);
        if (_parseError is not null)
        {
            throw new InvalidOperationException($"the capture streamed from {_container.Name} could not be read: {_parseError.Message}", _parseError);
        }

        var match = DroppedByKernel().Match(Stderr);
        _tally.AddCaptureDrops(match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
        var (written, headEnd, tailStart) = _recorder.Finish();
        var summary = _tally.Summarize(written, headEnd, tailStart);
        Release();
        return new CaptureFile(Point, Path, written) { Summary = summary };
    }

    /// <summary>Kills tcpdump when the capture was never stopped (the exchange failed); best effort.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            try
            {
                await _container.ExecAsync(["sh", "-c", $"kill -9 $(cat {_pidFile}) 2>/dev/null; rm -f {_pidFile}"]).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The container may be gone already; its removal takes tcpdump with it.
            }
        }

        Release();
    }

    private string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    private void Begin()
    {
        _pump = Task.Run(PumpAsync);
        _parse = Task.Factory.StartNew(Parse, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    // Splits the exec's multiplexed output: stdout is the pcap, stderr tcpdump's messages ("listening on", drop counts).
    private async Task PumpAsync()
    {
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                var read = await _stream.ReadOutputAsync(buffer, 0, buffer.Length, CancellationToken.None).ConfigureAwait(false);
                if (read.EOF)
                {
                    break;
                }

                if (read.Target == MultiplexedStream.TargetStream.StandardOut)
                {
                    await _pipe.Writer.WriteAsync(buffer.AsMemory(0, read.Count)).ConfigureAwait(false);
                    continue;
                }

                lock (_stderr)
                {
                    if (_stderr.Length < 8192)
                    {
                        _stderr.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
                    }

                    if (_stderr.ToString().Contains("listening on", StringComparison.Ordinal))
                    {
                        _listening.TrySetResult(true);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The stream was closed under us (disposed); what arrived is kept.
        }
        finally
        {
            _listening.TrySetResult(false);
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void Parse()
    {
        try
        {
            using var input = _pipe.Reader.AsStream();
            if (!HasData(input, out var stream))
            {
                return;
            }

            using var reader = new PcapReader(stream, $"tcpdump in {_container.Name}");
            foreach (var frame in reader.ReadFrames())
            {
                var data = frame.Data.Span;
                Interlocked.Exchange(ref _lastArrival, DateTime.UtcNow.Ticks);
                _recorder.Add(frame.Timestamp, data, frame.OriginalLength);
                _tally.AddFrame(frame.LinkType, frame.Timestamp, data, frame.IsTruncated);
            }
        }
        catch (Exception e) when (e is PcapFormatException or IOException)
        {
            _parseError = e;
        }
    }

    // tcpdump writes its file header with the first packet (or at exit): an exchange with no packet may leave no bytes at all.
    private static bool HasData(Stream input, out Stream stream)
    {
        var first = input.ReadByte();
        stream = first < 0 ? Stream.Null : new PrefixedStream((byte)first, input);
        return first >= 0;
    }

    private void Release()
    {
        _recorder.Dispose();
        _stream.Dispose();
        _client.Dispose();
    }

    [GeneratedRegex(@"(\d+) packets? dropped by kernel")]
    private static partial Regex DroppedByKernel();
}
