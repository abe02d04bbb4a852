using System.Text.Json;

namespace Nat64Harness.Bench;

/// <summary>Field access on a measurement's JSON that fails with a message naming the source and the field.</summary>
internal readonly struct JsonFields
{
    private readonly JsonElement _element;
    private readonly string _source;
    private readonly string _path;

    private JsonFields(JsonElement element, string source, string path)
    {
        _element = element;
        _source = source;
        _path = path;
    }

    /// <summary>Parses <paramref name="json"/> (an object expected) and runs <paramref name="read"/> on it.</summary>
    public static T Read<T>(string json, string source, Func<JsonFields, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new BenchException($"{source}: output is not JSON ({e.Message}): {Excerpt(json)}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BenchException($"{source}: expected a JSON object, got {document.RootElement.ValueKind}: {Excerpt(json)}");
            }

            return read(new JsonFields(document.RootElement, source, ""));
        }
    }

    /// <summary>What is being read, for messages.</summary>
    public string Source => _source;

    /// <summary>The fields of an object inside the document being read.</summary>
    public JsonFields Item(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? new(element, _source, path) : throw new BenchException($"{_source}: {path} should be an object, is {element.ValueKind}");

    public bool Has(string name) => _element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonFields Object(string name)
    {
        var v = Get(name);
        return v.ValueKind == JsonValueKind.Object ? new(v, _source, Path(name)) : throw Wrong(name, "an object", v);
    }

    public string? String(string name) => Has(name) ? Get(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : throw Wrong(name, "a string", Get(name)) : null;

    public bool Bool(string name) => Get(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : throw Wrong(name, "true or false", Get(name));

    /// <summary>A finite number that is not negative.</summary>
    public double Number(string name)
    {
        var v = Get(name);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw Wrong(name, "a number", v);
        }

        return d >= 0 ? d : throw new BenchException($"{_source}: {Path(name)} is {d}: it cannot be negative");
    }

    public long Count(string name)
    {
        var d = Number(name);
        return d == Math.Floor(d) && d <= long.MaxValue ? (long)d : throw new BenchException($"{_source}: {Path(name)} is {d}: expected a whole count");
    }

    public IReadOnlyList<JsonElement> Array(string name)
    {
        var v = Get(name);
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : throw Wrong(name, "an array", v);
    }

    public BenchException Error(string name, string problem) => new($"{_source}: {Path(name)} {problem}");

    private JsonElement Get(string name) =>
        _element.TryGetProperty(name, out var v) ? v : throw new BenchException($"{_source}: {Path(name)} is missing");

    private BenchException Wrong(string name, string expected, JsonElement seen) =>
        new($"{_source}: {Path(name)} should be {expected}, is {seen.ValueKind}: {Excerpt(seen.GetRawText())}");

    private string Path(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
