using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>A live capture of a Docker bridge on the host (<see cref="BridgeCapture"/>).</summary>
/// <param name="Point">The capture point it fills.</param>
/// <param name="Bridge">The Linux bridge.</param>
/// <param name="Filter">BPF filter, empty for everything.</param>
public sealed record BridgeCaptureSpec(CapturePoint Point, string Bridge, string Filter) : CaptureSpec(Point)
{
    /// <inheritdoc />
    public override Task<IRunningCapture> StartAsync(string path, CancellationToken ct = default) =>
        Task.FromResult<IRunningCapture>(BridgeCapture.Start(Point, Bridge, Filter, path));
}
