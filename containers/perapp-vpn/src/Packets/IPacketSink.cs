namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>Where built packets go (the TUN writer, or a test's list). Buffers are rented from and owned by the sink.</summary>
public interface IPacketSink
{
    /// <summary>
    /// Whether <see cref="Send"/> takes TCP super-segments: one packet of several MSS worth of payload that the
    /// kernel delivers to the app as if its receive offload had merged them (a TUN with segmentation offload).
    /// </summary>
    bool TakesSuperSegments { get; }

    /// <summary>A buffer of at least <paramref name="minimumLength"/> bytes to build one packet in.</summary>
    byte[] Rent(int minimumLength);

    /// <summary>
    /// Takes ownership of <paramref name="buffer"/> and emits its first <paramref name="length"/> bytes.
    /// <paramref name="segmentSize"/> is 0 for a plain packet, or the MSS of a TCP super-segment whose payload is larger.
    /// </summary>
    void Send(byte[] buffer, int length, int segmentSize = 0);
}
