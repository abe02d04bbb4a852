using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace Nat64Harness.Docker;

/// <summary>
/// Prepares the process for the Docker engine before any Testcontainers type is touched: the API version
/// the daemon speaks (Debian's 20.10 engine tops out at 1.41, Testcontainers 4.16 asks for 1.44), and Ryuk
/// disabled (no registry to pull it from; <see cref="StaleResourceReaper"/> does its job by label).
/// </summary>
public static class DockerEngine
{
    /// <summary>The endpoint the harness talks to: DOCKER_HOST, or the local Unix socket.</summary>
    public static string Endpoint =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    private static readonly Lazy<EngineStatus> Status = new(Probe);

    /// <summary>Whether an engine answers, and if not why (the reason is what a skipped test reports).</summary>
    public static EngineStatus Check() => Status.Value;

    /// <summary>Sets the environment Testcontainers reads; throws with the reason when no engine answers.</summary>
    public static void EnsureConfigured()
    {
        var status = Check();
        if (!status.Reachable)
        {
            throw new InvalidOperationException($"Docker engine not reachable at {Endpoint}: {status.Reason}");
        }
    }

    /// <summary>A Docker API client for what Testcontainers does not expose (network connect, listings).</summary>
    public static DockerClient CreateClient()
    {
        EnsureConfigured();
        return TestcontainersSettings.OS.DockerEndpointAuthConfig
            .GetDockerClientBuilder(Guid.NewGuid())
            .Build();
    }

    private static EngineStatus Probe()
    {
        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
        if (!Endpoint.StartsWith("unix://", StringComparison.Ordinal))
        {
            // A remote engine (tcp://): trust the user's DOCKER_API_VERSION, if any.
            return new EngineStatus(true, "remote engine, version not probed", Environment.GetEnvironmentVariable("DOCKER_API_VERSION"));
        }

        var socketPath = Endpoint["unix://".Length..];
        if (!File.Exists(socketPath))
        {
            return new EngineStatus(false, $"{socketPath} does not exist (start dockerd, or run harness/setup-host.sh)", null);
        }

        try
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
            var body = http.GetStringAsync("http://docker/version").GetAwaiter().GetResult();
            using var json = JsonDocument.Parse(body);
            var apiVersion = json.RootElement.GetProperty("ApiVersion").GetString() ?? "1.41";
            // Ask for the daemon's own version when it is older than what Testcontainers speaks.
            if (Version.Parse(apiVersion) < new Version(1, 44) && Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is null)
            {
                Environment.SetEnvironmentVariable("DOCKER_API_VERSION", apiVersion);
            }

            return new EngineStatus(true, $"engine API {apiVersion}", apiVersion);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or TaskCanceledException or JsonException)
        {
            return new EngineStatus(false, $"{socketPath} did not answer /version: {e.Message}", null);
        }
    }
}
