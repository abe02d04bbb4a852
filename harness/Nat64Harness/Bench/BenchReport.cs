using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nat64Harness.Bench;

/// <summary>Writes a bench's files into its folder: bench.txt (the tables), bench.json (every value and trial), bench.svg (the plot).</summary>
public static class BenchReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The JSON of a run.</summary>
    public static string ToJson(BenchRun run) => JsonSerializer.Serialize(run, Json);

    /// <summary>Writes the three files into <paramref name="folder"/> (created when missing); returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(BenchRun run, string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var files = new (string Name, string Text)[] { ("bench.txt", BenchTable.Render(run)), ("bench.json", ToJson(run)), ("bench.svg", BenchSvg.Render(run)) };
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), text, ct).ConfigureAwait(false);
        }

        return [.. files.Select(f => Path.Combine(folder, f.Name))];
    }
}
