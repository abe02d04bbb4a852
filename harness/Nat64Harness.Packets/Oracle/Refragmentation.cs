using System.Buffers.Binary;
using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Translations whose fragment boundaries differ from the original's: a translator fragments a DF=0 IPv4 packet or
/// fragment too large for the minimum IPv6 MTU (RFC 7915 §4.1: "the packet SHOULD be fragmented so the resulting IPv6
/// packet ... will be less than or equal to" it), and a stateful NAT64 may reassemble first (RFC 6146 §3.4). The
/// pieces on each side are put back together into the packet (or fragment) they make up, that pair is judged as
/// usual, and each translated piece is judged on its own header.
/// </summary>
internal static class Refragmentation
{
    private const string Rule = "RFC 7915 §4.1 (fragmented by the translator)";

    /// <summary>The contiguous run of fragments of one datagram that <paramref name="original"/> belongs to.</summary>
    public static bool Chain(PendingPacket original, List<PendingPacket> sameDatagram, out List<PendingPacket> chain)
    {
        chain = [original];
        if (original.Parsed.Fragment is null)
        {
            return true;
        }

        var ordered = sameDatagram.OrderBy(p => p.Parsed.Fragment!.Offset).ToList();
        var at = ordered.IndexOf(original);
        var first = at;
        while (first > 0 && End(ordered[first - 1]) == Start(ordered[first]))
        {
            first--;
        }

        var last = at;
        while (last < ordered.Count - 1 && End(ordered[last]) == Start(ordered[last + 1]))
        {
            last++;
        }

        chain = ordered.GetRange(first, last - first + 1);
        return true;
    }

    /// <summary>True when <paramref name="group"/> (packets of the other IP version) carries exactly the bytes of <paramref name="chain"/>.</summary>
    public static bool Covers(List<PendingPacket> chain, List<PendingPacket> group, bool stateful, out List<PendingPacket> ordered)
    {
        ordered = [.. group.OrderBy(p => p.Parsed.Fragment?.Offset ?? 0)];
        var original = chain[0].Parsed;
        var protocol = HeaderRuleHelpers.MapProtocol(original.Protocol, original.Version == 4 ? 6 : 4);
        if (Start(ordered[0]) != Start(chain[0]) || MoreFollows(ordered[^1]) != MoreFollows(chain[^1]))
        {
            return false;
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Parsed.Protocol != protocol || (i > 0 && Start(ordered[i]) != End(ordered[i - 1])))
            {
                return false;
            }
        }

        if (End(ordered[^1]) != End(chain[^1]))
        {
            return false;
        }

        var expected = Concatenate(chain);
        var seen = Concatenate(ordered);
        return SameBytes(original, Start(chain[0]), stateful, expected, seen);
    }

    /// <summary>Judges the translation: the packet the pieces make up against the one the originals make up, then each translated piece.</summary>
    public static TranslationVerdict Judge(TranslationOracle oracle, List<PendingPacket> originals, List<PendingPacket> translations)
    {
        var original = originals.Count == 1 ? originals[0].Parsed : Reassemble(originals);
        var translated = translations.Count == 1 ? translations[0].Parsed : Reassemble(translations);
        var description = $"{TranslationOracle.Describe(originals[0].Parsed)}{Pieces(originals)} → {Pieces(translations, translations[0].Version)}";
        if (original is null || translated is null)
        {
            return TranslationOracle.Unjudgeable(originals[0].Packet.Index, translations[0].Packet.Index, $"{description}: the pieces do not make up a decodable packet");
        }

        // Every check kept, whatever the oracle's mode: the DF check may be rewritten below, passing or failing.
        var verdict = oracle.Judge(original, translated, originals[0].Packet.Index, translations[0].Packet.Index, keepPassing: true);
        if (original.Version == 6 && originals.Count > 1 && translated.Fragment is null)
        {
            // Reassembled (RFC 6146 §3.4) before translation: the IPv6 sender fragmented it, so, as for a fragment
            // (RFC 7915 §5.1.1), DF is cleared and the IPv4 packet may be fragmented further.
            verdict = verdict with
            {
                Checks = [.. verdict.Checks.Select(c => c.Field == FieldNames.Ipv4Df
                    ? new FieldCheck(FieldNames.Ipv4Df, "0 (the IPv6 sender fragmented it)", translated.DontFragment ? "1" : "0", !translated.DontFragment, "RFC 7915 §5.1.1 / RFC 6146 §3.4")
                    : c)],
            };
        }

        var checks = new VerdictBuilder();
        if (translations.Count > 1)
        {
            CheckPieces(checks, oracle.Context, originals[0].Parsed, translations);
        }

        return verdict with { Description = description, Checks = [.. verdict.Checks, .. checks.Checks], CheckCount = verdict.CheckCount + checks.Count };
    }

    private static void CheckPieces(VerdictBuilder checks, TranslationContext context, IpPacket original, List<PendingPacket> translations)
    {
        var first = translations[0].Parsed;
        var v6 = first.Version == 6;
        var limit = v6 ? context.LowestIpv6Mtu : context.Ipv4NextHopMtu;

        // RFC 7915 §4.1: the IPv6 Identification is the IPv4 one, high 16 bits zero; §5.1.1: the IPv4 one is the low 16 bits.
        uint? identification = v6 ? original.Identification : original.Fragment is { } f ? f.Identification & 0xFFFF : null;
        for (var i = 0; i < translations.Count; i++)
        {
            var piece = translations[i].Parsed;
            var fragment = piece.Fragment!;
            var size = piece.Version == 6 ? Ipv6Header.Length + piece.LengthField : piece.LengthField;
            if (limit is { } mtu)
            {
                checks.Check(v6 ? FieldNames.Ipv6PayloadLength : FieldNames.Ipv4TotalLength, size <= mtu, v6 ? Rule : "RFC 7915 §5.1 / RFC 791 §2.3", $"a packet of at most {mtu} bytes (fragment {i + 1} of {translations.Count})", $"{size}");
            }

            if (i < translations.Count - 1)
            {
                checks.Check(v6 ? FieldNames.Ipv6FragmentOffset : FieldNames.Ipv4FragmentOffset, piece.Upper.Length % 8 == 0, v6 ? "RFC 8200 §4.5" : "RFC 791 §3.2", "fragment data a multiple of 8 bytes", $"{piece.Upper.Length} bytes in fragment {i + 1}");
            }

            if (identification is { } id)
            {
                checks.Equal(v6 ? FieldNames.Ipv6FragmentIdentification : FieldNames.Ipv4Identification, id, fragment.Identification, v6 ? "RFC 7915 §4.1 (Identification copied from the IPv4 header, high 16 bits zero)" : "RFC 7915 §5.1.1");
            }

            if (i > 0)
            {
                checks.Equal(FieldNames.HopLimit(piece.Version), (int)first.HopLimit, (int)piece.HopLimit, Rule);
                checks.Equal(v6 ? FieldNames.Ipv6TrafficClass : FieldNames.Ipv4Tos, (int)first.TrafficClass, (int)piece.TrafficClass, Rule);
                checks.Check(v6 ? FieldNames.Ipv6Source : FieldNames.Ipv4Source, piece.Source.Equals(first.Source), Rule, $"{first.Source}", $"{piece.Source}");
                checks.Check(v6 ? FieldNames.Ipv6Destination : FieldNames.Ipv4Destination, piece.Destination.Equals(first.Destination), Rule, $"{first.Destination}", $"{piece.Destination}");
                if (v6)
                {
                    checks.Equal(FieldNames.Ipv6FlowLabel, 0, piece.FlowLabel, "RFC 7915 §4.1");
                    checks.Equal(FieldNames.Ipv6ExtensionHeaders, 0, piece.SkippedExtensionLength, "RFC 7915 §4.1 (no extension headers but Fragment)");
                }
            }
        }
    }

    // The packet the pieces make up: the first piece's fixed header, a Fragment header / MF and offset only when the
    // pieces are not the whole datagram, and every piece's bytes in order.
    private static IpPacket? Reassemble(List<PendingPacket> pieces)
    {
        var first = pieces[0].Parsed;
        var start = Start(pieces[0]);
        var more = MoreFollows(pieces[^1]);
        var fragment = start != 0 || more;
        var data = Concatenate(pieces);
        byte[] bytes;
        if (first.Version == 4)
        {
            bytes = new byte[Ipv4Header.MinLength + data.Length];
            first.Bytes.Span[..Ipv4Header.MinLength].CopyTo(bytes);
            bytes[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)bytes.Length);
            var flags = (first.DontFragment ? 0x4000 : 0) | (fragment ? (more ? 0x2000 : 0) | (start / 8) : 0);
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), (ushort)flags);
            bytes[9] = first.Protocol;
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), 0);
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), InternetChecksum.Complement(InternetChecksum.Sum(bytes.AsSpan(0, Ipv4Header.MinLength))));
            data.CopyTo(bytes, Ipv4Header.MinLength);
        }
        else
        {
            var header = fragment ? Ipv6FragmentHeader.Length : 0;
            bytes = new byte[Ipv6Header.Length + header + data.Length];
            first.Bytes.Span[..Ipv6Header.Length].CopyTo(bytes);
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)(header + data.Length));
            bytes[6] = fragment ? IpProtocol.Fragment : first.Protocol;
            if (fragment)
            {
                bytes[40] = first.Protocol;
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(42), (ushort)(start | (more ? 1 : 0)));
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(44), first.Fragment!.Identification);
            }

            data.CopyTo(bytes, Ipv6Header.Length + header);
        }

        return IpPacket.TryParse(bytes, embedded: false, out var packet, out _) ? packet : null;
    }

    private static byte[] Concatenate(List<PendingPacket> pieces)
    {
        var bytes = new byte[pieces.Sum(p => p.Parsed.Upper.Length)];
        var at = 0;
        foreach (var piece in pieces)
        {
            piece.Parsed.Upper.Span.CopyTo(bytes.AsSpan(at));
            at += piece.Parsed.Upper.Length;
        }

        return bytes;
    }

    private static int Start(PendingPacket p) => (p.Parsed.Fragment?.Offset ?? 0) * 8;

    private static int End(PendingPacket p) => Start(p) + p.Parsed.Upper.Length;

    private static bool MoreFollows(PendingPacket p) => p.Parsed.Fragment?.MoreFragments == true;

    private static string Pieces(List<PendingPacket> pieces, int version = 0) =>
        version == 0 ? (pieces.Count == 1 ? string.Empty : $" ({pieces.Count} fragments)")
        : pieces.Count == 1 ? $"1 IPv{version} packet" : $"{pieces.Count} IPv{version} fragments";

    // Bytes a translation may change are left out of the match (judged afterwards): checksums, ICMP type and code, and
    // for a stateful NAT64 the client-side port or identifier the BIB rewrites. The server-side port always counts:
    // an echo reply carries the request's payload, and must not be taken for its translation.
    private static bool SameBytes(IpPacket original, int start, bool stateful, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> seen)
    {
        if (expected.Length != seen.Length)
        {
            return false;
        }

        if (start > 0)
        {
            return expected.SequenceEqual(seen);
        }

        var header = original.Protocol == IpProtocol.Tcp ? TcpHeader.MinLength : 8;
        if (expected.Length < header)
        {
            return false;
        }

        var clientPort = original.Version == 6 ? 0 : 2; // going out the client sends, coming back it receives
        var icmp = original.Protocol is IpProtocol.Icmp or IpProtocol.IcmpV6;
        for (var i = 0; i < header; i++)
        {
            var mayDiffer = icmp
                ? i < 4 || (stateful && i is 4 or 5)
                : i is 6 or 7 && original.Protocol == IpProtocol.Udp || i is 16 or 17 && original.Protocol == IpProtocol.Tcp
                    || (stateful && (i == clientPort || i == clientPort + 1));
            if (!mayDiffer && expected[i] != seen[i])
            {
                return false;
            }
        }

        return expected[header..].SequenceEqual(seen[header..]);
    }
}
