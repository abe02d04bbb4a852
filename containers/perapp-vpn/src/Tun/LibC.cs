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

    public const short IffTun = 0x0001;
    public const short IffNoPi = 0x1000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, ulong request, Span<byte> argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, Span<byte> buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);
}
