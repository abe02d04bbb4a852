using System.Runtime.InteropServices;

namespace Nat64Harness.PerAppVpn.Tun;

/// <summary>The few libc calls a TUN needs.</summary>
internal static partial class LibC
{
    public const int ORdWr = 0x2;
    public const int OCloexec = 0x80000;
    public const int EIntr = 4;

    /// <summary>_IOW('T', 202, int) on Linux.</summary>
    public const ulong TunSetIff = 0x400454CA;

    /// <summary>_IOW('T', 208, unsigned int) on Linux: which offloads the reader of the TUN accepts.</summary>
    public const ulong TunSetOffload = 0x400454D0;

    public const short IffTun = 0x0001;
    public const short IffNoPi = 0x1000;
    public const short IffVnetHdr = 0x4000;

    /// <summary>TUN_F_CSUM: packets may come with the transport checksum left partial.</summary>
    public const uint TunFChecksum = 0x01;

    /// <summary>TUN_F_TSO4: IPv4 TCP super-segments.</summary>
    public const uint TunFTso4 = 0x02;

    /// <summary>TUN_F_TSO6: IPv6 TCP super-segments.</summary>
    public const uint TunFTso6 = 0x04;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, ulong request, Span<byte> argument);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int ioctl(int fd, ulong request, nuint argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, Span<byte> buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint writev(int fd, IoVector* vectors, int count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    /// <summary>struct iovec.</summary>
    public unsafe struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }
}
