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
    private readonly ConcurrentQueue<(byte[] Buffer, int Length)> _queue = new();
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
    public bool TakesSuperSegments => false;

    /// <inheritdoc />
    public byte[] Rent(int minimumLength) => ArrayPool<byte>.Shared.Rent(minimumLength);

    /// <inheritdoc />
    public void Send(byte[] buffer, int length, int segmentSize = 0)
    {
        _queue.Enqueue((buffer, length));
        if (Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Release();
        }
    }

    private void Run()
    {
        while (true)
        {
            while (_queue.TryDequeue(out var item))
            {
                if (_tun.Write(item.Buffer.AsSpan(0, item.Length)))
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
