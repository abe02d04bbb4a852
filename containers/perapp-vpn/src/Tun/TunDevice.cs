using System.Runtime.InteropServices;
using System.Text;

namespace Nat64Harness.PerAppVpn.Tun;

/// <summary>A Linux TUN device opened with IFF_TUN | IFF_NO_PI: each read or write is exactly one IP packet.</summary>
public sealed class TunDevice : IDisposable
{
    private const int IfReqSize = 40;
    private const int IfNameSize = 16;
    private readonly int _fd;

    private TunDevice(int fd, string name)
    {
        _fd = fd;
        Name = name;
    }

    /// <summary>Interface name.</summary>
    public string Name { get; }

    /// <summary>Attaches to (or creates) TUN <paramref name="name"/>.</summary>
    public static TunDevice Open(string name)
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
            throw new ArgumentException($"TUN name too long: {name}");
        }

        BitConverter.TryWriteBytes(ifreq[IfNameSize..], (short)(LibC.IffTun | LibC.IffNoPi));
        if (LibC.ioctl(fd, LibC.TunSetIff, ifreq) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LibC.close(fd);
            throw new IOException($"ioctl TUNSETIFF {name}: errno {errno} (needs CAP_NET_ADMIN)");
        }

        return new TunDevice(fd, name);
    }

    /// <summary>Blocks until one packet arrives; returns its length.</summary>
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

    /// <summary>Writes one packet; returns false if the kernel refused it.</summary>
    public bool Write(ReadOnlySpan<byte> packet) => LibC.write(_fd, packet, packet.Length) == packet.Length;

    /// <inheritdoc />
    public void Dispose() => LibC.close(_fd);
}
