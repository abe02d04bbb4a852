using System.Net.Sockets;
using System.Text.Json;

namespace Nat64Harness.Docker;

/// <summary>Asks a local engine for its API version over its Unix socket, before Testcontainers is touched.</summary>
internal static class EngineVersion
{
    /// <summary>The engine's ApiVersion (from GET /version); throws the transport's exception when it does not answer.</summary>
    public static string Read(string socketPath)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };

        // Once per process, before any container work, from a synchronous gate: Check() must stay synchronous
        // because test skips and the CLI's first call decide on it.
        var body = http.GetStringAsync("http://docker/version").GetAwaiter().GetResult();
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("ApiVersion").GetString() ?? "1.41";
    }
}
