using System.Globalization;
using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Judges one packet pair — before and after an RFC 7915 translation, stateless or (with
/// <see cref="TranslationContext.TransportMapping"/>) stateful RFC 6146, either direction —
/// field by field. Never throws on bad packets: an undecodable, cut or mismatched pair is a failing verdict.
/// </summary>
public sealed class TranslationOracle
{
    private VerdictBuilder? _spare;

    /// <summary>Creates an oracle for one translator's configuration.</summary>
    /// <param name="context">The translator's prefix, mapping and configuration.</param>
    /// <param name="keepPassingChecks">
    /// True (the default): every verdict lists every check with its texts. False: a verdict lists its failures and
    /// counts the passing checks (<see cref="TranslationVerdict.CheckCount"/>) without formatting them, which is what a
    /// long capture needs (see <see cref="Pairer"/>).
    /// </param>
    public TranslationOracle(TranslationContext context, bool keepPassingChecks = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        KeepsPassingChecks = keepPassingChecks;
    }

    /// <summary>The translator's prefix, mapping and configuration.</summary>
    public TranslationContext Context { get; }

    /// <summary>True when verdicts list passing checks too, false when they only count them.</summary>
    public bool KeepsPassingChecks { get; }

    /// <summary>Judges two captured packets.</summary>
    public TranslationVerdict Judge(CapturedPacket before, CapturedPacket after)
    {
        if (before.IsTruncated || after.IsTruncated)
        {
            var cut = before.IsTruncated ? before : after;
            var which = before.IsTruncated ? "before" : "after";
            return Unjudgeable(before.Index, after.Index, $"{which} #{cut.Index} cut by the snap length: {cut.Ip.Length} IP bytes of a {cut.OriginalLength}-byte frame");
        }

        return Judge(before.Ip, after.Ip, before.Index, after.Index);
    }

    /// <summary>Judges two raw IP packets.</summary>
    public TranslationVerdict Judge(ReadOnlyMemory<byte> before, ReadOnlyMemory<byte> after, long? beforeIndex = null, long? afterIndex = null)
    {
        if (!IpPacket.TryParse(before, embedded: false, out var b, out var beforeError))
        {
            return Unjudgeable(beforeIndex, afterIndex, $"before{At(beforeIndex)}: {beforeError}");
        }

        if (!IpPacket.TryParse(after, embedded: false, out var a, out var afterError))
        {
            return Unjudgeable(beforeIndex, afterIndex, $"after{At(afterIndex)}: {afterError}");
        }

        return Judge(b, a, beforeIndex, afterIndex);
    }

    /// <summary>Judges two decoded packets.</summary>
    public TranslationVerdict Judge(IpPacket before, IpPacket after, long? beforeIndex = null, long? afterIndex = null) =>
        Judge(before, after, beforeIndex, afterIndex, KeepsPassingChecks);

    internal TranslationVerdict Judge(IpPacket before, IpPacket after, long? beforeIndex, long? afterIndex, bool keepPassing)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        // One builder serves pair after pair; another is made only when two judgements overlap (threads, nesting).
        var checks = Interlocked.Exchange(ref _spare, null) ?? new VerdictBuilder();
        checks.Reset(keepPassing);
        try
        {
            return Judge(checks, before, after, beforeIndex, afterIndex);
        }
        finally
        {
            _spare = checks;
        }
    }

    private TranslationVerdict Judge(VerdictBuilder checks, IpPacket before, IpPacket after, long? beforeIndex, long? afterIndex)
    {
        if (before.Version == after.Version)
        {
            checks.Check(FieldNames.IpVersion, false, "RFC 7915 §1", $"IPv{(before.Version == 4 ? 6 : 4)} (translated)", $"IPv{after.Version}");
            return new TranslationVerdict(beforeIndex, afterIndex, TranslationDirection.Unknown, before, checks.Checks, checks.Count);
        }

        var flow = TransportMappingRules.Resolve(Context, before, after);
        if (before.Version == 6)
        {
            var (full, cap) = ExpectedLength(before, after);
            Ipv6ToIpv4HeaderRules.Check(checks, Context, before, after, full, cap, flow);
        }
        else
        {
            var (full, cap) = ExpectedLength(before, after);
            Ipv4ToIpv6HeaderRules.Check(checks, Context, before, after, full, cap, flow);
        }

        CheckUpperLayer(checks, before, after, flow);
        var direction = before.Version == 6 ? TranslationDirection.Ipv6ToIpv4 : TranslationDirection.Ipv4ToIpv6;
        return new TranslationVerdict(beforeIndex, afterIndex, direction, before, checks.Checks, checks.Count);
    }

    /// <summary>A verdict for a pair that cannot be judged; its single check fails and says why.</summary>
    public static TranslationVerdict Unjudgeable(long? beforeIndex, long? afterIndex, string problem) =>
        new(beforeIndex, afterIndex, TranslationDirection.Unknown, problem,
            [new FieldCheck(FieldNames.Packet, "complete, decodable IPv4/IPv6 packet", problem, false, "RFC 791 §3.1 / RFC 8200 §3")]);

    /// <summary>One line naming the packet's flow: protocol, addresses, ports or ICMP type.</summary>
    public static string Describe(IpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var fragment = packet.Fragment is { } f ? string.Create(CultureInfo.InvariantCulture, $" frag id=0x{f.Identification:x} off={f.Offset * 8}{(f.MoreFragments ? " MF" : string.Empty)}") : string.Empty;
        return packet.Protocol switch
        {
            IpProtocol.Tcp or IpProtocol.Udp when packet.SourcePort is not null =>
                $"{(packet.Protocol == IpProtocol.Tcp ? "TCP" : "UDP")} [{packet.Source}]:{packet.SourcePort} → [{packet.Destination}]:{packet.DestinationPort}{fragment}",
            IpProtocol.Icmp or IpProtocol.IcmpV6 when packet.Icmp is { } icmp =>
                $"ICMPv{packet.Version} type {icmp.Type} code {icmp.Code} {packet.Source} → {packet.Destination}{fragment}",
            _ => $"IPv{packet.Version} proto {packet.Protocol} {packet.Source} → {packet.Destination}{fragment}",
        };
    }

    private void CheckUpperLayer(VerdictBuilder checks, IpPacket before, IpPacket after, FlowExpectation flow)
    {
        if (HeaderRuleHelpers.MapProtocol(before.Protocol, after.Version) != after.Protocol)
        {
            return;
        }

        if (before.HasUpperHeader && after.HasUpperHeader && (before.UpperError ?? after.UpperError) is { } problem)
        {
            var which = before.UpperError is null ? "after" : "before";
            checks.Check(FieldNames.TransportHeader, false, "RFC 7915 §4.5 / §5.5", "complete transport header", $"{which}: {problem}");
            return;
        }

        switch (before.Protocol)
        {
            case IpProtocol.Tcp or IpProtocol.Udp:
                TransportRules.Check(checks, Context, before, after, flow);
                break;
            case IpProtocol.Icmp or IpProtocol.IcmpV6:
                IcmpRules.Check(checks, Context, before, after, flow);
                break;
            default:
                checks.Bytes(FieldNames.Payload, before.Upper.Span, after.Upper.Span, after.Version == 6 ? "RFC 7915 §4.1" : "RFC 7915 §5.1");
                break;
        }
    }

    // An ICMP error's size depends on its embedded packet (and RFC 4884 layout); anything else keeps its payload.
    private static (int Full, int? Cap) ExpectedLength(IpPacket before, IpPacket after)
    {
        if (before.Icmp is { IsError: true, Inner: not null } && after.Icmp is not null)
        {
            return IcmpExtensionRules.ExpectedLength(before, after);
        }

        return before.Version == 6
            ? (before.LengthField - (before.HeaderLength - Ipv6Header.Length) + Ipv4Header.MinLength, null)
            : (before.LengthField - before.HeaderLength, null);
    }

    private static string At(long? index) => index is { } i ? string.Create(CultureInfo.InvariantCulture, $" #{i}") : string.Empty;
}
