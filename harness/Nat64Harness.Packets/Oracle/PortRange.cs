using System.Globalization;

namespace Nat64Harness.Oracle;

/// <summary>An inclusive port range of a pool4 entry, e.g. <c>61001-65535</c> (Jool's default pool4 ports).</summary>
public readonly record struct PortRange
{
    /// <summary>Creates <paramref name="first"/>–<paramref name="last"/>, both included.</summary>
    public PortRange(ushort first, ushort last)
    {
        if (last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, $"the range ends before it starts ({first})");
        }

        First = first;
        Last = last;
    }

    /// <summary>Every port.</summary>
    public static PortRange All { get; } = new(0, ushort.MaxValue);

    /// <summary>Lowest port in the range.</summary>
    public ushort First { get; }

    /// <summary>Highest port in the range.</summary>
    public ushort Last { get; }

    /// <summary>Parses <c>first-last</c> or a single port.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PortRange range)
    {
        range = default;
        var dash = text.IndexOf('-');
        var firstText = (dash < 0 ? text : text[..dash]).Trim();
        var lastText = (dash < 0 ? text : text[(dash + 1)..]).Trim();
        if (!ushort.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !ushort.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last) || last < first)
        {
            return false;
        }

        range = new PortRange(first, last);
        return true;
    }

    /// <summary>Parses <c>first-last</c>.</summary>
    /// <exception cref="FormatException">Not two ports 0-65535 in order.</exception>
    public static PortRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"'{text}' is not a port range like 61001-65535");

    /// <summary>True when <paramref name="port"/> is inside the range.</summary>
    public bool Contains(int port) => port >= First && port <= Last;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}
