using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Nat64Harness.Docker;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The engine's API version, read over a Unix socket before Testcontainers is touched; a socket that is no engine is named.</summary>
[Trait("Category", "Unit")]
public sealed class EngineVersionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-engine-").FullName;

    [Fact]
    public async Task Read_EngineAnswer_GivesItsApiVersion()
    {
        // Given a socket that answers as Docker 20.10 does (headers, then the JSON body)
        var socket = Serve("HTTP/1.0 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n\r\n{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\"}", out var served);

        // When its version is read
        var version = EngineVersion.Read(socket);

        // Then it is the engine's, and the request was a GET of /version
        version.Should().Be("1.41");
        (await served).Should().StartWith("GET /version HTTP/1.0\r\n");
    }

    [Fact]
    public async Task Read_SocketThatIsNoEngine_FailsNamingTheSocket()
    {
        var socket = Serve("SSH-2.0-OpenSSH_9.2\r\n", out var served);

        var read = () => EngineVersion.Read(socket);

        read.Should().Throw<IOException>().Which.Message.Should().Contain(socket).And.Contain("no HTTP response");
        await served;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A one-shot server on a Unix socket: reads the request, writes the answer, closes.
    private string Serve(string answer, out Task<string> served)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        served = Task.Run(async () =>
        {
            using (listener)
            using (var client = await listener.AcceptAsync())
            {
                var buffer = new byte[1024];
                var read = await client.ReceiveAsync(buffer);
                await client.SendAsync(Encoding.ASCII.GetBytes(answer));
                client.Shutdown(SocketShutdown.Both);
                return Encoding.ASCII.GetString(buffer, 0, read);
            }
        });
        return path;
    }
}
