using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>How to capture one capture point of a topology; started anew around each exchange.</summary>
/// <param name="Point">The capture point it fills.</param>
public abstract record CaptureSpec(CapturePoint Point)
{
    /// <summary>Starts capturing into <paramref name="path"/> within <see cref="CaptureLimits.Default"/>; returns once packets are being recorded.</summary>
    public Task<IRunningCapture> StartAsync(string path, CancellationToken ct = default) => StartAsync(path, CaptureLimits.Default, ct);

    /// <summary>Starts counting and capturing into <paramref name="path"/> within <paramref name="limits"/>; returns once packets are being recorded.</summary>
    public abstract Task<IRunningCapture> StartAsync(string path, CaptureLimits limits, CancellationToken ct = default);
}
