using System.Globalization;
using System.Security;
using System.Text;

namespace Nat64Harness.Bench;

/// <summary>
/// The bench as one self-contained SVG (no script, no fonts or styles fetched): throughput per path, the harness's
/// bar beside iperf3's with a whisker from the smallest to the largest repetition; below, round trips per path on
/// a logarithmic axis from the minimum to the 99.9th percentile, the median marked. Inline it in a page or open it.
/// </summary>
public static class BenchSvg
{
    private const int Width = 960;
    private const int Left = 190;
    private const int Right = 30;
    private const int BarHeight = 8;
    private const int Row = 22;
    private const string Own = "#2b6cb0";
    private const string Iperf = "#dd6b20";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The SVG document.</summary>
    public static string Render(BenchRun run)
    {
        var rows = run.Paths.Sum(p => p.Comparisons().Count() + 1);
        var throughputHeight = 60 + (rows * Row);
        var latencyTop = throughputHeight + 40;
        var height = latencyTop + 50 + (run.Paths.Count * Row);
        var svg = new StringBuilder();
        svg.AppendLine(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine(Inv, $"<title>nat64h bench ({Escape(run.Options.Name)}), {Escape(run.Load.ToString())}</title>");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        Throughput(svg, run);
        Latency(svg, run, latencyTop);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Throughput(StringBuilder svg, BenchRun run)
    {
        var max = run.Paths.SelectMany(p => p.Comparisons()).SelectMany(c => new[] { c.Comparison.Harness?.Max, c.Comparison.Iperf3?.Max }).OfType<double>().DefaultIfEmpty(1e6).Max();
        var scale = NiceCeiling(max / 1e6);
        double X(double bps) => Left + ((Width - Left - Right) * Math.Min(bps / 1e6 / scale, 1));
        svg.AppendLine(Inv, $"<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Throughput, Mbit/s (median; whisker: min–max of {run.Options.Repetitions})</text>");
        Legend(svg, 34);
        Axis(svg, 50, 50 + (run.Paths.Sum(p => p.Comparisons().Count() + 1) * Row), [.. Enumerable.Range(0, 5).Select(i => scale * i / 4)], v => X(v * 1e6), v => v.ToString("0.#", Inv));
        var y = 50;
        foreach (var path in run.Paths)
        {
            svg.AppendLine(Inv, $"<text x=\"10\" y=\"{y + 15}\" font-weight=\"bold\">{Escape(path.Name)}</text>");
            y += Row;
            foreach (var (label, c) in path.Comparisons())
            {
                svg.AppendLine(Inv, $"<text x=\"{Left - 8}\" y=\"{y + 12}\" text-anchor=\"end\">{Escape(label)}</text>");
                Bar(svg, c.Harness, y + 2, Own, X);
                Bar(svg, c.Iperf3, y + 3 + BarHeight, Iperf, X);
                y += Row;
            }
        }
    }

    private static void Latency(StringBuilder svg, BenchRun run, int top)
    {
        var lat = run.Paths.Select(p => p.Latency).OfType<DelayStatistics>().ToList();
        var lo = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(lat.Select(l => l.Min).DefaultIfEmpty(0.01).Min(), 0.001))));
        var hi = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(lat.Select(l => l.P999).DefaultIfEmpty(1).Max(), lo * 10))));
        double X(double ms) => Left + ((Width - Left - Right) * (Math.Log10(Math.Clamp(ms, lo, hi)) - Math.Log10(lo)) / (Math.Log10(hi) - Math.Log10(lo)));
        svg.AppendLine(Inv, $"<text x=\"10\" y=\"{top}\" font-size=\"14\" font-weight=\"bold\">Round trip under light load, ms (line: min to p99.9; dot: median; tick: p99)</text>");
        var ticks = new List<double>();
        for (var t = lo; t <= hi * 1.0001; t *= 10)
        {
            ticks.Add(t);
        }

        Axis(svg, top + 15, top + 15 + (run.Paths.Count * Row), ticks, X, v => v.ToString("0.###", Inv));
        var y = top + 15;
        foreach (var path in run.Paths)
        {
            svg.AppendLine(Inv, $"<text x=\"{Left - 8}\" y=\"{y + 14}\" text-anchor=\"end\">{Escape(path.Name)}</text>");
            if (path.Latency is { } l)
            {
                svg.AppendLine(Inv, $"<line x1=\"{X(l.Min):F1}\" x2=\"{X(l.P999):F1}\" y1=\"{y + 10}\" y2=\"{y + 10}\" stroke=\"{Own}\" stroke-width=\"2\"/>");
                svg.AppendLine(Inv, $"<line x1=\"{X(l.P99):F1}\" x2=\"{X(l.P99):F1}\" y1=\"{y + 4}\" y2=\"{y + 16}\" stroke=\"{Own}\" stroke-width=\"2\"/>");
                svg.AppendLine(Inv, $"<circle cx=\"{X(l.Median):F1}\" cy=\"{y + 10}\" r=\"4\" fill=\"{Own}\"><title>median {l.Median:F3} ms, p99 {l.P99:F3}, p99.9 {l.P999:F3}, PDV p99.9 {l.PdvP999:F3}</title></circle>");
            }

            y += Row;
        }
    }

    private static void Bar(StringBuilder svg, Measured? m, int y, string colour, Func<double, double> x)
    {
        if (m is null)
        {
            return;
        }

        svg.AppendLine(Inv, $"<rect x=\"{Left}\" y=\"{y}\" width=\"{x(m.Median) - Left:F1}\" height=\"{BarHeight}\" fill=\"{colour}\"><title>{m.Median / 1e6:F1} Mbit/s (min {m.Min / 1e6:F1}, max {m.Max / 1e6:F1}, n={m.Count})</title></rect>");
        if (m.Count > 1)
        {
            svg.AppendLine(Inv, $"<line x1=\"{x(m.Min):F1}\" x2=\"{x(m.Max):F1}\" y1=\"{y + (BarHeight / 2)}\" y2=\"{y + (BarHeight / 2)}\" stroke=\"black\"/>");
        }
    }

    private static void Axis(StringBuilder svg, int top, int bottom, IReadOnlyList<double> ticks, Func<double, double> x, Func<double, string> label)
    {
        foreach (var t in ticks)
        {
            svg.AppendLine(Inv, $"<line x1=\"{x(t):F1}\" x2=\"{x(t):F1}\" y1=\"{top}\" y2=\"{bottom}\" stroke=\"#ddd\"/>");
            svg.AppendLine(Inv, $"<text x=\"{x(t):F1}\" y=\"{bottom + 14}\" text-anchor=\"middle\" fill=\"#555\">{label(t)}</text>");
        }
    }

    private static void Legend(StringBuilder svg, int y)
    {
        svg.AppendLine(Inv, $"<rect x=\"{Left}\" y=\"{y - 9}\" width=\"12\" height=\"{BarHeight}\" fill=\"{Own}\"/><text x=\"{Left + 16}\" y=\"{y}\">nat64h</text>");
        svg.AppendLine(Inv, $"<rect x=\"{Left + 80}\" y=\"{y - 9}\" width=\"12\" height=\"{BarHeight}\" fill=\"{Iperf}\"/><text x=\"{Left + 96}\" y=\"{y}\">iperf3</text>");
    }

    // 1, 2 or 5 times a power of ten, at or above the value: round axis ends.
    private static double NiceCeiling(double v)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(v, 1e-9))));
        return new[] { 1, 2, 5, 10 }.Select(m => m * power).First(c => c >= v);
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
