using System.Text;
using System.Text.RegularExpressions;

namespace Nat64Harness.Tests.FaultMatrix;

/// <summary>
/// The fault matrix the suite must reproduce, stored in the repository (<c>fault-matrix.expected.txt</c>): a header
/// naming the columns, then one row per VPN. A row is the VPN's name, one cell per column (<c>.</c> passed,
/// <c>X</c> caught naming the symptom, <c>x</c> failed without naming it, <c>K</c> a clean VPN's known deviation),
/// then <c>symptom: regex</c> (a fault) or <c>known: regex</c> (a clean VPN's deviations). <c>#</c> starts a comment.
/// </summary>
public sealed class ExpectedMatrix
{
    private ExpectedMatrix(IReadOnlyList<string> columns, IReadOnlyList<MatrixRow> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows, in order: the clean VPNs first by convention.</summary>
    public IReadOnlyList<MatrixRow> Rows { get; }

    /// <summary>Parses the file's text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">No header, a row with the wrong number of cells or an unknown cell, a bad pattern, a row twice: named by line.</exception>
    public static ExpectedMatrix Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyList<string>? columns = null;
        var rows = new List<MatrixRow>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns is null)
            {
                columns = words[0] == "vpn" ? words[1..] : throw new FormatException($"{source}:{number}: the first row must be the header 'vpn <column> ...'");
                continue;
            }

            rows.Add(Row(words, line, columns.Count, source, number));
        }

        var twice = rows.GroupBy(r => r.Vpn).FirstOrDefault(g => g.Count() > 1);
        return columns is null ? throw new FormatException($"{source}: no header row")
            : twice is not null ? throw new FormatException($"{source}:{twice.Last().Line}: row {twice.Key} appears twice")
            : new ExpectedMatrix(columns, rows);
    }

    /// <summary>This matrix with only the rows of <paramref name="vpns"/> (a part of the matrix run on its own topology).</summary>
    public ExpectedMatrix Only(IEnumerable<string> vpns)
    {
        var wanted = vpns.ToHashSet(StringComparer.Ordinal);
        return new ExpectedMatrix(Columns, Rows.Where(r => wanted.Contains(r.Vpn)).ToList());
    }

    /// <summary>Every difference between this matrix and <paramref name="actual"/> (VPN → its column failures, null where passed).</summary>
    public IReadOnlyList<string> Compare(IReadOnlyDictionary<string, IReadOnlyList<string?>> actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        foreach (var row in Rows)
        {
            if (!actual.TryGetValue(row.Vpn, out var failures))
            {
                differences.Add($"{row.Vpn}: expected (line {row.Line}) but not run: is it still declared?");
                continue;
            }

            for (var c = 0; c < Columns.Count; c++)
            {
                var seen = row.Classify(failures[c]);
                if (seen != row.Cells[c])
                {
                    differences.Add($"{row.Vpn} / {Columns[c]}: expected {Symbol(row.Cells[c])}, seen {Symbol(seen)}{(failures[c] is { } f ? $": {f}" : "")}");
                }
            }
        }

        differences.AddRange(actual.Keys.Where(vpn => Rows.All(r => r.Vpn != vpn)).Select(vpn => $"{vpn}: run, but the expected matrix has no row for it: add one"));
        return differences;
    }

    /// <summary>The file's symbol for a cell.</summary>
    public static char Symbol(MatrixCell cell) => cell switch
    {
        MatrixCell.Passed => '.',
        MatrixCell.Caught => 'X',
        MatrixCell.Failed => 'x',
        _ => 'K',
    };

    /// <summary>
    /// The matrix as seen, in this file's format (rows in <paramref name="order"/>, each with its expected row's
    /// pattern when there is one), then every failure by row and column: what captures/fault-matrix.txt holds.
    /// </summary>
    public string Render(IReadOnlyList<string> order, IReadOnlyDictionary<string, IReadOnlyList<string?>> actual)
    {
        ArgumentNullException.ThrowIfNull(order);
        var width = Math.Max(order.Max(v => v.Length), 3) + 2;
        var sb = new StringBuilder($"{"vpn".PadRight(width)}{string.Concat(Columns.Select(c => c.PadRight(c.Length + 2)))}\n");
        foreach (var vpn in order)
        {
            var row = Rows.FirstOrDefault(r => r.Vpn == vpn) ?? new MatrixRow(vpn, [], null, 0);
            sb.Append(vpn.PadRight(width));
            for (var c = 0; c < Columns.Count; c++)
            {
                sb.Append(Symbol(row.Classify(actual[vpn][c])).ToString().PadRight(Columns[c].Length + 2));
            }

            sb.Append(row.Pattern is null ? "" : $"{(row.IsFault ? "symptom" : "known")}: {row.Pattern}").Append('\n');
        }

        var faults = order.Count(v => v.Contains(':', StringComparison.Ordinal));
        var caught = order.Count(v => v.Contains(':', StringComparison.Ordinal) && actual[v].Any(f => Rows.FirstOrDefault(r => r.Vpn == v)?.Classify(f) == MatrixCell.Caught));
        sb.Append($"{caught} of {faults} faults caught naming their symptom\n");
        foreach (var vpn in order)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                if (actual[vpn][c] is { } failure)
                {
                    sb.Append($"  {vpn} / {Columns[c]}: {failure}\n");
                }
            }
        }

        return sb.ToString();
    }

    private static MatrixRow Row(string[] words, string line, int columns, string source, int number)
    {
        if (words.Length < columns + 1)
        {
            throw new FormatException($"{source}:{number}: {words[0]} has {words.Length - 1} cells for {columns} columns");
        }

        var cells = words[1..(columns + 1)].Select(w => w switch
        {
            "." => MatrixCell.Passed,
            "X" => MatrixCell.Caught,
            "x" => MatrixCell.Failed,
            "K" => MatrixCell.Known,
            _ => throw new FormatException($"{source}:{number}: cell '{w}' of {words[0]}: use . X x K"),
        }).ToList();
        var rest = string.Join(' ', words[(columns + 1)..]);
        Regex? pattern = null;
        if (rest.Length > 0)
        {
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? rest : rest[..colon];
            if (key is not ("symptom" or "known"))
            {
                throw new FormatException($"{source}:{number}: after the cells, 'symptom: <regex>' or 'known: <regex>', not '{rest}'");
            }

            try
            {
                pattern = new Regex(rest[(colon + 1)..].Trim(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"{source}:{number}: bad pattern: {e.Message}", e);
            }
        }

        var row = new MatrixRow(words[0], cells, pattern, number);
        if (cells.Any(c => c is MatrixCell.Caught or MatrixCell.Known) && pattern is null)
        {
            throw new FormatException($"{source}:{number}: {words[0]} has X or K cells but no pattern to recognise them by");
        }

        if (row.IsFault ? cells.Contains(MatrixCell.Known) : cells.Contains(MatrixCell.Caught))
        {
            throw new FormatException($"{source}:{number}: {words[0]}: X belongs to a fault's row, K to a clean VPN's");
        }

        return row;
    }
}
