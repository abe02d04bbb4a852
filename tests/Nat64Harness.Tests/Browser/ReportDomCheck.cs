using System.Text.Json;
using Microsoft.Playwright;

namespace Nat64Harness.Tests.Browser;

/// <summary>
/// Opens a report.html in the browser and lists what is wrong with it as a person would see it: an exchange with
/// fewer arrows than its pcaps hold packets, a failed packet not drawn as failed, a failed exchange without its
/// failed fields in red, a pair drawn without its link, any console error, uncaught exception or request that
/// leaves the file.
/// </summary>
public static class ReportDomCheck
{
    // Read in the page: per exchange section, what is drawn and how.
    private const string Survey = """
        () => Array.from(document.querySelectorAll('section.exchange')).map(s => {
          const arrows = Array.from(s.querySelectorAll('svg.ladder g.pkt'));
          const pairs = {};
          arrows.forEach(a => { const p = a.getAttribute('data-pair'); if (p) { pairs[p] = (pairs[p] || 0) + 1; } });
          const links = new Set(Array.from(s.querySelectorAll('path.pairlink')).map(l => l.getAttribute('data-pair')));
          const failureCell = s.querySelector('tr.failure td.field');
          return {
            name: s.getAttribute('data-exchange'),
            passed: s.getAttribute('data-passed') === 'true',
            packets: Number(s.getAttribute('data-packets')),
            omitted: Number(s.getAttribute('data-omitted')),
            arrows: arrows.length,
            failedArrows: arrows.filter(a => a.classList.contains('fail')).length,
            unmarked: arrows.filter(a => { const o = a.getAttribute('data-outcome'); return o && o !== 'pass' && !a.classList.contains('fail'); }).length,
            unlinkedPairs: Object.keys(pairs).filter(p => pairs[p] === 2 && !links.has(p)).length,
            failureRows: s.querySelectorAll('tr.failure').length,
            failureColor: failureCell ? getComputedStyle(failureCell).color : '',
            failedArrowColor: (() => { const l = s.querySelector('g.pkt.fail line'); return l ? getComputedStyle(l).stroke : ''; })(),
          };
        })
        """;

    /// <summary>The red a failure is drawn in (#b00020).</summary>
    public const string Red = "rgb(176, 0, 32)";

    /// <summary>What the page shows per exchange.</summary>
    public sealed record ExchangeView(string Name, bool Passed, long Packets, long Omitted, int Arrows, int FailedArrows, int Unmarked, int UnlinkedPairs, int FailureRows, string FailureColor, string FailedArrowColor);

    /// <summary>Opens <paramref name="report"/> and returns every problem; <paramref name="packetsInPcaps"/> is each exchange's packet count as read from its pcaps.</summary>
    public static async Task<(IReadOnlyList<string> Problems, IReadOnlyList<ExchangeView> Views)> CheckAsync(IBrowserContext browser, string report, IReadOnlyDictionary<string, long> packetsInPcaps)
    {
        var problems = new List<string>();
        var page = await browser.NewPageAsync();
        var url = new Uri(Path.GetFullPath(report)).AbsoluteUri;
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                problems.Add($"console {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add($"uncaught: {e}");
        page.Request += (_, r) =>
        {
            if (r.Url != url)
            {
                problems.Add($"request leaving the file: {r.Url}");
            }
        };
        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.Load);
        var json = await page.EvaluateAsync<JsonElement>(Survey);
        var views = json.Deserialize<List<ExchangeView>>(new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        await page.CloseAsync();

        foreach (var (name, expected) in packetsInPcaps)
        {
            if (views.FirstOrDefault(v => v.Name == name) is not { } view)
            {
                problems.Add($"{name}: no section");
                continue;
            }

            if (view.Packets != expected || view.Arrows + view.Omitted != expected)
            {
                problems.Add($"{name}: {view.Arrows} arrows + {view.Omitted} not drawn, but its pcaps hold {expected} packets (the section says {view.Packets})");
            }
        }

        foreach (var v in views)
        {
            if (v.Unmarked > 0)
            {
                problems.Add($"{v.Name}: {v.Unmarked} packets the oracle failed are not drawn as failed");
            }

            if (v.UnlinkedPairs > 0)
            {
                problems.Add($"{v.Name}: {v.UnlinkedPairs} pairs drawn without the link across the router");
            }

            if (!v.Passed && v.Arrows > 0 && (v.FailedArrows == 0 || v.FailureRows == 0))
            {
                problems.Add($"{v.Name}: failed, but {v.FailedArrows} arrows drawn as failed and {v.FailureRows} failed fields listed");
            }

            if (v.FailureRows > 0 && v.FailureColor != Red)
            {
                problems.Add($"{v.Name}: failed fields shown in {v.FailureColor}, not red");
            }

            if (v.FailedArrows > 0 && v.FailedArrowColor != Red)
            {
                problems.Add($"{v.Name}: failed arrows drawn in {v.FailedArrowColor}, not red");
            }
        }

        return (problems, views);
    }
}
