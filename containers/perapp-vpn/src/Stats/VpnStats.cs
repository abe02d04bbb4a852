using System.Text;
using System.Text.Json;
using Nat64Harness.PerAppVpn.Packets;

namespace Nat64Harness.PerAppVpn.Stats;

/// <summary>Lock-free counters of traffic and of drops by reason; rendered as one JSON object.</summary>
public sealed class VpnStats
{
    private readonly long[] _drops = new long[Enum.GetValues<DropReason>().Length];
    private readonly long[] _counters = new long[Enum.GetValues<Counter>().Length];

    /// <summary>Counts one dropped packet.</summary>
    public void Drop(DropReason reason) => Interlocked.Increment(ref _drops[(int)reason]);

    /// <summary>Adds to a traffic counter.</summary>
    public void Add(Counter counter, long value = 1) => Interlocked.Add(ref _counters[(int)counter], value);

    /// <summary>Current value of a drop reason.</summary>
    public long this[DropReason reason] => Volatile.Read(ref _drops[(int)reason]);

    /// <summary>Current value of a counter.</summary>
    public long this[Counter counter] => Volatile.Read(ref _counters[(int)counter]);

    /// <summary>Renders the counters; only non-zero drops are listed.</summary>
    public string ToJson(string fault, int activeSessions)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("timeUtc", DateTime.UtcNow.ToString("O"));
            json.WriteString("fault", fault);
            json.WriteNumber("activeSessions", activeSessions);
            json.WriteStartObject("counters");
            foreach (var counter in Enum.GetValues<Counter>())
            {
                json.WriteNumber(counter.ToString(), this[counter]);
            }

            json.WriteEndObject();
            json.WriteStartObject("drops");
            foreach (var reason in Enum.GetValues<DropReason>())
            {
                if (reason != DropReason.None && this[reason] != 0)
                {
                    json.WriteNumber(reason.ToString(), this[reason]);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
