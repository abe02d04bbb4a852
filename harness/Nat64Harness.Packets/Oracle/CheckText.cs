using System.Globalization;
using System.Runtime.CompilerServices;

namespace Nat64Harness.Oracle;

/// <summary>
/// The expected or seen text of one check, formatted only when the check is kept: always for a failure, for a passing
/// check only when the builder keeps passing checks. A passing check that is only counted costs its comparison and
/// nothing else: the compiler skips every hole of the interpolated string.
/// </summary>
[InterpolatedStringHandler]
internal ref struct CheckText
{
    private readonly string? _text;
    private readonly bool _formatting;
    private DefaultInterpolatedStringHandler _builder;

    /// <summary>Called by the compiler for <c>$"…"</c> arguments; <paramref name="keep"/> false skips the formatting.</summary>
    public CheckText(int literalLength, int formattedCount, VerdictBuilder checks, bool passed, out bool keep)
    {
        keep = _formatting = checks.Keeps(passed);
        _text = null;
        _builder = keep ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
    }

    private CheckText(string text)
    {
        _text = text;
        _formatting = false;
        _builder = default;
    }

    /// <summary>A text that already exists (a constant, or one the rule had to build anyway).</summary>
    public static implicit operator CheckText(string text) => new(text);

    public void AppendLiteral(string value) => _builder.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _builder.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _builder.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _builder.AppendFormatted(value);

    /// <summary>The text; empty when the check is only counted.</summary>
    public string ToStringAndClear() => _text ?? (_formatting ? _builder.ToStringAndClear() : string.Empty);
}
