using System.Net;
using Nat64Harness.Containers;
using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>tcpdump on a device inside a container's network namespace, streamed to the host (<see cref="NamespaceCapture"/>).</summary>
/// <param name="Point">The capture point it fills.</param>
/// <param name="Container">A container in the namespace, with tcpdump.</param>
/// <param name="Device">The device.</param>
/// <param name="Direction">tcpdump's -Q: in, out or inout (each frame records its direction either way).</param>
/// <param name="Filter">A BPF filter, or empty for every packet of the device.</param>
public sealed record NamespaceCaptureSpec(CapturePoint Point, HarnessContainer Container, string Device, string Direction, string Filter = "") : CaptureSpec(Point)
{
    /// <summary>The echo server's side as the device sees it (frames carry their direction, so this is a fallback).</summary>
    public IReadOnlyList<IPNetwork> Far { get; init; } = [];

    /// <inheritdoc />
    public override async Task<IRunningCapture> StartAsync(string path, CaptureLimits limits, CancellationToken ct = default) =>
        await NamespaceCapture.StartAsync(Point, Container, Device, path, Direction, Far, limits, ct, Filter).ConfigureAwait(false);
}
