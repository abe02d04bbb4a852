using Nat64Harness.Capture;

namespace Nat64Harness.Packets.Tests.Capture;

internal static class CaptureTestHelper
{
    public static (List<CapturedPacket> Packets, PcapReader Reader) ReadAll(byte[] file, string name = "test.pcap")
    {
        var reader = new PcapReader(new MemoryStream(file), name);
        var packets = reader.ReadPackets().ToList();
        return (packets, reader);
    }

    public static PcapFormatException ReadExpectingFault(byte[] file, string name = "bad.pcap")
    {
        try
        {
            using var reader = new PcapReader(new MemoryStream(file), name);
            _ = reader.ReadPackets().ToList();
        }
        catch (PcapFormatException e)
        {
            return e;
        }

        throw new InvalidOperationException("expected a PcapFormatException");
    }
}
