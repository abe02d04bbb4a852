namespace Nat64Harness.Model;

/// <summary>One pcap written around an exchange.</summary>
/// <param name="Point">Where it was taken.</param>
/// <param name="Path">The file.</param>
/// <param name="Packets">Frames written, when the capture counted them (bridge captures do).</param>
public sealed record CaptureFile(CapturePoint Point, string Path, long? Packets)
{
    /// <summary>What the point saw, counted over every packet (also those a bounded capture left out), when it was counted.</summary>
    public CaptureSummary? Summary { get; init; }
}
