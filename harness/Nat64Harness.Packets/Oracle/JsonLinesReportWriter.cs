using System.Text.Json;

namespace Nat64Harness.Oracle;

/// <summary>
/// Writes a pairing report as JSON Lines, one object per line, as the rows are judged (the format is in the README):
/// <c>{"record":"row","row":N,…}</c> for each row shown, then one <c>{"record":"summary",…}</c> with the names, the
/// verdict and the counts. The first line of a conforming report is its summary; the last line is always the summary.
/// </summary>
public sealed class JsonLinesReportWriter : IPairingReportWriter, IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private readonly bool _includePassingChecks;
    private readonly IReadOnlyList<(string Name, string Value)> _facts;
    private readonly IReadOnlyList<string> _accepted;

    /// <summary>Creates a writer.</summary>
    /// <param name="output">Where the lines go (left open; flushed at <see cref="End"/>).</param>
    /// <param name="includePassingChecks">List passing checks of a row too, when its verdict kept them.</param>
    /// <param name="facts">Extra string properties of the summary (e.g. the router profile), in order.</param>
    /// <param name="accepted">Departures from RFC 7915 accepted for the router, listed in the summary as "accepted".</param>
    public JsonLinesReportWriter(Stream output, bool includePassingChecks = false, IReadOnlyList<(string Name, string Value)>? facts = null, IReadOnlyList<string>? accepted = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JsonReport.Encoder });
        _includePassingChecks = includePassingChecks;
        _facts = facts ?? [];
        _accepted = accepted ?? [];
    }

    /// <inheritdoc />
    public void Begin(PairingReport report)
    {
    }

    /// <inheritdoc />
    public void Row(long number, in PairingEvent row)
    {
        JsonReport.WriteRow(_json, number, row, _includePassingChecks);
        EndLine();
    }

    /// <inheritdoc />
    public void End(PairingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _json.WriteStartObject();
        _json.WriteString("record", "summary");
        JsonReport.WriteNames(_json, report);
        foreach (var (name, value) in _facts)
        {
            _json.WriteString(name, value);
        }

        _json.WriteBoolean("conforms", report.Conforms);
        JsonReport.WriteCounts(_json, report);
        if (_accepted.Count > 0)
        {
            _json.WriteStartArray("accepted");
            foreach (var deviation in _accepted)
            {
                _json.WriteStringValue(deviation);
            }

            _json.WriteEndArray();
        }

        _json.WriteEndObject();
        EndLine();
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private void EndLine()
    {
        _json.Flush();
        _json.Reset();
        _output.Write(NewLine);
    }
}
