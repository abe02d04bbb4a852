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

    public void Equal<T>(string field, T expected, T seen, string rfc)
        where T : IEquatable<T> =>
        Check(field, Text(expected), Text(seen), expected.Equals(seen), rfc);

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
