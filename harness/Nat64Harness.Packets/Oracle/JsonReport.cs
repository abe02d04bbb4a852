using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nat64Harness.Oracle;

/// <summary>Renders a <see cref="PairingReport"/> as JSON for CI tooling.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep →, § readable; the report is not embedded in HTML
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Render(PairingReport report, bool includePassingChecks)
    {
        var document = new
        {
            before = report.BeforeName,
            after = report.AfterName,
            conforms = report.Conforms,
            counts = new
            {
                paired = report.Paired,
                passed = report.Passed,
                failed = report.Failed,
                lost = report.Lost,
                duplicated = report.Duplicated,
                unexplained = report.Unexplained,
                unjudgeable = report.Unjudgeable,
                droppedAsRequired = report.DroppedAsRequired,
                answeredAsRequired = report.AnsweredAsRequired,
                notAnswered = report.NotAnswered,
                ambiguousDirections = report.AmbiguousDirections,
                rowsOmitted = report.RowsOmitted,
            },
            rows = report.Rows.Select(e => new
            {
                outcome = e.Outcome,
                passed = e.Passed,
                beforeIndex = e.Before?.Index,
                afterIndex = e.After?.Index,
                beforeTime = e.Before?.Timestamp,
                afterTime = e.After?.Timestamp,
                direction = e.Verdict?.Direction,
                directionAmbiguous = e.Ambiguity,
                description = e.Verdict?.Description,
                source = string.IsNullOrEmpty(e.Source) ? null : e.Source,
                checks = e.Verdict?.Checks.Where(c => includePassingChecks || !c.Passed).Select(c => new
                {
                    field = c.Field,
                    expected = c.Expected,
                    seen = c.Seen,
                    passed = c.Passed,
                    rfc = c.RfcClause,
                }),
            }),
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
