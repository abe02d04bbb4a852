using System.Text;

namespace Nat64Harness.Bench;

/// <summary>A plain-text table: columns as wide as their widest cell, two spaces apart, the first left-aligned and the rest right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells.Length == headers.Length ? cells : throw new ArgumentException($"{cells.Length} cells for {headers.Length} columns"));

    public override string ToString()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            text.AppendLine(string.Join("  ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
        }

        return text.ToString();
    }
}
