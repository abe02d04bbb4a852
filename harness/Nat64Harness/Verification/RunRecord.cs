using System.Text.Json;
using Nat64Harness.Addressing;
using Nat64Harness.Model;

namespace Nat64Harness.Verification;

/// <summary>
/// What a run folder's pcaps were translated with, kept as <c>run.json</c> in the folder when its topology starts: the
/// router's profile, the NAT64 prefix and the address block. `nat64h report` reads it so a kept folder is judged with
/// the prefix and router it ran with (a prefix-matrix cell's /64, a Jool run) without flags; flags still win.
/// </summary>
public static class RunRecord
{
    /// <summary>The record's name in a run folder.</summary>
    public const string FileName = "run.json";

    /// <summary>Writes the record into <paramref name="directory"/>; false when it could not be written (the run goes on without it).</summary>
    public static bool TrySave(string directory, RouterProfile router, Nat64Prefix prefix, int block)
    {
        ArgumentNullException.ThrowIfNull(router);
        return RecordFile.TryWrite(Path.Combine(directory, FileName), JsonSerializer.Serialize(new Document { Router = router.Name, Prefix = prefix.ToString(), Block = block }, Options));
    }

    /// <summary>
    /// The record in <paramref name="directory"/>, or null when there is none (an older folder, pcaps from elsewhere).
    /// Throws <see cref="FormatException"/> naming the file and the field when it is not one this harness writes.
    /// </summary>
    public static (RouterProfile Router, Nat64Prefix Prefix, int Block)? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        Document document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Options) ?? throw new FormatException($"{path}: not a run record: empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a run record: {e.Message}", e);
        }

        RouterProfile router;
        try
        {
            router = RouterProfile.Find(document.Router ?? throw new FormatException($"{path}: router is missing"));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{path}: router: {e.Message}", e);
        }

        Nat64Prefix prefix;
        try
        {
            prefix = Nat64Prefix.Parse(document.Prefix ?? throw new FormatException($"{path}: prefix is missing"));
        }
        catch (Nat64AddressingException e)
        {
            throw new FormatException($"{path}: prefix: {e.Message}", e);
        }

        if (document.Block is not (>= 0 and <= 255))
        {
            throw new FormatException($"{path}: block is {document.Block?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}: expected 0..255");
        }

        return (router, prefix, document.Block.Value);
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    private sealed class Document
    {
        public string? Router { get; set; }

        public string? Prefix { get; set; }

        public int? Block { get; set; }
    }
}
