using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Capture;

public sealed class LinkLayerTests
{
    private static readonly byte[] V4 = SamplePackets.Ipv4(12);
    private static readonly byte[] V6 = SamplePackets.Ipv6(12);

    public static TheoryData<int, byte[], byte[]> IpFrames => new()
    {
        { LinkTypes.Ethernet, SamplePackets.Ethernet(0x0800, V4), V4 },                                   // plain Ethernet II, IPv4
        { LinkTypes.Ethernet, SamplePackets.Ethernet(0x86DD, V6), V6 },                                   // plain Ethernet II, IPv6
        { LinkTypes.Ethernet, SamplePackets.Ethernet(0x8100, [0, 7, 0x86, 0xDD, .. V6]), V6 },            // one 802.1Q tag (VLAN 7)
        { LinkTypes.Ethernet, SamplePackets.Ethernet(0x88A8, [0, 1, 0x81, 0, 0, 2, 0x08, 0, .. V4]), V4 }, // 802.1ad QinQ, two tags
        { LinkTypes.Ethernet, SamplePackets.Ethernet(0x0800, [.. V4, 0, 0, 0, 0, 0, 0]), V4 },           // minimum-frame padding is trimmed
        { LinkTypes.Raw, V6, V6 },                                                                         // LINKTYPE_RAW (101)
        { LinkTypes.RawBsd, V4, V4 },                                                                      // historical DLT_RAW 12
        { LinkTypes.RawOpenBsd, V6, V6 },                                                                  // OpenBSD's DLT_RAW 14
        { LinkTypes.Ipv4, V4, V4 },                                                                        // LINKTYPE_IPV4 (228)
        { LinkTypes.Ipv6, V6, V6 },                                                                        // LINKTYPE_IPV6 (229)
        { LinkTypes.LinuxSll, [0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x86, 0xDD, .. V6], V6 },        // tcpdump -i any (SLL v1)
        { LinkTypes.LinuxSll2, [0x08, 0, 0, 0, 0, 0, 0, 3, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, .. V4], V4 }, // tcpdump -i any on new libpcap (SLL2)
        { LinkTypes.Null, [2, 0, 0, 0, .. V4], V4 },                                                       // BSD loopback, little-endian AF_INET
        { LinkTypes.Null, [0, 0, 0, 30, .. V6], V6 },                                                      // macOS loopback written big-endian, AF_INET6 = 30
        { LinkTypes.Loop, [0, 0, 0, 24, .. V6], V6 },                                                      // OpenBSD loop, network order
    };

    [Theory]
    [MemberData(nameof(IpFrames))]
    public void ReadPackets_SupportedLinkType_StripsLinkHeader(int linkType, byte[] frame, byte[] expectedIp)
    {
        // Given
        var file = CaptureBytes.Classic(linkType).Record(0, 0, frame).ToArray();

        // When
        var (packets, reader) = CaptureTestHelper.ReadAll(file);

        // Then
        packets.Should().ContainSingle().Which.Ip.ToArray().Should().Equal(expectedIp);
        packets[0].LinkType.Should().Be(linkType);
        reader.NonIpFrames.Should().Be(0);
    }

    public static TheoryData<int, byte[]> NonIpFrames => new()
    {
        { LinkTypes.Ethernet, SamplePackets.Ethernet(0x0806, new byte[28]) },   // ARP
        { LinkTypes.Ethernet, SamplePackets.Ethernet(0x88CC, new byte[20]) },   // LLDP
        { LinkTypes.Ethernet, new byte[10] },                                     // shorter than an Ethernet header
        { LinkTypes.Raw, [0x00, 1, 2, 3] },                                       // raw frame whose version nibble is neither 4 nor 6
        { LinkTypes.LinuxSll, [0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x06, 1, 2] }, // SLL carrying ARP
        { LinkTypes.Null, [7, 0, 0, 0, 0x45] },                                  // loopback with an unknown address family
    };

    [Theory]
    [MemberData(nameof(NonIpFrames))]
    public void ReadPackets_NonIpFrame_SkipsButCountsAndKeepsIndex(int linkType, byte[] frame)
    {
        // Given: the non-IP frame sits between two IP frames
        var ip = linkType == LinkTypes.Ethernet ? SamplePackets.Ethernet(0x0800, V4) : null;
        var file = CaptureBytes.Classic(linkType).Record(0, 0, frame);
        if (ip is not null)
        {
            file.Record(0, 0, ip);
        }

        // When
        var (packets, reader) = CaptureTestHelper.ReadAll(file.ToArray());

        // Then
        reader.NonIpFrames.Should().Be(1);
        reader.FramesRead.Should().Be(ip is null ? 1 : 2);
        packets.Select(p => p.Index).Should().Equal(ip is null ? [] : [1L]);
    }
}
