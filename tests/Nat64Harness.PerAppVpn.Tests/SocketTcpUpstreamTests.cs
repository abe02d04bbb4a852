using System.Net;
using System.Net.Sockets;
using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Sessions;
using Nat64Harness.PerAppVpn.Stats;
using Nat64Harness.PerAppVpn.Tests.Support;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>The real outbound socket and its pumps, against an echo server on the IPv6 loopback (no TUN, no Docker).</summary>
public sealed class SocketTcpUpstreamTests
{
    private const byte Fin = 0x01, Syn = 0x02, Ack = 0x10;
    private const uint AppIsn = 5000;
    private const uint OurIsn = 900_000;

    [Fact]
    public async Task EchoServerOnLoopback_DataAndFinBothWays_ArriveIntact()
    {
        // Given an echo server that closes after the app's EOF
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        var server = EchoOnceAsync(listener);
        var sink = new CapturingSink();
        var syn = Requests.Tcp(true, AppIsn, 0, Syn, mss: 1440);
        PacketParser.TryParse(syn, out var p, out _);
        var connection = new TcpConnection(syn, p, 1500, new ResponseBuilder(Fault.None), sink,
            new SocketTcpUpstream(new IPEndPoint(IPAddress.IPv6Loopback, ((IPEndPoint)listener.LocalEndpoint).Port)), new VpnStats(), OurIsn);
        var data = new byte[40_000];
        new Random(7915).NextBytes(data);

        // When the app connects, sends 40 kB and FIN, and acknowledges whatever comes back
        connection.Start();
        (await WaitForAsync(sink, s => s.Parsed.TcpFlags.HasFlag(TcpFlags.Syn))).Should().NotBeEmpty();
        Send(connection, AppIsn + 1, OurIsn + 1, Ack, []);
        for (var offset = 0; offset < data.Length; offset += 1440)
        {
            Send(connection, AppIsn + 1 + (uint)offset, OurIsn + 1, Ack, data[offset..Math.Min(offset + 1440, data.Length)]);
        }

        Send(connection, AppIsn + 1 + (uint)data.Length, OurIsn + 1, Ack | Fin, []);
        var echoed = new MemoryStream();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var finSeen = false;
        while (!finSeen && DateTime.UtcNow < deadline)
        {
            foreach (var (bytes, seg) in sink.Take())
            {
                if (seg.PayloadLength > 0 && seg.TcpSequence == OurIsn + 1 + (uint)echoed.Length)
                {
                    echoed.Write(bytes, seg.PayloadOffset, seg.PayloadLength);
                }

                finSeen |= seg.TcpFlags.HasFlag(TcpFlags.Fin) && seg.TcpSequence == OurIsn + 1 + (uint)echoed.Length;
            }

            var ack = OurIsn + 1 + (uint)echoed.Length + (finSeen ? 1u : 0);
            Send(connection, AppIsn + 2 + (uint)data.Length, ack, Ack, []);
            await Task.Delay(10);
        }

        // Then
        (await server.WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(data);
        echoed.ToArray().Should().Equal(data);
        finSeen.Should().BeTrue();
        connection.State.Should().Be(TcpState.TimeWait);
    }

    [Fact]
    public async Task SlowServer_UploadFillsTheSocketBuffer_EveryByteArrivesInOrder()
    {
        // Given a server that reads nothing for half a second, so the VPN's socket buffer fills and its sends would block
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        var server = SinkSlowlyAsync(listener, TimeSpan.FromMilliseconds(500));
        var sink = new CapturingSink();
        var syn = Requests.Tcp(true, AppIsn, 0, Syn, mss: 1440, windowScale: 7);
        PacketParser.TryParse(syn, out var p, out _);
        var connection = new TcpConnection(syn, p, 1500, new ResponseBuilder(Fault.None), sink,
            new SocketTcpUpstream(new IPEndPoint(IPAddress.IPv6Loopback, ((IPEndPoint)listener.LocalEndpoint).Port)), new VpnStats(), OurIsn);
        var data = new byte[8 << 20];
        new Random(6146).NextBytes(data);
        connection.Start();
        (await WaitForAsync(sink, s => s.Parsed.TcpFlags.HasFlag(TcpFlags.Syn))).Should().NotBeEmpty();
        Send(connection, AppIsn + 1, OurIsn + 1, Ack, []);

        // When the app sends 8 MiB as fast as the advertised (scaled) window lets it, then FIN
        long acked = 0;
        long window = 65535;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (acked < data.Length && DateTime.UtcNow < deadline)
        {
            for (var offset = acked; offset < Math.Min(acked + window, data.Length); offset += 1440)
            {
                var end = (int)Math.Min(offset + 1440, data.Length);
                Send(connection, AppIsn + 1 + (uint)offset, OurIsn + 1, Ack, data[(int)offset..end]);
            }

            foreach (var (_, seg) in sink.Take())
            {
                acked = Math.Max(acked, seg.TcpAcknowledgment - (AppIsn + 1));
                window = (long)seg.TcpWindow << TcpConnection.WindowShift;
            }

            if (window == 0)
            {
                await Task.Delay(5);
            }
        }

        Send(connection, AppIsn + 1 + (uint)data.Length, OurIsn + 1, Ack | Fin, []);

        // Then the server got every byte, in order
        acked.Should().Be(data.Length);
        (await server.WaitAsync(TimeSpan.FromSeconds(30))).Should().Equal(System.Security.Cryptography.SHA256.HashData(data));
    }

    private static async Task<byte[]> SinkSlowlyAsync(TcpListener listener, TimeSpan pause)
    {
        using var client = await listener.AcceptTcpClientAsync();
        client.ReceiveBufferSize = 64 << 10;
        await Task.Delay(pause);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[65536];
        int n;
        while ((n = await client.GetStream().ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, n);
        }

        return hash.GetHashAndReset();
    }

    private static void Send(TcpConnection connection, uint seq, uint ack, byte flags, byte[] payload)
    {
        var packet = Requests.Tcp(true, seq, ack, flags, payload);
        PacketParser.TryParse(packet, out var p, out _);
        connection.OnSegment(packet, p);
    }

    private static async Task<byte[]> EchoOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var received = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, n);
            await stream.WriteAsync(buffer.AsMemory(0, n));
        }

        client.Client.Shutdown(SocketShutdown.Send);
        return received.ToArray();
    }

    private static async Task<List<(byte[] Bytes, ParsedPacket Parsed)>> WaitForAsync(CapturingSink sink, Func<(byte[] Bytes, ParsedPacket Parsed), bool> match)
    {
        for (var i = 0; i < 500; i++)
        {
            var found = sink.Take().Where(match).ToList();
            if (found.Count > 0)
            {
                return found;
            }

            await Task.Delay(10);
        }

        return [];
    }
}
