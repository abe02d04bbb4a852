using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Nat64Harness.Docker;

/// <summary>
/// Asks a local engine for its API version over its Unix socket, before Testcontainers is touched. Synchronous,
/// with a plain socket (no async call waited on): <see cref="DockerEngine.Check"/> decides test skips and the
/// CLI's first step, and is synchronous for them.
/// </summary>
internal static class EngineVersion
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The engine's ApiVersion from GET /version; throws the socket's or the parser's exception when it does not answer.</summary>
    public static string Read(string socketPath)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        {
            SendTimeout = (int)Timeout.TotalMilliseconds,
            ReceiveTimeout = (int)Timeout.TotalMilliseconds,
        };
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));

        // HTTP/1.0: the engine answers without chunking and closes the connection, so the body is what follows the headers.
        socket.Send("GET /version HTTP/1.0\r\nHost: docker\r\n\r\n"u8);
        using var response = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = socket.Receive(buffer)) > 0)
        {
            response.Write(buffer, 0, read);
        }

        var text = Encoding.UTF8.GetString(response.GetBuffer(), 0, (int)response.Length);
        var body = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.", StringComparison.Ordinal) || body < 0)
        {
            throw new IOException($"{socketPath} answered GET /version with no HTTP response: {text[..Math.Min(text.Length, 200)]}");
        }

        using var json = JsonDocument.Parse(text[(body + 4)..]);
        return json.RootElement.GetProperty("ApiVersion").GetString() ?? "1.41";
    }
}
