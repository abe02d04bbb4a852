using System.Globalization;
using System.Net;

namespace Nat64Harness.Model;

/// <summary>One exchange for the probe to run.</summary>
/// <param name="Kind">TCP, UDP or ICMPv6.</param>
/// <param name="Target">The IPv6 address dialled (an address synthesised inside the NAT64 prefix).</param>
/// <param name="Port">TCP/UDP port.</param>
/// <param name="Size">Payload bytes per message.</param>
/// <param name="Count">Datagrams or echo requests.</param>
/// <param name="Flows">Concurrent flows.</param>
/// <param name="HopLimit">Hop limit of the probe's packets (ICMPv6), 0 for the default.</param>
/// <param name="Timeout">Per-message timeout.</param>
/// <param name="Uid">Run the probe as this uid (a per-app VPN steers one app's uid), or as root when null.</param>
/// <param name="Modes">What the app does beyond a plain echo (per-app behaviours), or null.</param>
public sealed record Exchange(ExchangeKind Kind, IPAddress Target, int Port = 7, int Size = 64, int Count = 1, int Flows = 1, int HopLimit = 0, TimeSpan? Timeout = null, int? Uid = null, ProbeModes? Modes = null)
{
    /// <summary>The probe command line.</summary>
    public IList<string> ToCommand()
    {
        var inv = CultureInfo.InvariantCulture;
        var cmd = new List<string>();
        if (Uid is { } uid)
        {
            cmd.AddRange(["setpriv", $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--"]);
        }

        cmd.AddRange(
        [
            "nat64h-probe", Kind.ToString().ToLowerInvariant(), "--target", Target.ToString(),
            "--port", Port.ToString(inv), "--size", Size.ToString(inv), "--count", Count.ToString(inv),
            "--flows", Flows.ToString(inv), "--timeout", (Timeout ?? TimeSpan.FromSeconds(5)).TotalSeconds.ToString(inv),
        ]);
        if (HopLimit > 0)
        {
            cmd.AddRange(["--hop-limit", HopLimit.ToString(inv)]);
        }

        if (Modes is not null)
        {
            cmd.AddRange(Modes.ToArguments());
        }

        return cmd;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind.ToString().ToLowerInvariant()} {Target}{(Kind == ExchangeKind.Icmp ? "" : $" port {Port}")} size {Size}" +
        $"{(Count > 1 ? $" x{Count}" : "")}{(Flows > 1 ? $" flows {Flows}" : "")}{(HopLimit > 0 ? $" hop-limit {HopLimit}" : "")}{(Uid is { } u ? $" as uid {u}" : "")}{(Modes is null ? "" : $" {Modes}")}";
}
