namespace Nat64Harness.Model;

/// <summary>One pcap written around an exchange.</summary>
/// <param name="Point">Where it was taken.</param>
/// <param name="Path">The file.</param>
/// <param name="Packets">Frames written, when the capture counted them (bridge captures do).</param>
public sealed record CaptureFile(CapturePoint Point, string Path, long? Packets);
