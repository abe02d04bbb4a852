namespace Nat64Harness.Reporting;

/// <summary>
/// The report's inline style and script. Nothing is fetched: the page's Content-Security-Policy forbids every
/// request but inline style and script, so the file works offline and leaks nothing when opened.
/// </summary>
internal static class HtmlAssets
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

    public const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
        table { border-collapse: collapse; margin: .5em 0; }
        td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        .pass { color: #17622b; } .fail, .lost, .not-answered, .unexplained, .duplicated, .unjudgeable { color: #b00020; }
        tr.failure td { color: #b00020; } tr.failure td.field { font-weight: bold; }
        code, pre, td.mono { font-family: ui-monospace, monospace; font-size: 12px; }
        svg.ladder { display: block; margin: .5em 0; }
        svg.ladder text { font: 11px ui-monospace, monospace; fill: #222; }
        svg.ladder text.head { font: bold 12px system-ui, sans-serif; }
        svg.ladder text.band { font: italic 11px system-ui, sans-serif; fill: #666; }
        svg.ladder text.t { fill: #888; }
        svg.ladder line.life { stroke: #999; stroke-dasharray: 2 3; }
        g.pkt line { stroke: #1f5fa8; stroke-width: 1.5; } g.pkt polygon { fill: #1f5fa8; }
        g.pkt.fail line, g.pkt.fail polygon { stroke: #b00020; fill: #b00020; } g.pkt.fail text { fill: #b00020; font-weight: bold; }
        g.pkt.unpaired line { stroke-dasharray: 5 3; }
        g.pkt { cursor: pointer; } g.pkt.hl line { stroke-width: 4; }
        path.pairlink { fill: none; stroke: #7a55b3; stroke-width: 1.2; stroke-dasharray: 3 2; }
        path.pairlink.fail { stroke: #b00020; } path.pairlink.hl { stroke-width: 3; }
        .note { color: #666; }
        """;

    // Clicking an arrow highlights it, its partner across the translator and the link between them.
    public const string Script = """
        document.addEventListener('click', function (event) {
          var target = event.target instanceof Element ? event.target.closest('[data-pair]') : null;
          document.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); });
          if (!target) { return; }
          var section = target.closest('section');
          section.querySelectorAll('[data-pair="' + target.getAttribute('data-pair') + '"]').forEach(function (e) { e.classList.add('hl'); });
        });
        """;
}
