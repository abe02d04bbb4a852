using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// The size of a translated ICMP error and its RFC 4884 multi-part layout: the length attribute (ICMPv4: 32-bit
/// words, ICMPv6: 64-bit words), the original datagram field (the translated invoking packet, zero-padded to the unit
/// and to at least 128 octets), and the extension structure after it, copied as an opaque string.
/// </summary>
/// <remarks>
/// RFC 7915 §4.2 / §5.2 "ICMP Error Payload": translating the invoking packet changes its length, so the length
/// attribute MUST be adjusted; extensions are passed as opaque bit strings (their own checksum, RFC 4884 §7, covers
/// only the extension structure, so it stays valid). The message stays within 1280 bytes (ICMPv6, RFC 4443 §2.4 (c))
/// or 576 bytes (ICMPv4, RFC 1812 §4.3.2.3) holding as much of the invoking packet as fits; an extension that does not
/// fit beside the 128-octet minimum datagram field is removed whole (RFC 7915 §4.2: "SHOULD be simply truncated"; a
/// partial extension would fail its checksum). Truncating the translated packet down to the length unit instead of
/// padding it up is accepted: both give a valid multi-part message (RFC 4884 §4). So is translating the whole original
/// datagram field, its zero padding included, so that the field grows (IPv4 → IPv6) or shrinks by the header change
/// before it is cut or padded to the unit — the reading of RFC 7915 §4.2 "longer due to the translation" Jool follows.
/// </remarks>
internal static class IcmpExtensionRules
{
    private const int MinimumDatagram = 128;
    private const int Ipv4ErrorCap = 576;
    private const int Ipv6ErrorCap = 1280;

    /// <summary>
    /// The expected IPv4 Total Length / IPv6 Payload Length of the translation of error <paramref name="before"/>,
    /// and the cap it may be cut to (null when the length is exact).
    /// </summary>
    public static (int Full, int? Cap) ExpectedLength(IpPacket before, IpPacket after)
    {
        var b = before.Icmp!;
        var inner = b.Inner!;
        var toV6 = after.Version == 6;
        var header = toV6 ? 0 : Ipv4Header.MinLength; // IPv6 Payload Length excludes the fixed header
        var cap = toV6 ? Ipv6ErrorCap - Ipv6Header.Length : Ipv4ErrorCap;
        var delta = TranslatedHeaderLength(inner) - inner.HeaderLength;
        if (!HasExtension(b))
        {
            return (header + IcmpHeader.Length + b.Body.Length + delta, cap);
        }

        var plan = Plan(before, after);
        return plan.KeepExtension
            ? (header + IcmpHeader.Length + plan.SeenOrExpectedField + b.Extension.Length, null)
            : (header + IcmpHeader.Length + InnerPresent(inner, b) + delta, cap);
    }

    /// <summary>Judges the length attribute, padding and extension of a translated error.</summary>
    public static void Check(VerdictBuilder checks, IpPacket before, IpPacket after)
    {
        var b = before.Icmp!;
        var a = after.Icmp!;
        var version = after.Version;
        var rfc = version == 6 ? "RFC 7915 §4.2 (ICMP Error Payload) / RFC 4884 §4.2" : "RFC 7915 §5.2 (ICMP Error Payload) / RFC 4884 §4.1";
        if (!IcmpMessage.HasLengthAttribute(version, a.Type))
        {
            if (HasExtension(b))
            {
                // Nothing could delimit the extension in the translated message: only the invoking packet may follow.
                var removed = a.Body.Length <= InnerPresent(b.Inner!, b) + TranslatedHeaderLength(b.Inner!) - b.Inner!.HeaderLength;
                checks.Check(FieldNames.IcmpExtensionOf(version), removed, rfc, "removed (the translated type has no length attribute to delimit it)", removed ? "removed" : "present");
            }

            return;
        }

        if (!HasExtension(b))
        {
            checks.Equal(FieldNames.IcmpLengthOf(version), 0, a.LengthAttribute, rfc + " (no extension: 0)");
            return;
        }

        var plan = Plan(before, after);
        var unit = IcmpMessage.LengthUnit(version);
        if (!plan.KeepExtension)
        {
            checks.Check(FieldNames.IcmpLengthOf(version), a.LengthAttribute == 0, rfc,
                $"0 (the {b.Extension.Length}-byte extension does not fit in {(version == 6 ? Ipv6ErrorCap : Ipv4ErrorCap)} bytes beside a {MinimumDatagram}-byte datagram: removed)",
                $"{a.LengthAttribute}");
            return;
        }

        var seen = a.LengthAttribute * unit;
        var lengthPassed = plan.Accepted.Contains(seen) && !a.LengthAttributeInvalid;
        checks.Check(FieldNames.IcmpLengthOf(version), lengthPassed, rfc,
            $"{string.Join(" or ", plan.Accepted.Distinct().Select(bytes => $"{bytes / unit} ({bytes} bytes)"))}{plan.Why}", $"{a.LengthAttribute} ({seen} bytes)");
        if (a.LengthAttributeInvalid || !plan.Accepted.Contains(seen))
        {
            return;
        }

        var carried = a.Inner is { } translated ? Math.Min(Declared(translated), seen) : seen;
        var padding = a.OriginalDatagram.Span[carried..];
        var zero = !padding.ContainsAnyExcept((byte)0);
        checks.Check(FieldNames.IcmpPaddingOf(version), zero, "RFC 4884 §4.1 / §4.2 (zero padding)", $"{padding.Length} zero bytes after the {carried}-byte translated packet",
            zero ? "zero" : "non-zero");
        checks.Bytes(FieldNames.IcmpExtensionOf(version), b.Extension.Span, a.Extension.Span, rfc + " (extension copied as an opaque string)");
        if (b.Extension.Length >= 4)
        {
            var wasValid = ExtensionChecksumValid(b.Extension.Span);
            var isValid = ExtensionChecksumValid(a.Extension.Span);
            checks.Check(FieldNames.IcmpExtensionChecksumOf(version), isValid == wasValid, "RFC 4884 §7", wasValid ? "valid or zero (as in the input)" : "as in the input (invalid)",
                isValid ? "valid or zero" : "invalid");
        }
    }

    /// <summary>True when the message carries an RFC 4884 extension structure the oracle can delimit.</summary>
    public static bool HasExtension(IcmpMessage icmp) => icmp.LengthAttribute > 0 && !icmp.LengthAttributeInvalid && icmp.Inner is not null;

    /// <summary>RFC 4884 §7: one's-complement checksum over the extension structure; zero means none was computed.</summary>
    public static bool ExtensionChecksumValid(ReadOnlySpan<byte> extension) =>
        extension.Length >= 4 && ((extension[2] | extension[3]) == 0 || InternetChecksum.Fold(InternetChecksum.Sum(extension)) == 0xFFFF);

    private static ExtensionPlan Plan(IpPacket before, IpPacket after)
    {
        var b = before.Icmp!;
        var inner = b.Inner!;
        var version = after.Version;
        var unit = IcmpMessage.LengthUnit(version);
        var room = (version == 6 ? Ipv6ErrorCap - Ipv6Header.Length : Ipv4ErrorCap - Ipv4Header.MinLength) - IcmpHeader.Length;
        var extension = b.Extension.Length;
        if (MinimumDatagram + extension > room || !IcmpMessage.HasLengthAttribute(version, after.Icmp!.Type))
        {
            return new ExtensionPlan(false, [], 0, string.Empty);
        }

        var delta = TranslatedHeaderLength(inner) - inner.HeaderLength;
        var translated = InnerPresent(inner, b) + delta;
        var padded = Math.Max(MinimumDatagram, RoundUp(translated, unit));

        // The whole field translated, its zero padding carried along: the length attribute grows or shrinks with the
        // header ("e.g., longer due to the translation from IPv4 to IPv6", RFC 7915 §4.2), and the result, cut or
        // padded to the unit, is still a field of at least 128 zero-padded octets (RFC 4884 §4, §5). Jool does this.
        var field = b.OriginalDatagram.Length + delta;
        int[] whole = field > translated ? [Math.Max(MinimumDatagram, RoundUp(field, unit)), Math.Max(MinimumDatagram, field / unit * unit)] : [];
        int[] accepted;
        string why;
        if (padded + extension <= room)
        {
            accepted = [padded, Math.Max(MinimumDatagram, translated / unit * unit), .. whole.Where(bytes => bytes + extension <= room)];
            why = $": the {translated}-byte translated packet padded to {unit}-byte words and ≥ {MinimumDatagram} bytes, or cut to the last whole word"
                + (whole.Length > 0 ? $"; or the whole {b.OriginalDatagram.Length}-byte field translated with its padding ({field} bytes) padded or cut to the word" : string.Empty);
        }
        else
        {
            accepted = [(room - extension) / unit * unit];
            why = $": as much of the translated packet as fits beside the {extension}-byte extension in {room + IcmpHeader.Length + (version == 6 ? Ipv6Header.Length : Ipv4Header.MinLength)} bytes";
        }

        var seen = after.Icmp!.LengthAttribute * unit;
        return new ExtensionPlan(true, accepted, accepted.Contains(seen) ? seen : accepted[0], why);
    }

    // Header bytes of the translated invoking packet: options and extension headers are not translated; a Fragment
    // header appears for an IPv4 fragment.
    private static int TranslatedHeaderLength(IpPacket inner) =>
        inner.Version == 4 ? Ipv6Header.Length + (inner.Fragment is null ? 0 : Ipv6FragmentHeader.Length) : Ipv4Header.MinLength;

    // Bytes of the invoking packet present in the original datagram field (the rest of the field is padding).
    private static int InnerPresent(IpPacket inner, IcmpMessage icmp) => Math.Min(Declared(inner), icmp.OriginalDatagram.Length);

    private static int Declared(IpPacket packet) => packet.Version == 4 ? packet.LengthField : Ipv6Header.Length + packet.LengthField;

    private static int RoundUp(int value, int unit) => (value + unit - 1) / unit * unit;

    private sealed record ExtensionPlan(bool KeepExtension, int[] Accepted, int SeenOrExpectedField, string Why);
}
