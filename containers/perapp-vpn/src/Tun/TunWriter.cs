using System.Buffers;
using System.Collections.Concurrent;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Tun;

/// <summary>
/// The single writer to the TUN: sessions hand over pooled buffers through a queue, one thread writes them in
/// order. The thread sleeps on a semaphore only when the queue is empty, so a busy VPN never allocates to wake it.
/// </summary>
public sealed class TunWriter : IPacketSink
{
    private readonly ConcurrentQueue<(byte[] Buffer, int Length, int SegmentSize)> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly TunDevice _tun;
    private readonly VpnStats _stats;
    private int _sleeping;

    /// <summary>Starts the writer thread.</summary>
    public TunWriter(TunDevice tun, VpnStats stats)
    {
        _tun = tun;
        _stats = stats;
        new Thread(Run) { IsBackground = true, Name = "tun-writer" }.Start();
    }

    /// <inheritdoc />
    public bool TakesSuperSegments => _tun.Offload;

    /// <inheritdoc />
    public byte[] Rent(int minimumLength) => ArrayPool<byte>.Shared.Rent(minimumLength);

    /// <inheritdoc />
    public void Send(byte[] buffer, int length, int segmentSize = 0)
    {
        _queue.Enqueue((buffer, length, segmentSize));
        if (Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Release();
        }
    }

    /// <summary>
    /// The virtio header of a packet we built: a TCP super-segment when its payload exceeds the segment size (the
    /// kernel refuses one that does not), otherwise a plain packet. Checksums are always complete: the app's stack
    /// verifies them as on any packet, and a capture of the TUN shows them right.
    /// </summary>
    internal static VirtioNetHeader OffloadHeader(ReadOnlySpan<byte> packet, int segmentSize)
    {
        if (segmentSize <= 0 || packet.Length < Ipv4Header.MinLength)
        {
            return VirtioNetHeader.Plain;
        }

        var version = (byte)(packet[0] >> 4);
        var ipHeader = version == 6 ? Ipv6Header.Length : (packet[0] & 0x0F) * 4;
        if (packet.Length < ipHeader + TcpHeader.MinLength)
        {
            return VirtioNetHeader.Plain;
        }

        var headers = ipHeader + (packet[ipHeader + TcpHeader.DataOffsetOffset] >> 4) * 4;
        return packet.Length - headers > segmentSize ? VirtioNetHeader.TcpSegments(version, headers, segmentSize) : VirtioNetHeader.Plain;
    }

    private void Run()
    {
        while (true)
        {
            while (_queue.TryDequeue(out var item))
            {
                var packet = item.Buffer.AsSpan(0, item.Length);
                var written = _tun.Offload ? _tun.Write(OffloadHeader(packet, item.SegmentSize), packet) : _tun.Write(packet);
                if (written)
                {
                    _stats.Add(Counter.TunPacketsOut);
                    _stats.Add(Counter.TunBytesOut, item.Length);
                }
                else
                {
                    _stats.Add(Counter.TunWriteErrors);
                }

                ArrayPool<byte>.Shared.Return(item.Buffer);
            }

            // Announce the sleep before the last look at the queue: a producer that enqueues after the look sees
            // the flag and wakes us; one that enqueued before it is found by the look (at worst one spurious wake).
            Volatile.Write(ref _sleeping, 1);
            if (!_queue.IsEmpty)
            {
                Volatile.Write(ref _sleeping, 0);
                continue;
            }

            _wake.Wait();
        }
    }
}
