namespace Nat64Harness.Oracle;

/// <summary>
/// The outcome of pairing two captures: counts, and one row per pair or unpaired packet.
/// <see cref="Conforms"/> is the exit-code question: every pair, answer and refusal passed, nothing lost, left
/// unanswered, duplicated, unexplained or unjudgeable.
/// </summary>
public sealed class PairingReport
{
    private readonly List<PairingEvent> _rows = [];

    private PairingReport(string beforeName, string afterName)
    {
        BeforeName = beforeName;
        AfterName = afterName;
    }

    /// <summary>Name of the "before" capture.</summary>
    public string BeforeName { get; }

    /// <summary>Name of the "after" capture.</summary>
    public string AfterName { get; }

    /// <summary>Rows in time order (at most the row limit given to <see cref="Collect"/>, none after <see cref="Stream"/>; counts are always complete).</summary>
    public IReadOnlyList<PairingEvent> Rows => _rows;

    /// <summary>Pairs, translator errors, answers and refusals whose verdict passed.</summary>
    public long Passed { get; private set; }

    /// <summary>Pairs, translator errors and answers whose verdict failed.</summary>
    public long Failed { get; private set; }

    /// <summary>Packets RFC 7915 says not to translate that were dropped as required (counted in <see cref="Passed"/> too).</summary>
    public long DroppedAsRequired { get; private set; }

    /// <summary>Packets RFC 7915 says not to translate that drew an ICMP error (counted in <see cref="Passed"/> or <see cref="Failed"/> too).</summary>
    public long AnsweredAsRequired { get; private set; }

    /// <summary>Packets that had to be answered with an ICMP error and were dropped silently.</summary>
    public long NotAnswered { get; private set; }

    /// <summary>Rows whose direction could not be told from capture order (see <see cref="PairingEvent.Ambiguity"/>).</summary>
    public long AmbiguousDirections { get; private set; }

    /// <summary>Packets that went in and never came out.</summary>
    public long Lost { get; private set; }

    /// <summary>Translated packets seen twice.</summary>
    public long Duplicated { get; private set; }

    /// <summary>Translated-looking packets with no origin.</summary>
    public long Unexplained { get; private set; }

    /// <summary>Packets that could not be decoded.</summary>
    public long Unjudgeable { get; private set; }

    /// <summary>Passing rows not kept (the row limit of <see cref="Collect"/>) or not shown (<see cref="Stream"/> with <see cref="ReportRows.Failures"/>).</summary>
    public long RowsOmitted { get; private set; }

    /// <summary>Everything judged: pairs, translator errors, answers and refusals.</summary>
    public long Paired => Passed + Failed;

    /// <summary>True when at least one row was judged and nothing went wrong.</summary>
    public bool Conforms => Paired > 0 && Failed == 0 && Lost == 0 && NotAnswered == 0 && Duplicated == 0 && Unexplained == 0 && Unjudgeable == 0;

    /// <summary>Process exit code for a CLI verb: 0 when the captures conform, 1 otherwise.</summary>
    public int ExitCode => Conforms ? 0 : 1;

    /// <summary>Consumes <paramref name="events"/> into a report. Failing rows are always kept; passing rows up to <paramref name="maxRows"/>.</summary>
    /// <remarks>Every row kept is kept in memory with its packets: for long captures, <see cref="Stream"/> the report instead.</remarks>
    public static PairingReport Collect(IEnumerable<PairingEvent> events, string beforeName, string afterName, int maxRows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(events);
        var report = new PairingReport(beforeName, afterName);
        foreach (var e in events)
        {
            report.Count(e);
            if (!e.Passed || report._rows.Count < maxRows)
            {
                report._rows.Add(Detached(e));
            }
            else
            {
                report.RowsOmitted++;
            }
        }

        return report;
    }

    /// <summary>
    /// Consumes <paramref name="events"/> and hands each row the report shows to <paramref name="writers"/> as it comes,
    /// keeping none: memory does not grow with the capture. Returns the counts (<see cref="Rows"/> is empty;
    /// <see cref="RowsOmitted"/> counts the passing rows not shown).
    /// </summary>
    /// <param name="events">The pairer's events, in order.</param>
    /// <param name="beforeName">Name of the "before" capture.</param>
    /// <param name="afterName">Name of the "after" capture.</param>
    /// <param name="rows">The rows shown: failures only, or every row.</param>
    /// <param name="writers">Where the report goes (text, JSON Lines, or any <see cref="IPairingReportWriter"/>).</param>
    public static PairingReport Stream(IEnumerable<PairingEvent> events, string beforeName, string afterName, ReportRows rows, params IReadOnlyList<IPairingReportWriter> writers)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(writers);
        var report = new PairingReport(beforeName, afterName);
        foreach (var writer in writers)
        {
            writer.Begin(report);
        }

        var number = 0L;
        foreach (var e in events)
        {
            number++;
            report.Count(e);
            if (rows == ReportRows.All || !e.Passed)
            {
                foreach (var writer in writers)
                {
                    writer.Row(number, e);
                }
            }
            else
            {
                report.RowsOmitted++;
            }
        }

        foreach (var writer in writers)
        {
            writer.End(report);
        }

        return report;
    }

    /// <summary>The verdict table as text; failures expanded field by field.</summary>
    public string ToText() => TextReport.Render(this);

    /// <summary>The report as JSON (System.Text.Json); passing checks are included only when asked.</summary>
    public string ToJson(bool includePassingChecks = false) => JsonReport.Render(this, includePassingChecks);

    // A kept row's packets get bytes of their own: the reader's shared blocks are let go with the packets around them.
    private static PairingEvent Detached(PairingEvent e) => e with
    {
        Before = e.Before is { } before ? before with { Ip = Capture.PacketArena.Detach(before.Ip) } : null,
        After = e.After is { } after ? after with { Ip = Capture.PacketArena.Detach(after.Ip) } : null,
    };

    private void Count(in PairingEvent e)
    {
        if (e.Ambiguity is not null)
        {
            AmbiguousDirections++;
        }

        switch (e.Outcome)
        {
            case PairingOutcome.DroppedAsRequired:
                DroppedAsRequired++;
                Passed++;
                break;
            case PairingOutcome.AnsweredAsRequired:
                AnsweredAsRequired++;
                if (e.Passed)
                {
                    Passed++;
                }
                else
                {
                    Failed++;
                }

                break;
            case PairingOutcome.Paired or PairingOutcome.ErrorReturned when e.Passed:
                Passed++;
                break;
            case PairingOutcome.Paired or PairingOutcome.ErrorReturned:
                Failed++;
                break;
            case PairingOutcome.NotAnswered:
                NotAnswered++;
                break;
            case PairingOutcome.Lost:
                Lost++;
                break;
            case PairingOutcome.Duplicated:
                Duplicated++;
                break;
            case PairingOutcome.Unexplained:
                Unexplained++;
                break;
            default:
                Unjudgeable++;
                break;
        }
    }
}
