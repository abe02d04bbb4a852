using System.Buffers;
using System.Threading.Channels;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Tun;

/// <summary>The single writer to the TUN: sessions hand over pooled buffers, one thread writes them in order.</summary>
public sealed class TunWriter : IPacketSink
{
    private readonly Channel<(byte[] Buffer, int Length)> _queue =
        Channel.CreateUnbounded<(byte[], int)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly TunDevice _tun;
    private readonly VpnStats _stats;

    /// <summary>Starts the writer thread.</summary>
    public TunWriter(TunDevice tun, VpnStats stats)
    {
        _tun = tun;
        _stats = stats;
        new Thread(Run) { IsBackground = true, Name = "tun-writer" }.Start();
    }

    /// <inheritdoc />
    public byte[] Rent(int minimumLength) => ArrayPool<byte>.Shared.Rent(minimumLength);

    /// <inheritdoc />
    public void Send(byte[] buffer, int length) => _queue.Writer.TryWrite((buffer, length));

    private void Run()
    {
        var reader = _queue.Reader;
        while (true)
        {
            while (reader.TryRead(out var item))
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

            reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
