using Nat64Harness.Addressing;

namespace Nat64Harness.Containers.Nat64Router;

/// <summary>
/// A NAT64 router refused the run's prefix at start: the message is the router's own reason (Tayga 0.9.2: "Cannot use
/// reserved address 64:ff9b:1::/48 in prefix directive, aborting..."). Routers say so with the line
/// <c>nat64h: failed: prefix refused: &lt;their words&gt;</c>.
/// </summary>
public sealed class PrefixRefusedException : Exception
{
    /// <summary>The marker a router's failure line carries before its own reason.</summary>
    public const string Marker = "prefix refused: ";

    /// <summary>Creates the exception from the router's reason.</summary>
    public PrefixRefusedException(string router, Nat64Prefix prefix, string reason, Exception? inner = null)
        : base($"{router} refused the NAT64 prefix {prefix}: {reason}", inner)
    {
        Router = router;
        Prefix = prefix;
        Reason = reason;
    }

    /// <summary>The router that refused (tayga, jool).</summary>
    public string Router { get; }

    /// <summary>The prefix it refused.</summary>
    public Nat64Prefix Prefix { get; }

    /// <summary>The router's own words.</summary>
    public string Reason { get; }

    /// <summary>The router's reason from its stdout, or null when its failure was not a refused prefix.</summary>
    public static string? FindReason(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var line = stdout.Split('\n').FirstOrDefault(l => l.Contains(Containers.ReadinessSignal.FailedLine, StringComparison.Ordinal) && l.Contains(Marker, StringComparison.Ordinal));
        return line is null ? null : line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Trim();
    }
}
