using System.Diagnostics;

namespace Nat64Harness.Tests.Support;

/// <summary>
/// A real filesystem that fills up: a tmpfs of a few kibibytes mounted on a fresh folder (the tests run as root, as
/// CI does), so a full disk is the kernel's ENOSPC and not a stream made to throw. <see cref="Fill"/> takes every
/// free block; disposing unmounts it and removes the folder.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kibibytes"/> KiB; throws with mount's words when it cannot.</summary>
    public static SmallDisk Mount(int kibibytes)
    {
        var path = Directory.CreateTempSubdirectory("nat64h-smalldisk-").FullName;
        var (code, said) = Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k,mode=0755", "nat64h-smalldisk", path);
        if (code != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount -t tmpfs on {path} failed ({code}): {said.Trim()} (the disk-full tests need root, as CI has)");
        }

        return new SmallDisk(path);
    }

    /// <summary>Writes a file until the disk is full; returns its size.</summary>
    public long Fill()
    {
        var chunk = new byte[4096];
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 1);
        long written = 0;
        try
        {
            while (true)
            {
                filler.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            return written;
        }
    }

    /// <summary>Gives the filler's blocks back.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, "filler"));

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A lazy unmount may still hold it for a moment; the folder is empty and under /tmp.
        }
    }

    private static (int Code, string Said) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var said = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, said);
    }
}
