using System.Runtime.InteropServices;
using System.Text;

namespace Nat64Harness.PerAppVpn.Tun;

/// <summary>
/// A Linux TUN device opened with IFF_TUN | IFF_NO_PI: each read or write is exactly one IP packet. With offload,
/// also IFF_VNET_HDR and TUNSETOFFLOAD (checksum, TSO4, TSO6): every packet then comes after a
/// <see cref="VirtioNetHeader"/>, and a packet may be a TCP super-segment of up to 64 KiB that the kernel splits,
/// or has merged, at the MSS.
/// </summary>
public sealed class TunDevice : IDisposable
{
    private const int IfReqSize = 40;
    private const int IfNameSize = 16;
    private readonly int _fd;

    private TunDevice(int fd, string name, bool offload)
    {
        _fd = fd;
        Name = name;
        Offload = offload;
    }

    /// <summary>Interface name.</summary>
    public string Name { get; }

    /// <summary>Whether packets carry a <see cref="VirtioNetHeader"/> and TCP may come and go as super-segments.</summary>
    public bool Offload { get; }

    /// <summary>Attaches to (or creates) TUN <paramref name="name"/>.</summary>
    public static TunDevice Open(string name, bool offload = false)
    {
        var fd = LibC.open("/dev/net/tun", LibC.ORdWr | LibC.OCloexec);
        if (fd < 0)
        {
            throw new IOException($"open /dev/net/tun: errno {Marshal.GetLastPInvokeError()} (is /dev/net/tun passed to the container?)");
        }

        Span<byte> ifreq = stackalloc byte[IfReqSize];
        ifreq.Clear();
        var written = Encoding.ASCII.GetBytes(name, ifreq[..(IfNameSize - 1)]);
        if (written != name.Length)
        {
            LibC.close(fd);
            throw new ArgumentException($"TUN name too long: {name}");
        }

        var flags = (short)(LibC.IffTun | LibC.IffNoPi | (offload ? LibC.IffVnetHdr : 0));
        BitConverter.TryWriteBytes(ifreq[IfNameSize..], flags);
        if (LibC.ioctl(fd, LibC.TunSetIff, ifreq) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LibC.close(fd);
            throw new IOException($"ioctl TUNSETIFF {name}: errno {errno} (needs CAP_NET_ADMIN)");
        }

        if (offload && LibC.ioctl(fd, LibC.TunSetOffload, LibC.TunFChecksum | LibC.TunFTso4 | LibC.TunFTso6) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LibC.close(fd);
            throw new IOException($"ioctl TUNSETOFFLOAD {name}: errno {errno} (set NAT64H_TUN_OFFLOAD=off where the kernel lacks it)");
        }

        return new TunDevice(fd, name, offload);
    }

    /// <summary>Blocks until one packet arrives (after its <see cref="VirtioNetHeader"/> with offload); returns its length.</summary>
    public int Read(Span<byte> buffer)
    {
        while (true)
        {
            var n = LibC.read(_fd, buffer, buffer.Length);
            if (n >= 0)
            {
                return (int)n;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EIntr)
            {
                throw new IOException($"read {Name}: errno {errno}");
            }
        }
    }

    /// <summary>Writes one packet (without offload); returns false if the kernel refused it.</summary>
    public bool Write(ReadOnlySpan<byte> packet) => LibC.write(_fd, packet, packet.Length) == packet.Length;

    /// <summary>Writes one packet after its header in one system call (with offload); returns false if the kernel refused it.</summary>
    public unsafe bool Write(in VirtioNetHeader header, ReadOnlySpan<byte> packet)
    {
        Span<byte> prefix = stackalloc byte[VirtioNetHeader.Length];
        header.Write(prefix);
        fixed (byte* h = prefix)
        fixed (byte* p = packet)
        {
            var vectors = stackalloc LibC.IoVector[2];
            vectors[0] = new LibC.IoVector { Base = h, Length = VirtioNetHeader.Length };
            vectors[1] = new LibC.IoVector { Base = p, Length = (nuint)packet.Length };
            return LibC.writev(_fd, vectors, 2) == VirtioNetHeader.Length + packet.Length;
        }
    }

    /// <inheritdoc />
    public void Dispose() => LibC.close(_fd);
}
