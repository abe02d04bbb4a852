using System.Text.Json;

namespace Nat64Harness.Probing;

/// <summary>What the probe reported for one exchange (the raw JSON is kept for the report).</summary>
public sealed record ProbeResult(Exchange Exchange, JsonElement Json, DateTimeOffset Started, DateTimeOffset Finished)
{
    /// <summary>True when every message came back exactly as sent.</summary>
    public bool Ok => Json.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;

    /// <summary>The probe's explanation of a failure.</summary>
    public string? Error => Json.TryGetProperty("error", out var e) ? e.GetString() : null;

    /// <summary>Total time inside the probe, in milliseconds.</summary>
    public double ElapsedMs => Json.TryGetProperty("elapsed_ms", out var e) ? e.GetDouble() : double.NaN;

    /// <summary>The probe's local port (TCP/UDP, single flow), for pairing with captures.</summary>
    public int? LocalPort => Json.TryGetProperty("local_port", out var p) ? p.GetInt32() : null;

    /// <summary>The ICMPv6 identifier used (ICMP exchanges).</summary>
    public int? Identifier => Json.TryGetProperty("identifier", out var p) ? p.GetInt32() : null;
}
