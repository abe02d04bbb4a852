using System.Globalization;

namespace Nat64Harness.Docker;

/// <summary>
/// Judges from a resource's labels whether the run that created it is still alive. Alive is said whenever it cannot
/// be ruled out: the reaper must never remove a live run's resources, and a leftover that is not ours to judge is
/// only a leak. Dead is said when the owner's process is provably gone: no process with its pid in its PID namespace,
/// or one started at another time (the pid was reused), or a boot of this machine since.
/// </summary>
public static class RunOwner
{
    /// <summary>What the labels say of their owner, with the reason (for the reaper's log).</summary>
    public static (OwnerState State, string Reason) Judge(IDictionary<string, string>? labels, bool localEngine) =>
        Judge(labels, localEngine, ProcessIdentity.Current, Environment.MachineName);

    /// <summary>Judges against an explicit current process and host name (tests).</summary>
    public static (OwnerState State, string Reason) Judge(IDictionary<string, string>? labels, bool localEngine, ProcessIdentity self, string host)
    {
        if (labels is null || !labels.TryGetValue(HarnessLabels.OwnerPid, out var pidText) || !labels.TryGetValue(HarnessLabels.OwnerHost, out var ownerHost))
        {
            return (OwnerState.Dead, "no owner labels");
        }

        if (ownerHost != host || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return (OwnerState.Unknown, $"owned by host {ownerHost}, not this one");
        }

        if (labels.TryGetValue(HarnessLabels.OwnerBoot, out var boot) && self.BootId.Length > 0 && boot != self.BootId)
        {
            // Through a local socket the engine runs on this machine: a run of another boot died with that boot.
            return localEngine
                ? (OwnerState.Dead, $"pid {pid} ran before this machine's last boot")
                : (OwnerState.Unknown, $"host {ownerHost} with another boot id (a namesake host on a shared engine?)");
        }

        if (!TryLong(labels, HarnessLabels.OwnerPidNamespace, out var pidNamespace) || !TryLong(labels, HarnessLabels.OwnerStart, out var start))
        {
            // Labels of an older harness: the pid alone (a reused pid keeps the leftover until it exits).
            return pid == self.Pid || Directory.Exists($"/proc/{pid}")
                ? (OwnerState.Alive, $"pid {pid} exists")
                : (OwnerState.Dead, $"pid {pid} is gone");
        }

        if (pidNamespace == self.PidNamespace)
        {
            if (pid == self.Pid && start == self.StartTicks)
            {
                return (OwnerState.Alive, "this process");
            }

            return ProcessIdentity.StartTicksOf(pid.ToString(CultureInfo.InvariantCulture)) switch
            {
                null => (OwnerState.Dead, $"pid {pid} is gone"),
                var s when s == start => (OwnerState.Alive, $"pid {pid} is running"),
                var s => (OwnerState.Dead, $"pid {pid} was reused (the process now holding it started at tick {s}, the owner at {start})"),
            };
        }

        return FindInNamespace(pidNamespace, pid, start)
            ? (OwnerState.Alive, $"pid {pid} of PID namespace {pidNamespace} is running")
            : self.PidNamespace == ProcessIdentity.InitialPidNamespace
                ? (OwnerState.Dead, $"no process is pid {pid} (started at tick {start}) in PID namespace {pidNamespace}")
                : (OwnerState.Unknown, $"PID namespace {pidNamespace} is not visible from this one");
    }

    // A process of another PID namespace is found through the host's view of it: the namespace its /proc entry
    // belongs to, its innermost pid (NSpid), and its start time.
    private static bool FindInNamespace(long pidNamespace, int pid, long start)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var entry = Path.GetFileName(dir);
            if (entry.Length == 0 || !char.IsAsciiDigit(entry[0]))
            {
                continue;
            }

            if (ProcessIdentity.PidNamespaceOf(entry) == pidNamespace
                && ProcessIdentity.InnermostPidOf(entry) == pid
                && ProcessIdentity.StartTicksOf(entry) == start)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryLong(IDictionary<string, string> labels, string key, out long value)
    {
        value = 0;
        return labels.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
