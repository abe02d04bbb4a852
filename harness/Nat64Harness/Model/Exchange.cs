using System.Globalization;
using System.Net;

namespace Nat64Harness.Model;

/// <summary>One exchange for the probe to run.</summary>
/// <param name="Kind">TCP, UDP, ICMPv6, a DNS question or a prefix discovery.</param>
/// <param name="Target">The IPv6 address dialled (an address synthesised inside the NAT64 prefix); dialling by
/// <see cref="Name"/>, the address the name should resolve to; for DNS, the resolver asked.</param>
/// <param name="Port">TCP/UDP port.</param>
/// <param name="Size">Payload bytes per message.</param>
/// <param name="Count">Datagrams or echo requests.</param>
/// <param name="Flows">Concurrent flows.</param>
/// <param name="HopLimit">Hop limit of the probe's packets (any kind), 0 for the kernel's default.</param>
/// <param name="Timeout">Per-message timeout.</param>
/// <param name="Uid">Run the probe as this uid (a per-app VPN steers one app's uid), or as root when null.</param>
/// <param name="Modes">What the app does beyond a plain echo (per-app behaviours), or null.</param>
public sealed record Exchange(ExchangeKind Kind, IPAddress Target, int Port = 7, int Size = 64, int Count = 1, int Flows = 1, int HopLimit = 0, TimeSpan? Timeout = null, int? Uid = null, ProbeModes? Modes = null)
{
    /// <summary>Dial by this name instead of <see cref="Target"/>: the probe resolves it as an app does (getaddrinfo), then dials.</summary>
    public string? Name { get; init; }

    /// <summary>The question of a <see cref="ExchangeKind.Resolve"/> exchange (and the transport of an RFC 7050 discovery).</summary>
    public DnsQuestion? Question { get; init; }

    /// <summary>The method of a <see cref="ExchangeKind.Discover"/> exchange.</summary>
    public DiscoveryMethod? Discovery { get; init; }

    /// <summary>
    /// A size sweep: one message of each payload size, in order, instead of <see cref="Count"/> messages of
    /// <see cref="Size"/> (TCP: one connection per size). Null for none.
    /// </summary>
    public IReadOnlyList<int>? Sizes { get; init; }

    /// <summary>The IPv6 traffic class of the probe's packets (DSCP and ECN bits), or null for the kernel's.</summary>
    public int? TrafficClass { get; init; }

    /// <summary>
    /// UDP only: each datagram's last two bytes chosen so that its IPv6 UDP checksum (RFC 8200 §8.1 pseudo-header,
    /// the same both ways) computes to zero and must be sent as 0xFFFF (RFC 768): a translator or VPN that updates or
    /// builds the checksum without folding negative zero sends 0x0000, which means "no checksum" and is dropped.
    /// </summary>
    public bool AllOnesUdpChecksum { get; init; }

    /// <summary>
    /// UDP with several <see cref="Flows"/>: at most this many datagrams in flight at once across the flows (each flow opens its
    /// socket at the start and keeps it until its own datagrams are back); null for no bound. ScenarioCatalog.ConcurrentFlows says why it bounds them.
    /// </summary>
    public int? InFlight { get; init; }

    /// <summary>
    /// UDP behind a VPN that proxies the app's datagrams through its own socket: the VPN's address toward the NAT64. The
    /// probe then keeps every datagram's IPv6 checksum from being all ones on that leg too, whatever port the VPN's
    /// socket has (the routers' stated defect would drop it: RouterProfile.ZeroForAllOnesUdpChecksum). Null otherwise.
    /// </summary>
    public IPAddress? OuterAddress { get; init; }

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

        if (Kind is ExchangeKind.Resolve or ExchangeKind.Discover)
        {
            cmd.AddRange(DnsCommandLine.For(this));
            return cmd;
        }

        cmd.AddRange(
        [
            "nat64h-probe", Kind.ToString().ToLowerInvariant(), .. Name is null ? ["--target", Target.ToString()] : new[] { "--name", Name },
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

        if (Sizes is { Count: > 0 } sizes)
        {
            cmd.AddRange(["--sizes", string.Join(',', sizes.Select(z => z.ToString(inv)))]);
        }

        if (TrafficClass is { } tclass)
        {
            cmd.AddRange(["--tclass", tclass.ToString(inv)]);
        }

        if (AllOnesUdpChecksum)
        {
            cmd.Add("--udp-checksum-ffff");
        }

        if (OuterAddress is { } outer)
        {
            cmd.AddRange(["--outer-address", outer.ToString()]);
        }

        if (InFlight is { } inFlight)
        {
            cmd.AddRange(["--in-flight", inFlight.ToString(inv)]);
        }

        if (Stall is { } stall)
        {
            cmd.AddRange(["--stall", stall.TotalSeconds.ToString(inv)]);
        }

        return cmd;
    }

    /// <inheritdoc />
    public override string ToString() => Kind is ExchangeKind.Resolve or ExchangeKind.Discover ? DnsCommandLine.Describe(this) :
        $"{Kind.ToString().ToLowerInvariant()} {(Name is null ? Target : $"{Name} (expected {Target})")}{(Kind == ExchangeKind.Icmp ? "" : $" port {Port}")} {(Sizes is { Count: > 0 } z ? $"sizes {string.Join(',', z)}" : $"size {Size}")}" +
        $"{(Count > 1 ? $" x{Count}" : "")}{(Flows > 1 ? $" flows {Flows}" : "")}{(InFlight is { } f ? $" in-flight {f}" : "")}{(HopLimit > 0 ? $" hop-limit {HopLimit}" : "")}{(TrafficClass is { } t ? $" tclass 0x{t:x2}" : "")}{(AllOnesUdpChecksum ? " checksum 0xffff" : "")}{(Uid is { } u ? $" as uid {u}" : "")}{(Modes is null ? "" : $" {Modes}")}";
}
