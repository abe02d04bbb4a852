using System.Globalization;
using System.Text;

namespace Nat64Harness.Capture;

/// <summary>Formats bytes as a classic offset / hex / ASCII dump for error messages.</summary>
public static class HexDump
{
    private const int BytesPerLine = 16;

    /// <summary>
    /// Dumps at most <paramref name="maxBytes"/> bytes; offsets printed start at <paramref name="baseOffset"/>
    /// so they match the byte offsets in the file.
    /// </summary>
    public static string Format(ReadOnlySpan<byte> bytes, long baseOffset = 0, int maxBytes = 256)
    {
        var shown = bytes[..Math.Min(bytes.Length, maxBytes)];
        var text = new StringBuilder();
        for (var line = 0; line < shown.Length; line += BytesPerLine)
        {
            var chunk = shown.Slice(line, Math.Min(BytesPerLine, shown.Length - line));
            text.Append((baseOffset + line).ToString("x8", CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < BytesPerLine; i++)
            {
                text.Append(i < chunk.Length ? chunk[i].ToString("x2", CultureInfo.InvariantCulture) : "  ");
                text.Append(i == 7 ? "  " : " ");
            }

            text.Append(" |");
            foreach (var b in chunk)
            {
                text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }

            text.Append("|\n");
        }

        if (shown.Length < bytes.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"... ({bytes.Length - shown.Length} more bytes)\n");
        }

        return shown.IsEmpty ? "(no bytes)\n" : text.ToString();
    }
}
