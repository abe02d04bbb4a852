using System.Globalization;

namespace Nat64Harness.Docker;

/// <summary>
/// Who a process is, in terms that survive pid reuse and PID namespaces: its pid as it sees itself, the PID namespace
/// that pid belongs to (the inode of /proc/self/ns/pid), its start time in clock ticks after boot (/proc/&lt;pid&gt;/stat
/// field 22, the same in every namespace) and the kernel's boot id. A pid alone names a different process once it is
/// reused, and names nothing (or a stranger) when read from another PID namespace.
/// </summary>
/// <param name="Pid">The pid in its own namespace.</param>
/// <param name="PidNamespace">The inode of its PID namespace, or 0 when unknown.</param>
/// <param name="StartTicks">Its start time after boot in clock ticks, or 0 when unknown.</param>
/// <param name="BootId">The kernel's boot id, or "" when unknown.</param>
public sealed record ProcessIdentity(int Pid, long PidNamespace, long StartTicks, string BootId)
{
    /// <summary>The inode of the initial PID namespace (PROC_PID_INIT_INO): a process in it sees every process of the host.</summary>
    public const long InitialPidNamespace = 0xEFFFFFFC;

    /// <summary>This process.</summary>
    public static ProcessIdentity Current { get; } = new(
        Environment.ProcessId, PidNamespaceOf("self") ?? 0, StartTicksOf("self") ?? 0, ReadBootId());

    /// <summary>The kernel's boot id (/proc/sys/kernel/random/boot_id), or "" outside Linux.</summary>
    public static string ReadBootId()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The PID namespace inode of a /proc entry ("self" or a pid as this process sees it), or null when unreadable.</summary>
    public static long? PidNamespaceOf(string procEntry)
    {
        try
        {
            // "pid:[4026531836]"
            var target = new FileInfo($"/proc/{procEntry}/ns/pid").LinkTarget;
            return target is not null && target.StartsWith("pid:[", StringComparison.Ordinal)
                ? long.Parse(target.AsSpan(5, target.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Field 22 of /proc/&lt;entry&gt;/stat (start time in ticks after boot), or null when the process is gone.</summary>
    public static long? StartTicksOf(string procEntry)
    {
        try
        {
            return ParseStartTicks(File.ReadAllText($"/proc/{procEntry}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The start time in a /proc/&lt;pid&gt;/stat line; the command name (field 2) may hold spaces and parentheses, so fields count from its last ')'.</summary>
    public static long? ParseStartTicks(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // After ") " come field 3 (state) onwards: field 22 is the 20th of them.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 20 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    /// <summary>The pid a /proc entry has in its innermost PID namespace (the last NSpid value of its status), or null.</summary>
    public static int? InnermostPidOf(string procEntry)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{procEntry}/status"))
            {
                if (line.StartsWith("NSpid:", StringComparison.Ordinal))
                {
                    var last = line[6..].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
                    return int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }
}
