using System.Text.Json;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>
/// Reads how many sessions a per-app VPN holds: <c>activeSessions</c> of its statistics file when it writes one
/// (the reference VPN does, every 2 s), otherwise its sockets (<see cref="ProcNetSockets"/>).
/// </summary>
public static class SessionCounter
{
    /// <summary>Where a per-app VPN may write its statistics (containers/perapp-contract.md, "Sessions").</summary>
    public const string StatsFile = "/run/nat64h/vpn-stats.json";

    /// <summary>The session count of <paramref name="vpn"/> now.</summary>
    /// <exception cref="InvalidOperationException">The VPN has no stack container (not a per-app VPN), or its statistics file is not JSON with activeSessions.</exception>
    public static async Task<SessionCount> ReadAsync(VpnInstance vpn, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(vpn);
        var stack = vpn.Stack ?? throw new InvalidOperationException("only a per-app VPN's sessions are counted (no stack container)");
        var stats = await stack.ExecAsync(["cat", StatsFile], ct).ConfigureAwait(false);
        if (stats.ExitCode == 0)
        {
            try
            {
                using var json = JsonDocument.Parse(stats.Stdout);
                return new(json.RootElement.GetProperty("activeSessions").GetInt32(), StatsFile);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidOperationException($"{stack.Name}: {StatsFile} has no integer activeSessions: {stats.Stdout}", e);
            }
        }

        var tables = await stack.RunAsync(["sh", "-c", ProcNetSockets.Command], ct).ConfigureAwait(false);
        return new(ProcNetSockets.Count(tables, vpn.AppAddresses.ToList()), "sockets in /proc/net");
    }
}
