using Nat64Harness.Capture;
using Nat64Harness.Model;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// A live capture on one Docker bridge, in promiscuous mode (without it frames between two containers are
/// invisible on the bridge), through a BPF filter set around the action, written as it arrives with the
/// product's one pcap writer (<see cref="PcapWriter"/>, Ethernet link type) so Wireshark and tcpdump open it.
/// </summary>
public sealed class BridgeCapture : IRunningCapture
{
    private readonly LibPcapLiveDevice _device;
    private readonly PcapWriter _writer;
    private readonly object _writeLock = new();
    private long _packets;
    private bool _stopped;

    private BridgeCapture(CapturePoint point, LibPcapLiveDevice device, PcapWriter writer, string path)
    {
        Point = point;
        _device = device;
        _writer = writer;
        Path = path;
    }

    /// <inheritdoc />
    public CapturePoint Point { get; }

    /// <inheritdoc />
    public string Path { get; }

    /// <summary>Packets written so far.</summary>
    public long Packets => Interlocked.Read(ref _packets);

    /// <summary>Opens <paramref name="bridge"/> and starts writing what passes <paramref name="filter"/> to <paramref name="path"/>.</summary>
    public static BridgeCapture Start(CapturePoint point, string bridge, string filter, string path)
    {
        LibPcapLiveDevice device;
        try
        {
            device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == bridge)
                ?? throw new InvalidOperationException($"capture: no interface named {bridge} (is the network created?)");
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException("capture: libpcap is not installed (apt-get install libpcap0.8, or run harness/setup-host.sh)", e);
        }

        device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous, ReadTimeout = 20, Immediate = true, Snaplen = 65535 });
        try
        {
            device.Filter = filter;
        }
        catch (PcapException e)
        {
            device.Close();
            throw new ArgumentException($"capture on {bridge}: BPF filter '{filter}' rejected: {e.Message}", nameof(filter), e);
        }

        PcapWriter writer;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

            // A Linux bridge is an Ethernet device (ARPHRD_ETHER), so its frames are DLT_EN10MB: written as such.
            writer = PcapWriter.Create(path, LinkTypes.Ethernet);
        }
        catch
        {
            device.Close();
            throw;
        }

        var capture = new BridgeCapture(point, device, writer, path);
        device.OnPacketArrival += capture.OnPacket;
        device.StartCapture();
        return capture;
    }

    /// <inheritdoc />
    public async Task<CaptureFile> StopAsync(TimeSpan settle, CancellationToken ct = default)
    {
        await Task.Delay(settle, ct).ConfigureAwait(false);
        Stop();
        return new CaptureFile(Point, Path, Packets);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        lock (_writeLock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        _device.StopCapture();
        _device.OnPacketArrival -= OnPacket;
        _device.Close();
        lock (_writeLock)
        {
            _writer.Dispose();
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

            // The frame is borrowed for this callback only: the writer copies it into the file's buffer at once.
            var original = e.Header is PcapHeader header ? (int)header.PacketLength : e.Data.Length;
            var time = e.Header.Timeval;
            var timestamp = DateTimeOffset.UnixEpoch.AddTicks(((long)time.Seconds * TimeSpan.TicksPerSecond) + ((long)time.MicroSeconds * 10));
            _writer.Write(timestamp, e.Data, original);
            _packets++;
        }
    }
}
