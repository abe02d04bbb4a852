using System.Globalization;
using Nat64Harness.Containers;
using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// tcpdump inside a container's network namespace (a VPN's TUN is visible nowhere else), started in the
/// background around an action and copied out to the host as a pcap. `--immediate-mode -B 8192 -U` so that
/// nothing waits in a buffer when it stops; the container runs with Init, so the killed tcpdump is reaped.
/// </summary>
public sealed class NamespaceCapture : IRunningCapture
{
    private readonly HarnessContainer _container;
    private readonly string _inside;
    private readonly int _pid;
    private bool _stopped;

    private NamespaceCapture(CapturePoint point, HarnessContainer container, string inside, int pid, string path)
    {
        Point = point;
        _container = container;
        _inside = inside;
        _pid = pid;
        Path = path;
    }

    /// <inheritdoc />
    public CapturePoint Point { get; }

    /// <summary>The pcap on the host, written when the capture stops.</summary>
    public string Path { get; }

    /// <summary>
    /// Starts tcpdump on <paramref name="device"/> inside <paramref name="container"/>; returns once it listens.
    /// <paramref name="direction"/> "in" keeps what the kernel receives from the device: on a TUN, exactly the
    /// packets the VPN wrote (a raw-IP capture says nothing of direction otherwise). <paramref name="filter"/> is a BPF
    /// filter (empty: everything).
    /// </summary>
    public static async Task<NamespaceCapture> StartAsync(CapturePoint point, HarnessContainer container, string device, string path, string direction = "inout", CancellationToken ct = default, string filter = "")
    {
        var inside = $"/tmp/nat64h-{Guid.NewGuid():N}.pcap";
        var log = inside + ".log";
        var pid = int.Parse((await container.RunAsync(
            ["sh", "-c", $"tcpdump -p -n -i {device} -Q {direction} -s 0 -w {inside} --immediate-mode -B 8192 -U{(filter.Length == 0 ? "" : $" '{filter}'")} >{log} 2>&1 & echo $!"], ct).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
        for (var i = 0; i < 50; i++)
        {
            var text = await container.RunAsync(["sh", "-c", $"cat {log}; kill -0 {pid} 2>/dev/null && echo alive"], ct).ConfigureAwait(false);
            if (text.Contains("listening on", StringComparison.Ordinal))
            {
                return new NamespaceCapture(point, container, inside, pid, path);
            }

            if (!text.Contains("alive", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"tcpdump on {device} in {container.Name} exited: {text}");
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }

        throw new TimeoutException($"tcpdump on {device} in {container.Name} did not start listening within 5 s");
    }

    /// <summary>Stops tcpdump after <paramref name="settle"/>, copies the pcap to <see cref="Path"/> and removes it inside.</summary>
    public async Task<CaptureFile> StopAsync(TimeSpan settle, CancellationToken ct = default)
    {
        await Task.Delay(settle, ct).ConfigureAwait(false);
        _stopped = true;
        await _container.RunAsync(["sh", "-c", $"kill -INT {_pid}; for i in $(seq 50); do kill -0 {_pid} 2>/dev/null || exit 0; sleep 0.1; done; kill -9 {_pid}"], ct).ConfigureAwait(false);
        var bytes = await _container.ReadFileAsync(_inside, ct).ConfigureAwait(false);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await File.WriteAllBytesAsync(Path, bytes, ct).ConfigureAwait(false);
        await _container.RunAsync(["rm", "-f", _inside, _inside + ".log"], ct).ConfigureAwait(false);
        return new CaptureFile(Point, Path, null);
    }

    /// <summary>Kills tcpdump when the capture was never stopped (the exchange failed); best effort.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            await _container.ExecAsync(["sh", "-c", $"kill -9 {_pid}; rm -f {_inside} {_inside}.log"]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The container may be gone already; its removal takes tcpdump with it.
        }
    }
}
