using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nat64Harness.Model;

namespace Nat64Harness.Verification;

/// <summary>
/// What each capture of an exchange could hold, kept beside its pcaps (<c>01-tcp-echo.captures.json</c> next to
/// <c>01-tcp-echo-v6.pcap</c>): when each capture was live, how many packets it counted and wrote, and the stretch a
/// bounded capture left out; and the exchange's kind and the probe's verdict. The pcaps alone do not say it: the oracle
/// needs the first to excuse a lone packet the way the live run did, and the report the second to tell an exchange that
/// need not cross the router (a resolve, a discovery) from one that failed to. With it, `nat64h report` on a kept
/// folder reaches the live verdict again. Without it (an older folder, pcaps from elsewhere) each capture is taken as
/// running throughout and whole, and an exchange nothing of which crossed the router as failed: the stricter readings.
/// </summary>
public static class CaptureRecord
{
    /// <summary>The record's file for the exchange whose pcaps start with <paramref name="stem"/> (<c>dir/01-tcp-echo</c>).</summary>
    public static string PathFor(string stem) => stem + ".captures.json";

    /// <summary>
    /// Writes the record of <paramref name="captures"/> for the exchange <paramref name="stem"/>; false when it could
    /// not be written (a full disk: the pcaps, already complete, stay the evidence, and the record is not left half-written).
    /// </summary>
    public static bool TrySave(string stem, IEnumerable<CaptureFile> captures, RecordedExchange? exchange = null)
    {
        ArgumentNullException.ThrowIfNull(captures);
        var entries = captures.Where(c => c.Summary is not null).Select(c => new Entry
        {
            Point = c.Point.Name,
            File = System.IO.Path.GetFileName(c.Path),
            Packets = c.Summary!.Packets,
            Written = c.Summary.Written,
            CaptureDrops = c.Summary.CaptureDrops,
            Reader = c.Summary.Reader,
            KernelReceived = c.Summary.KernelReceived,
            Opened = c.Summary.Opened,
            Closed = c.Summary.Closed,
            HeadEnd = c.Summary.HeadEnd,
            TailStart = c.Summary.TailStart,
        }).ToList();
        var document = new Document
        {
            Captures = entries,
            Exchange = exchange is null ? null : new ExchangeEntry { Kind = exchange.Kind.ToString().ToLowerInvariant(), ProbeOk = exchange.ProbeOk, ProbeError = exchange.ProbeError },
        };
        return RecordFile.TryWrite(PathFor(stem), JsonSerializer.Serialize(document, Options));
    }

    /// <summary>
    /// Each capture point's coverage from the record at <paramref name="path"/>. Throws <see cref="FormatException"/>
    /// naming the file and the field when the record is not one this harness writes.
    /// </summary>
    public static IReadOnlyDictionary<CapturePoint, CaptureCoverage> Load(string path)
    {
        var document = Read(path);
        var coverage = new Dictionary<CapturePoint, CaptureCoverage>();
        foreach (var (entry, i) in (document.Captures ?? throw new FormatException($"{path}: not a capture record: no \"captures\" list")).Select((e, i) => (e, i)))
        {
            string Field(string name) => string.Create(CultureInfo.InvariantCulture, $"{path}: captures[{i}].{name}");
            if (string.IsNullOrEmpty(entry.Point))
            {
                throw new FormatException($"{Field("point")} is missing");
            }

            if (entry.Packets < 0 || entry.Written < 0 || entry.Written > entry.Packets)
            {
                throw new FormatException($"{Field("written")} is {entry.Written} of {entry.Packets} packets: expected 0..packets");
            }

            if (entry is { Opened: { } opened, Closed: { } closed } && closed < opened)
            {
                throw new FormatException($"{Field("closed")} ({closed:O}) is before opened ({opened:O})");
            }

            if (entry is { HeadEnd: { } head, TailStart: { } tail } && tail < head)
            {
                throw new FormatException($"{Field("tail_start")} ({tail:O}) is before head_end ({head:O})");
            }

            var omitted = entry is { HeadEnd: { } from, TailStart: { } to } && entry.Written < entry.Packets ? (from, to) : ((DateTimeOffset, DateTimeOffset)?)null;
            if (!coverage.TryAdd(new CapturePoint(entry.Point), new CaptureCoverage(entry.Opened, entry.Closed, omitted) { Dropped = entry.CaptureDrops }))
            {
                throw new FormatException($"{Field("point")}: '{entry.Point}' is recorded twice");
            }
        }

        return coverage;
    }

    /// <summary>
    /// What the run knew of the exchange itself (its kind and the probe's verdict) from the record at
    /// <paramref name="path"/>, or null when the record has none (written before records carried it). Throws
    /// <see cref="FormatException"/> naming the file and the field when it is not one this harness writes.
    /// </summary>
    public static RecordedExchange? LoadExchange(string path)
    {
        if (Read(path).Exchange is not { } entry)
        {
            return null;
        }

        if (!Enum.TryParse<ExchangeKind>(entry.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(entry.Kind, out _))
        {
            throw new FormatException($"{path}: exchange.kind is '{entry.Kind}': expected one of {string.Join(", ", Enum.GetNames<ExchangeKind>().Select(n => n.ToLowerInvariant()))}");
        }

        if (entry.ProbeOk is not { } ok)
        {
            throw new FormatException($"{path}: exchange.probe_ok is missing");
        }

        return new RecordedExchange(kind, ok, entry.ProbeError);
    }

    private static Document Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Options) ?? throw new FormatException($"{path}: not a capture record: empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a capture record: {e.Message}", e);
        }
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    private sealed class Document
    {
        public List<Entry>? Captures { get; set; }

        public ExchangeEntry? Exchange { get; set; }
    }

    private sealed class ExchangeEntry
    {
        public string? Kind { get; set; }

        public bool? ProbeOk { get; set; }

        public string? ProbeError { get; set; }
    }

    private sealed class Entry
    {
        public string? Point { get; set; }

        public string? File { get; set; }

        public long Packets { get; set; }

        public long Written { get; set; }

        public long CaptureDrops { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public long? KernelReceived { get; set; }

        // Only when the reader went wrong: most records never carry it.
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Reader { get; set; }

        public DateTimeOffset? Opened { get; set; }

        public DateTimeOffset? Closed { get; set; }

        public DateTimeOffset? HeadEnd { get; set; }

        public DateTimeOffset? TailStart { get; set; }
    }
}

/// <summary>What a capture record keeps of the exchange itself: its kind, and whether the probe said it passed.</summary>
/// <param name="Kind">The exchange's kind: a resolve or a discovery need not send anything through the router.</param>
/// <param name="ProbeOk">The probe's verdict.</param>
/// <param name="ProbeError">The probe's explanation of a failure.</param>
public sealed record RecordedExchange(ExchangeKind Kind, bool ProbeOk, string? ProbeError);
