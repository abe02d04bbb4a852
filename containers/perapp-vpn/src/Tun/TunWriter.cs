using System.Buffers;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Tun;

/// <summary>
/// Writes built packets into the TUN on the thread that built them: one write(2) (writev with the offload header)
/// per packet, which the kernel takes without blocking. Writes of different threads do not interleave (each is one
/// packet), and a flow's packets keep their order because each flow builds them under its own lock. Writing in place
/// spares a hand-over to a writer thread: its wake-ups (and the spinning before each sleep) cost more CPU than the
/// writes themselves on a busy machine.
/// </summary>
public sealed class TunWriter(TunDevice tun, VpnStats stats) : IPacketSink
{
    /// <inheritdoc />
    public bool TakesSuperSegments => tun.Offload;

    /// <inheritdoc />
    public byte[] Rent(int minimumLength) => ArrayPool<byte>.Shared.Rent(minimumLength);

    /// <inheritdoc />
    public void Send(byte[] buffer, int length, int segmentSize = 0)
    {
        var packet = buffer.AsSpan(0, length);
        var written = tun.Offload ? tun.Write(OffloadHeader(packet, segmentSize), packet) : tun.Write(packet);
        if (written)
        {
            stats.Add(Counter.TunPacketsOut);
            stats.Add(Counter.TunBytesOut, length);
        }
        else
        {
            stats.Add(Counter.TunWriteErrors);
        }

        ArrayPool<byte>.Shared.Return(buffer);
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
}
