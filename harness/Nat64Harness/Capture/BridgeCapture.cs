using SharpPcap;
using SharpPcap.LibPcap;

namespace Nat64Harness.Capture;

/// <summary>
/// A live capture on one Docker bridge, in promiscuous mode (without it frames between two containers are
/// invisible on the bridge), through a BPF filter set around the action, written as it arrives to a pcap
/// file (Ethernet link type) that Wireshark and tcpdump open.
/// </summary>
public sealed class BridgeCapture : IDisposable
{
    private readonly LibPcapLiveDevice _device;
    private readonly CaptureFileWriterDevice _writer;
    private readonly object _writeLock = new();
    private long _packets;
    private bool _stopped;

    private BridgeCapture(LibPcapLiveDevice device, CaptureFileWriterDevice writer, string path)
    {
        _device = device;
        _writer = writer;
        Path = path;
    }

    /// <summary>The pcap file written.</summary>
    public string Path { get; }

    /// <summary>Packets written so far.</summary>
    public long Packets => Interlocked.Read(ref _packets);

    /// <summary>Opens <paramref name="bridge"/> and starts writing what passes <paramref name="filter"/> to <paramref name="path"/>.</summary>
    public static BridgeCapture Start(string bridge, string filter, string path)
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

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var writer = new CaptureFileWriterDevice(path);
        writer.Open(device);
        var capture = new BridgeCapture(device, writer, path);
        device.OnPacketArrival += capture.OnPacket;
        device.StartCapture();
        return capture;
    }

    /// <summary>Waits <paramref name="settle"/> for packets in flight, then stops and closes the file.</summary>
    public async Task StopAsync(TimeSpan settle)
    {
        await Task.Delay(settle).ConfigureAwait(false);
        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
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
            _writer.Close();
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

            // The capture's bytes are borrowed for this callback only; the writer copies them to the file.
            _writer.Write(e.GetPacket());
            _packets++;
        }
    }
}
