using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;
using Nat64Harness.PerAppVpn.Tests.Support;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>The hot path (parse, dispatch, TCP data and ACKs, response building) allocates nothing per packet once warm.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void ParseAndBuild_SteadyState_AllocateNothing()
    {
        var request = Requests.Udp(true, new byte[512]);
        var flow = ResponseBuilderTests.Flow(request);
        var builder = new ResponseBuilder(Fault.None);
        var output = new byte[2048];
        RunParseAndBuild(request, flow, builder, output); // JIT and static initialisation

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            RunParseAndBuild(request, flow, builder, output);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void TcpDataThroughTheEngine_SteadyState_AllocatesNothing()
    {
        // Given an established flow whose upstream takes every byte at once
        var sink = new ReusingSink();
        FakeUpstream? upstream = null;
        var engine = new VpnEngine(new VpnConfig("nat64h0", 1500, Fault.None, null, "/dev/null", 0), sink, new VpnStats(),
            _ => upstream = new FakeUpstream { KeepReceived = false });
        const uint isn = 1000;
        engine.Handle(Requests.Tcp(true, isn, 0, 0x02, mss: 1440));
        upstream!.Connection!.OnUpstreamConnected();
        var ourIsn = upstream.Connection.InitialSequence;
        var segments = Enumerable.Range(0, 200)
            .Select(i => Requests.Tcp(true, isn + 1 + (uint)(i * 1000), ourIsn + 1, 0x18, new byte[1000]))
            .ToArray();
        for (var i = 0; i < 100; i++)
        {
            engine.Handle(segments[i]);
            upstream.Drain();
        }

        // When
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < 200; i++)
        {
            engine.Handle(segments[i]);
            upstream.Drain();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then
        allocated.Should().Be(0);
        sink.Sent.Should().Be(201, "the SYN-ACK, then one ACK per data segment");
    }

    private static void RunParseAndBuild(byte[] request, FlowTemplate flow, ResponseBuilder builder, byte[] output)
    {
        PacketParser.TryParse(request, out var p, out _);
        builder.WriteUdp(output, flow, request.AsSpan(p.PayloadOffset, p.PayloadLength));
    }

    /// <summary>Hands out one buffer again and again and drops what is sent.</summary>
    private sealed class ReusingSink : IPacketSink
    {
        private readonly byte[] _buffer = new byte[70_000];

        public int Sent { get; private set; }

        public byte[] Rent(int minimumLength) => _buffer;

        public bool TakesSuperSegments => false;

        public void Send(byte[] buffer, int length, int segmentSize = 0) => Sent++;
    }
}
