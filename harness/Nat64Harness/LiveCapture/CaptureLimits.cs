namespace Nat64Harness.LiveCapture;

/// <summary>
/// How much of an exchange a capture writes to its pcap: the first packets as they come, and the last ones kept in
/// a ring until the capture stops. An exchange smaller than both bounds is written whole; a bulk transfer keeps
/// its start and its end, its middle counted (<see cref="Model.CaptureSummary"/>) but not written. Memory is
/// bounded by the tail ring, the file by both.
/// </summary>
/// <param name="HeadPackets">Packets written from the start.</param>
/// <param name="HeadBytes">Bytes written from the start, whichever bound comes first.</param>
/// <param name="TailPackets">Packets kept from the end.</param>
/// <param name="TailBytes">Bytes kept from the end (the ring's memory).</param>
public sealed record CaptureLimits(int HeadPackets, long HeadBytes, int TailPackets, long TailBytes)
{
    /// <summary>
    /// 2000 packets or 8 MiB each side: every echo, sweep and 100-flow exchange of the catalogue is written whole
    /// (the largest, 100 TCP flows, is under 1500 packets per bridge), a 50 MiB transfer keeps about its first and
    /// last 2.5 MiB.
    /// </summary>
    public static CaptureLimits Default { get; } = new(2000, 8 << 20, 2000, 8 << 20);

    /// <summary>No bound: everything is written (offline tools, tests).</summary>
    public static CaptureLimits Unbounded { get; } = new(int.MaxValue, long.MaxValue, 0, 0);
}
