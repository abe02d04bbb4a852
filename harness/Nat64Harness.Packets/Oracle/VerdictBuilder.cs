using System.Globalization;
using System.Runtime.CompilerServices;

namespace Nat64Harness.Oracle;

/// <summary>
/// Collects field checks; a nested builder prefixes field names (e.g. "inner.") and adds to its root. Every check is
/// counted; a failure is always kept with its texts, a passing check only when <see cref="KeepsPassing"/> (the oracle's
/// detail mode). Streaming a long capture, a passing pair so costs its comparisons and no text.
/// </summary>
internal sealed class VerdictBuilder
{
    private readonly VerdictBuilder _root;
    private readonly string _prefix;
    private bool _keepPassing;
    private int _count;
    private List<FieldCheck>? _kept;

    /// <summary>A builder that keeps every check (<paramref name="keepPassing"/> true) or counts the passing ones.</summary>
    public VerdictBuilder(bool keepPassing = true)
    {
        _root = this;
        _prefix = string.Empty;
        _keepPassing = keepPassing;
    }

    private VerdictBuilder(VerdictBuilder root, string prefix)
    {
        _root = root;
        _prefix = prefix;
    }

    /// <summary>The checks kept: every one, or the failures only.</summary>
    public IReadOnlyList<FieldCheck> Checks => (IReadOnlyList<FieldCheck>?)_root._kept ?? [];

    /// <summary>Every check made, kept or only counted.</summary>
    public int Count => _root._count;

    /// <summary>True when passing checks are kept with their texts.</summary>
    public bool KeepsPassing => _root._keepPassing;

    public bool IsInner => _prefix.Length > 0;

    public VerdictBuilder Nested(string prefix) => new(_root, _prefix + prefix);

    /// <summary>True when a check with this outcome is kept (so its texts are worth formatting).</summary>
    public bool Keeps(bool passed) => !passed || _root._keepPassing;

    /// <summary>
    /// Makes a root builder empty again, for the next verdict; the checks kept so far stay with whoever took
    /// <see cref="Checks"/> (an oracle reuses its builder instead of allocating one per pair).
    /// </summary>
    public void Reset(bool keepPassing)
    {
        if (_root != this)
        {
            throw new InvalidOperationException("only a root builder is reset");
        }

        _keepPassing = keepPassing;
        _count = 0;
        _kept = null;
    }

    // Typed overloads: values are formatted only for a check that is kept, and never boxed.
    public void Equal(string field, int expected, int seen, string rfc)
    {
        if (Counted(expected == seen))
        {
            Add(field, expected.ToString(CultureInfo.InvariantCulture), seen.ToString(CultureInfo.InvariantCulture), expected == seen, rfc);
        }
    }

    public void Equal(string field, long expected, long seen, string rfc)
    {
        if (Counted(expected == seen))
        {
            Add(field, expected.ToString(CultureInfo.InvariantCulture), seen.ToString(CultureInfo.InvariantCulture), expected == seen, rfc);
        }
    }

    public void Equal(string field, uint expected, uint seen, string rfc)
    {
        if (Counted(expected == seen))
        {
            Add(field, expected.ToString(CultureInfo.InvariantCulture), seen.ToString(CultureInfo.InvariantCulture), expected == seen, rfc);
        }
    }

    public void Equal(string field, bool expected, bool seen, string rfc)
    {
        if (Counted(expected == seen))
        {
            Add(field, Text(expected), Text(seen), expected == seen, rfc);
        }
    }

    /// <summary>
    /// One check. <paramref name="passed"/> comes before the texts so that <c>$"…"</c> texts are formatted only when the
    /// check is kept; a plain string argument is taken as it is.
    /// </summary>
    public void Check(
        string field,
        bool passed,
        string rfc,
        [InterpolatedStringHandlerArgument("", "passed")] CheckText expected,
        [InterpolatedStringHandlerArgument("", "passed")] CheckText seen)
    {
        if (Counted(passed))
        {
            Add(field, expected.ToStringAndClear(), seen.ToStringAndClear(), passed, rfc);
        }
    }

    /// <summary>Adds a check whose texts were made elsewhere (a rewritten check, a check from another verdict).</summary>
    public void Add(FieldCheck check)
    {
        _root._count++;
        if (Keeps(check.Passed))
        {
            (_root._kept ??= []).Add(check);
        }
    }

    public static string Text(bool value) => value ? "1" : "0";

    public static string Text<T>(T value) => value switch
    {
        bool b => Text(b),
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
            Check(field, true, rfc, $"{expected.Length} bytes", $"{seen.Length} bytes, identical");
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
            Check(field, true, rfc, $"{expected.Length} bytes", $"{seen.Length} bytes, identical");
            return;
        }

        var at = expected.CommonPrefixLength(seen);
        var e = at < expected.Length ? Hex(expected[at]) : "end";
        var s = at < seen.Length ? Hex(seen[at]) : "end";
        Check(field, false, rfc, $"{expected.Length} bytes; byte {at} = {e}", $"{seen.Length} bytes; byte {at} = {s}");
    }

    // Counts the check; true when it is kept and its texts must be made.
    private bool Counted(bool passed)
    {
        _root._count++;
        return Keeps(passed);
    }

    private void Add(string field, string expected, string seen, bool passed, string rfc) =>
        (_root._kept ??= []).Add(new FieldCheck(_prefix + field, expected, seen, passed, rfc));
}
