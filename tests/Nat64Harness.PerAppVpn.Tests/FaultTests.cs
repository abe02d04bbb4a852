using System.Buffers.Binary;
using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Tests.Support;
using static Nat64Harness.PerAppVpn.Tests.ResponseBuilderTests;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>Each header fault, compared byte for byte with the correct response: only the named field may differ.</summary>
public sealed class FaultTests
{
    [Theory]
    [InlineData(Kind.Udp, 46)] // 40 (IPv6) + 6
    [InlineData(Kind.Tcp, 56)] // 40 + 16
    [InlineData(Kind.Echo, 42)] // 40 + 2
    public void BadL4ChecksumV6_ChangesOnlyTheUpperLayerChecksum(Kind kind, int checksumOffset)
    {
        var request = Request(kind, v6: true);

        var (good, bad) = Both(Fault.BadL4ChecksumV6, request, kind);

        DifferingOffsets(good, bad).Should().BeSubsetOf([checksumOffset, checksumOffset + 1]).And.NotBeEmpty();
        IndependentChecksum.UpperLayerVerifies(bad).Should().BeFalse();
    }

    [Fact]
    public void BadL4ChecksumV6_LeavesIpv4Alone()
    {
        var request = Request(Kind.Udp, v6: false);

        var (good, bad) = Both(Fault.BadL4ChecksumV6, request, Kind.Udp);

        bad[20..].Should().Equal(good[20..], "the UDP header and payload of an IPv4 reply are untouched");
        IndependentChecksum.UpperLayerVerifies(bad).Should().BeTrue();
    }

    [Fact]
    public void NoAddressSwap_ChangesOnlyTheAddresses_KeepingTheRequestOrder()
    {
        var request = Request(Kind.Udp, v6: true);

        var (good, bad) = Both(Fault.NoAddressSwap, request, Kind.Udp);

        DifferingOffsets(good, bad).Should().OnlyContain(i => i >= 8 && i < 40);
        bad[8..40].Should().Equal(request[8..40]);
    }

    [Fact]
    public void HopLimitZero_ChangesOnlyTheHopLimit_ToZero()
    {
        var request = Request(Kind.Udp, v6: true);

        var (good, bad) = Both(Fault.HopLimitZero, request, Kind.Udp);

        DifferingOffsets(good, bad).Should().Equal(7);
        bad[7].Should().Be(0);
    }

    [Theory]
    [InlineData(17, 16)]
    [InlineData(1, 0)] // the wrong decrement: a hop limit 1 request gets a hop limit 0 reply
    public void HopLimitCopied_ChangesOnlyTheHopLimit_ToRequestMinusOne(byte requestHopLimit, byte expected)
    {
        var request = Requests.Udp(true, [1, 2], hopLimit: requestHopLimit);

        var (good, bad) = Both(Fault.HopLimitCopied, request, Kind.Udp);

        DifferingOffsets(good, bad).Should().Equal(7);
        bad[7].Should().Be(expected);
    }

    [Fact]
    public void BadPayloadLength_ChangesOnlyThePayloadLength_ByEight()
    {
        var request = Request(Kind.Tcp, v6: true);

        var (good, bad) = Both(Fault.BadPayloadLength, request, Kind.Tcp);

        DifferingOffsets(good, bad).Should().BeSubsetOf([4, 5]);
        BinaryPrimitives.ReadUInt16BigEndian(bad.AsSpan(4)).Should().Be((ushort)(BinaryPrimitives.ReadUInt16BigEndian(good.AsSpan(4)) + 8));
    }

    [Fact]
    public void Truncate1280_CutsLongResponsesAt1280_KeepingTheirHeaders()
    {
        var flow = Flow(Request(Kind.Udp, v6: true));
        var payload = new byte[2000];
        var good = new byte[4096];
        var bad = new byte[4096];

        var goodLength = new ResponseBuilder(Fault.None).WriteUdp(good, flow, payload);
        var badLength = new ResponseBuilder(Fault.Truncate1280).WriteUdp(bad, flow, payload);

        goodLength.Should().Be(2048);
        badLength.Should().Be(1280);
        bad.AsSpan(0, 1280).ToArray().Should().Equal(good.AsSpan(0, 1280).ToArray());
    }

    [Fact]
    public void Truncate1280_LeavesShortResponsesIntact()
    {
        var request = Request(Kind.Udp, v6: true);

        var (good, bad) = Both(Fault.Truncate1280, request, Kind.Udp);

        bad.Should().Equal(good);
    }

    [Fact]
    public void WrongIcmpv6EchoType_ChangesOnlyTheType_AndTheChecksumThatCoversIt()
    {
        var request = Request(Kind.Echo, v6: true);

        var (good, bad) = Both(Fault.WrongIcmpv6EchoType, request, Kind.Echo);

        DifferingOffsets(good, bad).Should().Contain(40).And.BeSubsetOf([40, 42, 43]);
        bad[40].Should().Be(128);
        IndependentChecksum.UpperLayerVerifies(bad).Should().BeTrue("the fault is the type, not the checksum");
    }

    [Theory]
    [InlineData("none", Fault.None)]
    [InlineData("no-ipv6", Fault.NoIpv6)]
    [InlineData("bad-l4-checksum-v6", Fault.BadL4ChecksumV6)]
    [InlineData("no-address-swap", Fault.NoAddressSwap)]
    [InlineData("hop-limit-zero", Fault.HopLimitZero)]
    [InlineData("hop-limit-copied", Fault.HopLimitCopied)]
    [InlineData("bad-payload-length", Fault.BadPayloadLength)]
    [InlineData("truncate-1280", Fault.Truncate1280)]
    [InlineData("leak-prefix", Fault.LeakPrefix)]
    [InlineData("ignore-fin", Fault.IgnoreFin)]
    [InlineData("wrong-icmpv6-echo-type", Fault.WrongIcmpv6EchoType)]
    [InlineData("leak-time-wait", Fault.LeakTimeWait)]
    public void FaultName_Parses(string name, Fault expected)
    {
        FaultNames.TryParse(name, out var fault).Should().BeTrue();
        fault.Should().Be(expected);
        FaultNames.NameOf(fault).Should().Be(name);
    }

    [Fact]
    public void FaultName_Unknown_IsRejected() => FaultNames.TryParse("no-ipv7", out _).Should().BeFalse();

    private static byte[] Request(Kind kind, bool v6) => kind switch
    {
        Kind.Udp => Requests.Udp(v6, [1, 2, 3], hopLimit: 17),
        Kind.Tcp => Requests.Tcp(v6, 1, 1, 0x10, hopLimit: 17),
        _ => Requests.EchoRequest(v6, 5, 6, [7], hopLimit: 17),
    };

    private static (byte[] Good, byte[] Bad) Both(Fault fault, byte[] request, Kind kind) =>
        (Build(Fault.None, request, kind), Build(fault, request, kind));

    private static List<int> DifferingOffsets(byte[] a, byte[] b)
    {
        a.Length.Should().Be(b.Length);
        return Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
    }
}
