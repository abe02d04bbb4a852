using System.Globalization;

namespace Nat64Harness.Oracle;

/// <summary>Collects field checks; a nested builder prefixes field names (e.g. "inner.") and shares the list.</summary>
internal sealed class VerdictBuilder
{
    private readonly List<FieldCheck> _checks;
    private readonly string _prefix;

    public VerdictBuilder()
        : this([], string.Empty)
    {
    }

    private VerdictBuilder(List<FieldCheck> checks, string prefix)
    {
        _checks = checks;
        _prefix = prefix;
    }

    public IReadOnlyList<FieldCheck> Checks => _checks;

    public bool IsInner => _prefix.Length > 0;

    public VerdictBuilder Nested(string prefix) => new(_checks, _prefix + prefix);

    // Typed overloads: the generic path would box both values of every check on the hot path.
    public void Equal(string field, int expected, int seen, string rfc) =>
        Check(field, expected.ToString(CultureInfo.InvariantCulture), seen.ToString(CultureInfo.InvariantCulture), expected == seen, rfc);

    public void Equal(string field, long expected, long seen, string rfc) =>
        Check(field, expected.ToString(CultureInfo.InvariantCulture), seen.ToString(CultureInfo.InvariantCulture), expected == seen, rfc);

    public void Equal(string field, uint expected, uint seen, string rfc) =>
        Check(field, expected.ToString(CultureInfo.InvariantCulture), seen.ToString(CultureInfo.InvariantCulture), expected == seen, rfc);

    public void Equal(string field, bool expected, bool seen, string rfc) =>
        Check(field, expected ? "1" : "0", seen ? "1" : "0", expected == seen, rfc);

    public void Check(string field, string expected, string seen, bool passed, string rfc) =>
        _checks.Add(new FieldCheck(_prefix + field, expected, seen, passed, rfc));

    public static string Text<T>(T value) => value switch
    {
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        null => "(none)",
        _ => value.ToString() ?? "(none)",
    };

    public static string Hex(byte value) => "0x" + value.ToString("x2", CultureInfo.InvariantCulture);

    /// <summary>Compares two byte runs, ignoring the 16-bit checksum at <paramref name="checksumOffset"/> (−1: none).</summary>
    public void BytesExceptChecksum(string field, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> seen, int checksumOffset, string rfc)
    {
        var cut = checksumOffset < 0 ? expected.Length : Math.Min(checksumOffset, expected.Length);
        var resume = Math.Min(cut + 2, expected.Length);
        if (expected.Length == seen.Length && expected[..cut].SequenceEqual(seen[..cut]) && expected[resume..].SequenceEqual(seen[resume..]))
        {
            Check(field, $"{expected.Length} bytes", $"{seen.Length} bytes, identical", true, rfc);
            return;
        }

        // Only a failure pays for the copies that locate the first difference.
        Bytes(field, TransportRules.WithoutChecksum(expected, checksumOffset), TransportRules.WithoutChecksum(seen, checksumOffset), rfc);
    }

    /// <summary>Compares two byte runs; the text says where they first differ.</summary>
    public void Bytes(string field, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> seen, string rfc)
    {
        if (expected.SequenceEqual(seen))
        {
            Check(field, $"{expected.Length} bytes", $"{seen.Length} bytes, identical", true, rfc);
            return;
        }

        var at = expected.CommonPrefixLength(seen);
        var e = at < expected.Length ? Hex(expected[at]) : "end";
        var s = at < seen.Length ? Hex(seen[at]) : "end";
        Check(field, $"{expected.Length} bytes; byte {at} = {e}", $"{seen.Length} bytes; byte {at} = {s}", false, rfc);
    }
}
