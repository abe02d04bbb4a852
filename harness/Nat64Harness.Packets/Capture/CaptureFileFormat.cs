namespace Nat64Harness.Capture;

/// <summary>The container format of a capture file.</summary>
public enum CaptureFileFormat
{
    /// <summary>Classic libpcap format, microsecond timestamps.</summary>
    PcapMicroseconds,

    /// <summary>Classic libpcap format, nanosecond timestamps.</summary>
    PcapNanoseconds,

    /// <summary>pcapng (IETF draft-ietf-opsawg-pcapng).</summary>
    PcapNg,
}
