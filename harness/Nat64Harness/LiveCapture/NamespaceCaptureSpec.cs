using Nat64Harness.Containers;
using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>tcpdump on a device inside a container's network namespace (<see cref="NamespaceCapture"/>).</summary>
/// <param name="Point">The capture point it fills.</param>
/// <param name="Container">A container in the namespace, with tcpdump.</param>
/// <param name="Device">The device.</param>
/// <param name="Direction">tcpdump's -Q: in, out or inout.</param>
/// <param name="Filter">A BPF filter, or empty for every packet.</param>
public sealed record NamespaceCaptureSpec(CapturePoint Point, HarnessContainer Container, string Device, string Direction, string Filter = "") : CaptureSpec(Point)
{
    /// <inheritdoc />
    public override async Task<IRunningCapture> StartAsync(string path, CancellationToken ct = default) =>
        await NamespaceCapture.StartAsync(Point, Container, Device, path, Direction, ct, Filter).ConfigureAwait(false);
}
