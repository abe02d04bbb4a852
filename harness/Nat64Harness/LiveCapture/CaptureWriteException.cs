namespace Nat64Harness.LiveCapture;

/// <summary>
/// A live capture could not be written (the captures disk is full, or gone): the pcap is incomplete. The file is
/// kept beside the others with <see cref="PartialSuffix"/> added, so nothing that reads a run folder's <c>*.pcap</c>
/// takes it for evidence; the message names the file, how far it got, and the system's error.
/// </summary>
public sealed class CaptureWriteException : IOException
{
    /// <summary>Added to the name of a capture that could not be written whole.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public CaptureWriteException(string path, string? keptAs, long written, long frames, IOException cause)
        : base(Describe(path, keptAs, written, frames, cause), cause)
    {
        Path = path;
        KeptAs = keptAs;
    }

    /// <summary>The pcap the capture was writing.</summary>
    public string Path { get; }

    /// <summary>Where the incomplete file is now, or null when it could be neither renamed nor removed.</summary>
    public string? KeptAs { get; }

    private static string Describe(string path, string? keptAs, long written, long frames, IOException cause) =>
        $"capture {path}: writing failed after {written} of {frames} frames: {cause.Message}. The pcap is incomplete and is not evidence" +
        (keptAs is null ? "; it could not be renamed either, so do not trust it." : $"; what was written is kept as {System.IO.Path.GetFileName(keptAs)}.");
}
