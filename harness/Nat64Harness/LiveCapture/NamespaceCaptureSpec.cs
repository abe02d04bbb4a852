using Nat64Harness.Containers;
using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>tcpdump on a device inside a container's network namespace (<see cref="NamespaceCapture"/>).</summary>
/// <param name="Point">The capture point it fills.</param>
/// <param name="Container">A container in the namespace, with tcpdump.</param>
/// <param name="Device">The device.</param>
/// <param name="Direction">tcpdump's -Q: in, out or inout.</param>
public sealed record NamespaceCaptureSpec(CapturePoint Point, HarnessContainer Container, string Device, string Direction) : CaptureSpec(Point)
{
    /// <inheritdoc />
    public override async Task<IRunningCapture> StartAsync(string path, CancellationToken ct = default) =>
        await NamespaceCapture.StartAsync(Point, Container, Device, path, Direction, ct).ConfigureAwait(false);
}
