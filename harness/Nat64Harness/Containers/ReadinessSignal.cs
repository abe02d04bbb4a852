using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Nat64Harness.Containers;

/// <summary>
/// Readiness of every container of ours: the line "nat64h: ready" in its log. "nat64h: failed: ..." or an
/// exited container ends the wait at once with the container's log, instead of waiting for the timeout.
/// </summary>
public sealed class ReadinessSignal : IWaitUntil
{
    /// <summary>The line a container prints when it is ready.</summary>
    public const string ReadyLine = "nat64h: ready";

    /// <summary>The prefix of the line a container prints when its start failed.</summary>
    public const string FailedLine = "nat64h: failed";

    /// <inheritdoc />
    public async Task<bool> UntilAsync(IContainer container)
    {
        // Only what this start printed: a restarted container's log still holds the previous ready line.
        var since = container.StartedTime == default ? default : container.StartedTime.ToUniversalTime().AddSeconds(-1);
        var (stdout, stderr) = await container.GetLogsAsync(since, default, timestampsEnabled: false).ConfigureAwait(false);
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
}
