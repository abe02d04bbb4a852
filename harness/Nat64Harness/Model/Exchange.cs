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
/// <param name="HopLimit">Hop limit of the probe's packets (any kind), 0 for the kernel's default.</param>
/// <param name="Timeout">Per-message timeout.</param>
/// <param name="Uid">Run the probe as this uid (a per-app VPN steers one app's uid), or as root when null.</param>
public sealed record Exchange(ExchangeKind Kind, IPAddress Target, int Port = 7, int Size = 64, int Count = 1, int Flows = 1, int HopLimit = 0, TimeSpan? Timeout = null, int? Uid = null)
{
    /// <summary>
    /// A size sweep: one message of each payload size, in order, instead of <see cref="Count"/> messages of
    /// <see cref="Size"/> (TCP: one connection per size). Null for none.
    /// </summary>
    public IReadOnlyList<int>? Sizes { get; init; }

    /// <summary>The IPv6 traffic class of the probe's packets (DSCP and ECN bits), or null for the kernel's.</summary>
    public int? TrafficClass { get; init; }

    /// <summary>How long a TCP flow may make no progress before it ends as stalled; null for the probe's default (5 s), zero for never.</summary>
    public TimeSpan? Stall { get; init; }

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

        if (Sizes is { Count: > 0 } sizes)
        {
            cmd.AddRange(["--sizes", string.Join(',', sizes.Select(z => z.ToString(inv)))]);
        }

        if (TrafficClass is { } tclass)
        {
            cmd.AddRange(["--tclass", tclass.ToString(inv)]);
        }

        if (Stall is { } stall)
        {
            cmd.AddRange(["--stall", stall.TotalSeconds.ToString(inv)]);
        }

        return cmd;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind.ToString().ToLowerInvariant()} {Target}{(Kind == ExchangeKind.Icmp ? "" : $" port {Port}")} {(Sizes is { Count: > 0 } z ? $"sizes {string.Join(',', z)}" : $"size {Size}")}" +
        $"{(Count > 1 ? $" x{Count}" : "")}{(Flows > 1 ? $" flows {Flows}" : "")}{(HopLimit > 0 ? $" hop-limit {HopLimit}" : "")}{(TrafficClass is { } t ? $" tclass 0x{t:x2}" : "")}{(Uid is { } u ? $" as uid {u}" : "")}";
}
