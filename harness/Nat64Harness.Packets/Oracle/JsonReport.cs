using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nat64Harness.Oracle;

/// <summary>
/// The JSON of a pairing report, written field by field (no object graph to serialise): one document for a collected
/// report, and the same row objects for the JSON Lines stream (<see cref="JsonLinesReportWriter"/>).
/// </summary>
internal static class JsonReport
{
    /// <summary>Keeps →, § readable; the report is not embedded in HTML.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string Render(PairingReport report, bool includePassingChecks)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Encoder }))
        {
            json.WriteStartObject();
            WriteNames(json, report);
            json.WriteBoolean("conforms", report.Conforms);
            WriteCounts(json, report);
            json.WriteStartArray("rows");
            foreach (var row in report.Rows)
            {
                WriteRow(json, null, row, includePassingChecks);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void WriteNames(Utf8JsonWriter json, PairingReport report)
    {
        json.WriteString("before", report.BeforeName);
        json.WriteString("after", report.AfterName);
    }

    public static void WriteCounts(Utf8JsonWriter json, PairingReport report)
    {
        json.WriteStartObject("counts");
        json.WriteNumber("paired", report.Paired);
        json.WriteNumber("passed", report.Passed);
        json.WriteNumber("failed", report.Failed);
        json.WriteNumber("lost", report.Lost);
        json.WriteNumber("duplicated", report.Duplicated);
        json.WriteNumber("unexplained", report.Unexplained);
        json.WriteNumber("unjudgeable", report.Unjudgeable);
        json.WriteNumber("droppedAsRequired", report.DroppedAsRequired);
        json.WriteNumber("answeredAsRequired", report.AnsweredAsRequired);
        json.WriteNumber("notAnswered", report.NotAnswered);
        json.WriteNumber("ambiguousDirections", report.AmbiguousDirections);
        json.WriteNumber("rowsOmitted", report.RowsOmitted);
        json.WriteEndObject();
    }

    /// <summary>One row object; <paramref name="number"/> (the row's number among all rows) only in the stream.</summary>
    public static void WriteRow(Utf8JsonWriter json, long? number, in PairingEvent e, bool includePassingChecks)
    {
        json.WriteStartObject();
        if (number is { } n)
        {
            json.WriteString("record", "row");
            json.WriteNumber("row", n);
        }

        json.WriteString("outcome", Camel(e.Outcome));
        json.WriteBoolean("passed", e.Passed);
        if (e.Before is { } before)
        {
            json.WriteNumber("beforeIndex", before.Index);
        }

        if (e.After is { } after)
        {
            json.WriteNumber("afterIndex", after.Index);
        }

        if (e.Before is { } b)
        {
            json.WriteString("beforeTime", b.Timestamp);
        }

        if (e.After is { } a)
        {
            json.WriteString("afterTime", a.Timestamp);
        }

        if (e.Verdict is { } verdict)
        {
            json.WriteString("direction", Camel(verdict.Direction));
        }

        if (e.Ambiguity is { } ambiguity)
        {
            json.WriteString("directionAmbiguous", ambiguity);
        }

        if (e.Verdict is { } v)
        {
            json.WriteString("description", v.Description);
        }

        if (!string.IsNullOrEmpty(e.Source))
        {
            json.WriteString("source", e.Source);
        }

        if (e.Verdict is { } judged)
        {
            json.WriteStartArray("checks");
            foreach (var check in judged.Checks)
            {
                if (includePassingChecks || !check.Passed)
                {
                    json.WriteStartObject();
                    json.WriteString("field", check.Field);
                    json.WriteString("expected", check.Expected);
                    json.WriteString("seen", check.Seen);
                    json.WriteBoolean("passed", check.Passed);
                    json.WriteString("rfc", check.RfcClause);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Camel<T>(T value)
        where T : struct, Enum => EnumNames<T>.Of.TryGetValue(value, out var name) ? name : JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    // Made once per enum: a stream of millions of rows should not rename "paired" for each.
    private static class EnumNames<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Of = Enum.GetValues<T>().ToDictionary(v => v, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));
    }
}
