using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>A capture started around an exchange; stopping it yields its pcap. Disposing stops it without waiting.</summary>
public interface IRunningCapture : IAsyncDisposable
{
    /// <summary>Where it captures.</summary>
    CapturePoint Point { get; }

    /// <summary>The pcap on the host.</summary>
    string Path { get; }

    /// <summary>Waits <paramref name="settle"/> for packets in flight, stops, and returns the finished pcap.</summary>
    Task<CaptureFile> StopAsync(TimeSpan settle, CancellationToken ct = default);
}
