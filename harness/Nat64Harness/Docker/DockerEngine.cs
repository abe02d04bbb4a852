using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace Nat64Harness.Docker;

/// <summary>
/// The Docker engine of this process. <see cref="Configure"/> says which one (the CLI and the test fixtures pass
/// what the environment said, <see cref="EngineOptions"/>); the first <see cref="Check"/> probes it and prepares
/// Testcontainers for it (<see cref="TestcontainersEnvironment"/>) before any Testcontainers type is touched.
/// One engine per process, because Testcontainers reads its configuration once per process.
/// </summary>
public static class DockerEngine
{
    private static readonly object Gate = new();
    private static EngineOptions _options = new();
    private static EngineStatus? _status;

    /// <summary>The engine options in force.</summary>
    public static EngineOptions Options
    {
        get
        {
            lock (Gate)
            {
                return _options;
            }
        }
    }

    /// <summary>The endpoint the harness talks to.</summary>
    public static string Endpoint => Options.Endpoint;

    /// <summary>
    /// Chooses the engine. Call before the first <see cref="Check"/>; the same options again are accepted, other
    /// options after the engine was probed are refused (Testcontainers has already read its configuration).
    /// </summary>
    public static void Configure(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (Gate)
        {
            if (_status is not null && options != _options)
            {
                throw new InvalidOperationException($"the Docker engine was already probed with {_options}; it cannot change to {options} in this process");
            }

            _options = options;
        }
    }

    /// <summary>Whether an engine answers, and if not why (the reason is what a skipped test reports).</summary>
    public static EngineStatus Check()
    {
        lock (Gate)
        {
            return _status ??= Probe(_options);
        }
    }

    /// <summary>Throws with the reason when no engine answers; afterwards Testcontainers is configured for it.</summary>
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

    private static EngineStatus Probe(EngineOptions options)
    {
        if (!options.Endpoint.StartsWith("unix://", StringComparison.Ordinal))
        {
            // A remote engine (tcp://): trust the API version given, if any.
            TestcontainersEnvironment.Apply(options.Endpoint, options.ApiVersion);
            return new EngineStatus(true, "remote engine, version not probed", options.ApiVersion);
        }

        var socketPath = options.Endpoint["unix://".Length..];
        if (!File.Exists(socketPath))
        {
            return new EngineStatus(false, $"{socketPath} does not exist (start dockerd, or run harness/setup-host.sh)", null);
        }

        try
        {
            var apiVersion = EngineVersion.Read(socketPath);
            // Ask for the daemon's own version when it is older than what Testcontainers speaks.
            var pinned = options.ApiVersion ?? (Version.Parse(apiVersion) < new Version(1, 44) ? apiVersion : null);
            TestcontainersEnvironment.Apply(options.Endpoint, pinned);
            return new EngineStatus(true, $"engine API {apiVersion}", apiVersion);
        }
        catch (Exception e) when (e is SocketException or IOException or JsonException or KeyNotFoundException)
        {
            return new EngineStatus(false, $"{socketPath} did not answer /version: {e.Message}", null);
        }
    }
}
