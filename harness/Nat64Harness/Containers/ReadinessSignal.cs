using System.Globalization;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Nat64Harness.Containers;

/// <summary>
/// Readiness of every container of ours: the line "nat64h: ready" in its log. "nat64h: failed: ..." or an
/// exited container ends the wait at once with the container's log, instead of waiting for the timeout.
/// A tunnel VPN's ready line may declare the MTU its tunnel carries: "nat64h: ready mtu=1400"
/// (containers/vpn-contract.md, "Declared MTU"); <see cref="ParseDeclaredMtu"/> reads it.
/// </summary>
public sealed class ReadinessSignal : IWaitUntil
{
    /// <summary>The line a container prints when it is ready.</summary>
    public const string ReadyLine = "nat64h: ready";

    /// <summary>The prefix of the line a container prints when its start failed.</summary>
    public const string FailedLine = "nat64h: failed";

    /// <summary>The key of the ready line's MTU declaration.</summary>
    public const string MtuKey = "mtu=";

    /// <summary>The smallest MTU a declaration may carry: IPv6's minimum link MTU (RFC 8200 §5).</summary>
    public const int MinimumMtu = 1280;

    /// <inheritdoc />
    public async Task<bool> UntilAsync(IContainer container)
    {
        var (stdout, stderr) = await CurrentLogsAsync(container).ConfigureAwait(false);
        if (stdout.Contains(ReadyLine, StringComparison.Ordinal))
        {
            return true;
        }

        if (stdout.Contains(FailedLine, StringComparison.Ordinal) || container.State is TestcontainersStates.Exited or TestcontainersStates.Dead)
        {
            throw new ContainerNotReadyException(container.Name.TrimStart('/'), $"state {container.State}", stdout, stderr);
        }

        return false;
    }

    /// <summary>The MTU the current start's ready line declares, or null for a bare "nat64h: ready".</summary>
    /// <exception cref="FormatException">The container printed no ready line, or a malformed declaration (the message names it and quotes the line).</exception>
    public static async Task<int?> ReadDeclaredMtuAsync(IContainer container, CancellationToken ct = default)
    {
        var (stdout, _) = await CurrentLogsAsync(container, ct).ConfigureAwait(false);
        return ParseDeclaredMtu(stdout, container.Name.TrimStart('/'));
    }

    /// <summary>
    /// The MTU declared by the last ready line of <paramref name="log"/>: <c>nat64h: ready mtu=N</c>, N an integer of
    /// at least 1280; null when the line declares nothing. <paramref name="source"/> names the container in errors.
    /// </summary>
    /// <exception cref="FormatException">No ready line, or a declaration that is not such a number (the message quotes the line).</exception>
    public static int? ParseDeclaredMtu(string log, string source)
    {
        var line = log.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.Contains(ReadyLine, StringComparison.Ordinal))
            ?? throw new FormatException($"{source} printed no '{ReadyLine}' line");
        var words = line[(line.IndexOf(ReadyLine, StringComparison.Ordinal) + ReadyLine.Length)..]
            .Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var declaration = words.FirstOrDefault(w => w.StartsWith(MtuKey, StringComparison.Ordinal));
        if (declaration is null)
        {
            return null;
        }

        var value = declaration[MtuKey.Length..];
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mtu) && mtu is >= MinimumMtu and <= 65535
            ? mtu
            : throw new FormatException($"{source}: '{line.Trim()}' declares mtu '{value}': the contract wants an integer from {MinimumMtu} (IPv6's minimum link MTU) to 65535");
    }

    // Only what this start printed: a restarted container's log still holds the previous ready line.
    private static Task<(string Stdout, string Stderr)> CurrentLogsAsync(IContainer container, CancellationToken ct = default)
    {
        var since = container.StartedTime == default ? default : container.StartedTime.ToUniversalTime().AddSeconds(-1);
        return container.GetLogsAsync(since, default, timestampsEnabled: false, ct);
    }
}
