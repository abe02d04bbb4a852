using System.Net;
using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>A live capture of a Docker bridge on the host (<see cref="BridgeCapture"/>).</summary>
/// <param name="Point">The capture point it fills.</param>
/// <param name="Bridge">The Linux bridge.</param>
/// <param name="Filter">BPF filter, empty for everything.</param>
public sealed record BridgeCaptureSpec(CapturePoint Point, string Bridge, string Filter) : CaptureSpec(Point)
{
    /// <summary>The echo server's side as this bridge sees it (its synthesised prefix, or its IPv4 address): packets addressed there are outbound.</summary>
    public IReadOnlyList<IPNetwork> Far { get; init; } = [];

    /// <inheritdoc />
    public override Task<IRunningCapture> StartAsync(string path, CaptureLimits limits, CancellationToken ct = default) =>
        Task.FromResult<IRunningCapture>(BridgeCapture.Start(Point, Bridge, Filter, path, Far, limits));
}
