namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>Where built packets go (the TUN writer, or a test's list). Buffers are rented from and owned by the sink.</summary>
public interface IPacketSink
{
    /// <summary>A buffer of at least <paramref name="minimumLength"/> bytes to build one packet in.</summary>
    byte[] Rent(int minimumLength);

    /// <summary>Takes ownership of <paramref name="buffer"/> and emits its first <paramref name="length"/> bytes.</summary>
    void Send(byte[] buffer, int length);
}
