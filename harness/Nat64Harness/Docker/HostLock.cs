using System.Diagnostics;
using System.Globalization;

namespace Nat64Harness.Docker;

/// <summary>
/// An exclusive lock shared by every process on this host: an advisory <c>flock</c> on a file (what .NET takes for
/// <see cref="FileShare.None"/> on Linux), held as long as the handle is open. The kernel drops it when the holder
/// exits, however it exits (SIGKILL included), so a crashed holder never keeps it. Lock files are never deleted:
/// unlinking a lock file while another process waits on it would let two processes hold "the same" lock.
/// Beside each lock a <c>.holder</c> file names who holds it, for the messages of those who wait.
/// </summary>
public sealed class HostLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);

    private FileStream? _handle;

    private HostLock(string path, FileStream handle)
    {
        Path = path;
        _handle = handle;
    }

    /// <summary>
    /// Where the harness keeps its locks: /run/nat64harness (tmpfs, cleared at boot) when writable, else
    /// &lt;temp&gt;/nat64harness. Every process of the host that shares an engine must use the same folder.
    /// </summary>
    public static string DefaultFolder { get; } = ChooseFolder();

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Whether this handle still holds the lock.</summary>
    public bool Held => _handle is not null;

    /// <summary>Takes the lock at once, or returns null when another handle (in any process) holds it.</summary>
    public static HostLock? TryAcquire(string path, string purpose)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            return null;
        }

        WriteHolder(path, purpose);
        return new HostLock(path, handle);
    }

    /// <summary>
    /// Waits for the lock, saying every 30 s who holds it, until <paramref name="timeout"/> has passed; then throws
    /// a <see cref="TimeoutException"/> naming the holder.
    /// </summary>
    public static async Task<HostLock> AcquireAsync(string path, string purpose, TimeSpan timeout, TextWriter log, CancellationToken ct = default)
    {
        var waited = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        while (true)
        {
            if (TryAcquire(path, purpose) is { } held)
            {
                if (waited.Elapsed > ReportEvery)
                {
                    log.WriteLine($"lock {path}: acquired after {waited.Elapsed.TotalSeconds:F0} s");
                }

                return held;
            }

            if (waited.Elapsed >= timeout)
            {
                throw new TimeoutException($"lock {path} ({purpose}) still held after {timeout.TotalSeconds:F0} s by {Holder(path)}");
            }

            if (waited.Elapsed - reported >= ReportEvery)
            {
                reported = waited.Elapsed;
                log.WriteLine($"lock {path} ({purpose}): waiting for {Holder(path)} ({waited.Elapsed.TotalSeconds:F0} s so far)");
            }

            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Who said they hold the lock at <paramref name="path"/> (pid, start, purpose), or "an unknown holder".</summary>
    public static string Holder(string path)
    {
        try
        {
            var text = File.ReadAllText(path + ".holder").Trim();
            return text.Length > 0 ? text : "an unknown holder";
        }
        catch (IOException)
        {
            return "an unknown holder";
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, null);
        handle?.Dispose();
    }

    private static void WriteHolder(string path, string purpose)
    {
        // Best effort: the lock is what counts; the note only explains a wait.
        try
        {
            File.WriteAllText(path + ".holder", string.Create(CultureInfo.InvariantCulture,
                $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTimeOffset.UtcNow:O}: {purpose}\n"));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string ChooseFolder()
    {
        const string run = "/run/nat64harness";
        try
        {
            Directory.CreateDirectory(run);
            var probe = System.IO.Path.Combine(run, $".probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return run;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nat64harness");
        }
    }
}
