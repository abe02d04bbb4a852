using System.Globalization;
using System.Net;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// A live capture on one Docker bridge, in promiscuous mode (without it frames between two containers are
/// invisible on the bridge), through a BPF filter set around the action. Every frame is counted
/// (<see cref="CaptureTally"/>) and written within <see cref="CaptureLimits"/> with the product's one pcap writer
/// (Ethernet link type), so Wireshark and tcpdump open it.
/// </summary>
public sealed class BridgeCapture : IRunningCapture
{
    private readonly LibPcapLiveDevice _device;
    private readonly BoundedPcapRecorder _recorder;
    private readonly CaptureTally _tally;
    private readonly object _writeLock = new();
    private CaptureSummary? _summary;
    private long _lastArrival = DateTime.UtcNow.Ticks;
    private readonly DateTimeOffset _opened;
    private bool _stopped;
    private string? _readerFault;

    private BridgeCapture(CapturePoint point, LibPcapLiveDevice device, BoundedPcapRecorder recorder, CaptureTally tally, string path, DateTimeOffset opened)
    {
        Point = point;
        _opened = opened;
        _device = device;
        _recorder = recorder;
        _tally = tally;
        Path = path;
    }

    /// <inheritdoc />
    public CapturePoint Point { get; }

    /// <inheritdoc />
    public string Path { get; }

    /// <summary>Whether libpcap ended the capture's reader on its own, with an error (the capture reads nothing more).</summary>
    internal bool ReaderFaulted
    {
        get
        {
            lock (_writeLock)
            {
                return _readerFault is not null;
            }
        }
    }

    /// <summary>Frames seen so far.</summary>
    public long Packets
    {
        get
        {
            lock (_writeLock)
            {
                return _recorder.Frames;
            }
        }
    }

    /// <summary>
    /// The host's interface named <paramref name="bridge"/>. SharpPcap reads the whole list (every interface with its
    /// addresses, through .NET's reader), and that reader throws ArgumentException ("An invalid IP address was
    /// specified") when an interface changes while it reads: measured in CI with the Docker tests in two lanes, the
    /// other lane's topology creating and removing its veths meanwhile. The list is read again then, up to
    /// <see cref="ListAttempts"/> times, 50 ms apart; an error that outlasts them names the bridge.
    /// </summary>
    private static LibPcapLiveDevice? FindDevice(string bridge) =>
        ReadInterfaceList(bridge, () => LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == bridge), () => Thread.Sleep(50));

    /// <summary>
    /// Runs <paramref name="read"/> (a read of the host's interface list for <paramref name="bridge"/>) until it returns,
    /// <paramref name="pause"/> between tries, at most <see cref="ListAttempts"/> times; only .NET's
    /// <see cref="ArgumentException"/> (not a null argument) is tried again.
    /// </summary>
    internal static T ReadInterfaceList<T>(string bridge, Func<T> read, Action pause)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return read();
            }
            catch (ArgumentException e) when (e is not ArgumentNullException)
            {
                if (attempt == ListAttempts)
                {
                    throw new InvalidOperationException($"capture on {bridge}: the host's interface list could not be read in {ListAttempts} tries: {e.Message}", e);
                }

                pause();
            }
        }
    }

    /// <summary>How many times the interface list is read before its error counts.</summary>
    internal const int ListAttempts = 10;

    /// <summary>Opens <paramref name="bridge"/> and starts counting and writing what passes <paramref name="filter"/> to <paramref name="path"/>, within <see cref="CaptureLimits.Default"/>.</summary>
    public static BridgeCapture Start(CapturePoint point, string bridge, string filter, string path) =>
        Start(point, bridge, filter, path, [], CaptureLimits.Default);

    /// <summary>Opens <paramref name="bridge"/> and starts counting and writing what passes <paramref name="filter"/> to <paramref name="path"/>.</summary>
    /// <param name="point">The capture point it fills.</param>
    /// <param name="bridge">The Linux bridge.</param>
    /// <param name="filter">BPF filter, empty for everything.</param>
    /// <param name="path">The pcap.</param>
    /// <param name="far">The echo server's side: packets addressed there are outbound.</param>
    /// <param name="limits">How much of the exchange the pcap keeps.</param>
    public static BridgeCapture Start(CapturePoint point, string bridge, string filter, string path, IEnumerable<IPNetwork> far, CaptureLimits limits)
    {
        LibPcapLiveDevice device;
        try
        {
            device = FindDevice(bridge) ?? throw new InvalidOperationException($"capture: no interface named {bridge} (is the network created?)");
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException("capture: libpcap is not installed (apt-get install libpcap0.8, or run harness/setup-host.sh)", e);
        }

        // Packets come in batches (a block every 20 ms, or sooner when full) rather than one wake-up each: a bulk
        // transfer on a loaded machine must not outrun the callback. The 16 MiB kernel buffer holds what waits.
        device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous, ReadTimeout = 20, Immediate = false, Snaplen = 65535, BufferSize = 16 << 20 });
        DateTimeOffset opened;
        try
        {
            // Setting the filter flushes what the socket held unfiltered; from here every packet the filter passes is kept.
            device.Filter = filter;
            opened = DateTimeOffset.UtcNow;
        }
        catch (PcapException e)
        {
            device.Close();
            throw new ArgumentException($"capture on {bridge}: BPF filter '{filter}' rejected: {e.Message}", nameof(filter), e);
        }

        BoundedPcapRecorder recorder;
        try
        {
            // A Linux bridge is an Ethernet device (ARPHRD_ETHER), so its frames are DLT_EN10MB: written as such.
            recorder = new BoundedPcapRecorder(path, LinkTypes.Ethernet, limits);
        }
        catch
        {
            device.Close();
            throw;
        }

        var capture = new BridgeCapture(point, device, recorder, new CaptureTally(far), path, opened);
        device.OnPacketArrival += capture.OnPacket;
        device.OnCaptureStopped += capture.OnReaderStopped;
        device.StartCapture();
        return capture;
    }

    /// <summary>
    /// Waits until nothing has arrived for <paramref name="settle"/> (packets in flight crossed, and the callback has
    /// read what the kernel buffered: closing the device discards what it has not), at most <see cref="CaptureDrain.Limit"/>, then stops.
    /// </summary>
    public async Task<CaptureFile> StopAsync(TimeSpan settle, CancellationToken ct = default)
    {
        var caughtUp = await CaptureDrain.UntilQuietAsync(() => new DateTime(Interlocked.Read(ref _lastArrival), DateTimeKind.Utc), settle, ct, CaughtUp).ConfigureAwait(false);
        Stop(countUnread: !caughtUp);
        return new CaptureFile(Point, Path, _summary!.Written) { Summary = _summary };
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        try
        {
            Stop(countUnread: false);
        }
        catch (CaptureWriteException)
        {
            // Disposed without StopAsync: the exchange failed already, and its error is the one to report; the
            // incomplete file is set aside as *.partial all the same.
        }

        return ValueTask.CompletedTask;
    }

    // libpcap's count of what the kernel handed the socket, against what the callback has read and what the ring dropped.
    private bool CaughtUp()
    {
        try
        {
            var counts = PcapCounters.Read(_device);
            return counts.Received <= Packets + counts.Dropped;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>
    /// Packets the kernel handed the capture's socket that its reader never took: closing the device discards them, so
    /// they are the capture's own loss like the kernel's drops. libpcap's received count on Linux includes the drops.
    /// </summary>
    internal static long Unread(long received, long dropped, long read) => Math.Max(0, received - dropped - read);

    // countUnread: the drain ended with the reader behind the kernel. Only then, because a capture that caught up has
    // nothing left but packets that arrived after the exchange. (First seen in a 20-run soak: a v4 bridge capture that
    // read 11222 packets of a 50 MiB transfer and reported no drop, and the oracle blamed the translation for 1586
    // packets. The drops were real; SharpPcap's Statistics misreads them on 64-bit Linux, hence PcapCounters.)
    private void Stop(bool countUnread)
    {
        lock (_writeLock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        var closed = DateTimeOffset.UtcNow;
        _device.StopCapture();
        _device.OnPacketArrival -= OnPacket;
        _device.OnCaptureStopped -= OnReaderStopped;
        long drops = 0;
        long? received = null;
        string? behind = null;
        try
        {
            // Read once the reader has ended: what it has not taken by now it never will. The ring's drops are the
            // capture's loss; the interface's (ps_ifdrop, the bridge device's own rx_dropped) are not packets of the path.
            var counts = PcapCounters.Read(_device);
            received = counts.Received;
            drops = counts.Dropped;
            if (countUnread)
            {
                var unread = Unread(counts.Received, counts.Dropped, Packets);
                drops += unread;
                behind = Behind(counts.Received, counts.Dropped, Packets, unread, LastRead, CaptureDrain.Limit);
            }
        }
        catch (InvalidOperationException e)
        {
            // The counts of what arrived stand; that the kernel's could not be read is said, not hidden.
            behind = countUnread ? $"its reader was still behind when the capture had to close, and libpcap's counts could not be read: {e.Message}" : null;
        }

        _device.Close();
        lock (_writeLock)
        {
            _tally.AddCaptureDrops(drops);
            var (written, headEnd, tailStart) = _recorder.Finish();
            var reader = string.Join("; ", new[] { _readerFault, behind }.Where(r => r is not null));
            _summary = _tally.Summarize(written, headEnd, tailStart) with { Opened = _opened, Closed = closed, Reader = reader.Length == 0 ? null : reader, KernelReceived = received };
            _recorder.Dispose();
        }
    }

    private DateTimeOffset LastRead => new(Interlocked.Read(ref _lastArrival), TimeSpan.Zero);

    /// <summary>
    /// The words for a reader still behind the kernel when the drain limit passed: what the kernel handed it, what it
    /// read, and when it last read anything (a reader that stopped long before the limit stalled; one that read until
    /// the end was only slow).
    /// </summary>
    internal static string Behind(long received, long dropped, long read, long unread, DateTimeOffset lastRead, TimeSpan limit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"its reader was {unread} packets behind when the capture closed after the {limit.TotalSeconds:0} s drain limit: the kernel handed it {received} (of which {dropped} dropped), it read {read}, the last at {lastRead:HH:mm:ss.fff} UTC");

    /// <summary>The words for a reader that libpcap ended on its own, with libpcap's last error.</summary>
    internal static string Fault(DateTimeOffset at, string? error) =>
        string.Create(CultureInfo.InvariantCulture, $"its reader stopped with an error at {at:HH:mm:ss.fff} UTC: {(string.IsNullOrWhiteSpace(error) ? "libpcap gave no message" : error.Trim())}");

    // SharpPcap ends its capture loop on a libpcap error without a word but this event; the capture goes on counting
    // nothing, so the fault is kept and told with the summary. A stop the harness asked for is not a fault.
    private void OnReaderStopped(object sender, CaptureStoppedEventStatus status)
    {
        if (status != CaptureStoppedEventStatus.ErrorWhileCapturing)
        {
            return;
        }

        string? error;
        try
        {
            error = _device.LastError;
        }
        catch (PcapException e)
        {
            error = e.Message;
        }

        lock (_writeLock)
        {
            _readerFault ??= Fault(DateTimeOffset.UtcNow, error);
        }
    }

    private void OnPacket(object sender, PacketCapture e)
    {
        lock (_writeLock)
        {
            if (_stopped)
            {
                return;
            }

            // The frame is borrowed for this callback only: the recorder copies what it keeps.
            var original = e.Header is PcapHeader header ? (int)header.PacketLength : e.Data.Length;
            var time = e.Header.Timeval;
            var timestamp = DateTimeOffset.UnixEpoch.AddTicks(((long)time.Seconds * TimeSpan.TicksPerSecond) + ((long)time.MicroSeconds * 10));
            Interlocked.Exchange(ref _lastArrival, DateTime.UtcNow.Ticks);
            _recorder.Add(timestamp, e.Data, original);
            _tally.AddFrame(LinkTypes.Ethernet, timestamp, e.Data, original > e.Data.Length);
        }
    }
}
