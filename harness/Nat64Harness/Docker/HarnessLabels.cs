namespace Nat64Harness.Docker;

/// <summary>
/// Labels on every container, network and image the harness creates. Without Ryuk nothing reaps a
/// crashed run, so the owner's host and process identity (<see cref="ProcessIdentity"/>: pid, PID namespace, start
/// time, boot id) let the next run find and remove what it left, and never what a live run still uses.
/// </summary>
public static class HarnessLabels
{
    /// <summary>Present on every resource of ours; its value is the run id.</summary>
    public const string Run = "nat64harness.run";

    /// <summary>Process id of the run that created the resource.</summary>
    public const string OwnerPid = "nat64harness.owner-pid";

    /// <summary>Host name of the machine that ran it (a shared remote engine serves several).</summary>
    public const string OwnerHost = "nat64harness.owner-host";

    /// <summary>Inode of the owner's PID namespace: its pid means something only there.</summary>
    public const string OwnerPidNamespace = "nat64harness.owner-pidns";

    /// <summary>The owner's start time in clock ticks after boot: a reused pid has another.</summary>
    public const string OwnerStart = "nat64harness.owner-start";

    /// <summary>The boot id of the owner's kernel: a run of an earlier boot is dead.</summary>
    public const string OwnerBoot = "nat64harness.owner-boot";

    /// <summary>Images the harness builds; they are kept and reused by content hash, never reaped.</summary>
    public const string Image = "nat64harness.image";

    /// <summary>
    /// On the resources of a topology left running on purpose (<c>nat64h up</c>): the reaper leaves them alone
    /// after their owner exits, until asked to remove kept ones too (<c>nat64h down</c>).
    /// </summary>
    public const string Kept = "nat64harness.kept";

    /// <summary>The labels for one run's resources; <paramref name="kept"/> marks a topology left running on purpose.</summary>
    public static IReadOnlyDictionary<string, string> ForRun(string runId, bool kept = false) => ForRun(runId, ProcessIdentity.Current, kept);

    /// <summary>The labels for one run's resources, owned by <paramref name="owner"/>.</summary>
    public static IReadOnlyDictionary<string, string> ForRun(string runId, ProcessIdentity owner, bool kept = false)
    {
        var labels = new Dictionary<string, string>
        {
            [Run] = runId,
            [OwnerPid] = owner.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [OwnerHost] = Environment.MachineName,
            [OwnerPidNamespace] = owner.PidNamespace.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [OwnerStart] = owner.StartTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [OwnerBoot] = owner.BootId,
        };
        if (kept)
        {
            labels[Kept] = "true";
        }

        return labels;
    }
}
