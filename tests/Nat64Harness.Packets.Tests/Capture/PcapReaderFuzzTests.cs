using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Capture;

public sealed class PcapReaderFuzzTests
{
    public static TheoryData<string> Formats => new()
    {
        "pcap",   // classic, Ethernet with VLAN tags
        "pcapng", // two interfaces, EPB and SPB
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void ReadPackets_RandomlyCorruptedFile_ReturnsPacketsOrFormatErrorOnly(string format)
    {
        // Given: a valid file, then 3000 deterministic corruptions (byte flips and cuts)
        var v4 = SamplePackets.Ipv4(40);
        var valid = format == "pcap"
            ? CaptureBytes.Classic(LinkTypes.Ethernet).Record(1, 0, SamplePackets.Ethernet(0x8100, [0, 7, 0x08, 0, .. v4])).Record(2, 0, SamplePackets.Ethernet(0x86DD, SamplePackets.Ipv6(20))).ToArray()
            : CaptureBytes.PcapNg().Interface(LinkTypes.Ethernet).Interface(LinkTypes.Raw, tsResolution: 9).Enhanced(0, 5, SamplePackets.Ethernet(0x0800, v4)).Enhanced(1, 6, v4).Simple(SamplePackets.Ethernet(0x0800, v4)).ToArray();
        var random = new Random(20261126);
        var unexpected = new List<string>();

        // When
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var length = random.Next(4) == 0 ? random.Next(bytes.Length) : bytes.Length;
            try
            {
                using var reader = new PcapReader(new MemoryStream(bytes, 0, length), $"fuzz-{i}");
                foreach (var packet in reader.ReadPackets())
                {
                    packet.Ip.Length.Should().BeLessThanOrEqualTo(length);
                }
            }
            catch (PcapFormatException e)
            {
                e.Message.Should().Contain($"fuzz-{i}");
            }
            catch (Exception e)
            {
                unexpected.Add($"iteration {i}: {e.GetType().Name}: {e.Message}");
            }
        }

        // Then
        unexpected.Should().BeEmpty();
    }
}
