using System.Text.Json;

namespace Nat64Harness.Model;

/// <summary>
/// The probe's DF size sweep (<c>nat64h-probe mtu-sweep</c>, containers/probe/nat64h_probe/mtusweep.py): the largest
/// IPv6 packet answered whole between <see cref="Low"/> and <see cref="High"/>, what the kernel claims toward the
/// target, and every size tried.
/// </summary>
/// <param name="Mode">icmp (echo requests) or udp (datagrams to the echo port).</param>
/// <param name="Target">The address swept.</param>
/// <param name="Claimed">The kernel's MTU toward the target (route or device): what the tunnel device promises.</param>
/// <param name="Low">The smallest size tried (IPv6's minimum link MTU).</param>
/// <param name="High">The size the sweep had to reach.</param>
/// <param name="Largest">The largest size answered, or null when not even <see cref="Low"/> was.</param>
/// <param name="Probes">Every size tried, in order.</param>
/// <param name="Error">The probe's own summary of a failure, or of a crash.</param>
/// <param name="RawJson">What the probe printed.</param>
public sealed record MtuSweep(string Mode, string Target, int Claimed, int Low, int High, int? Largest, IReadOnlyList<MtuProbe> Probes, string? Error, string RawJson)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Deserialises the probe's line; a crash report becomes an exception with its words.</summary>
    /// <exception cref="JsonException">Not the sweep's JSON, or the probe crashed (the message quotes it).</exception>
    public static MtuSweep Parse(string json)
    {
        var dto = JsonSerializer.Deserialize<Dto>(json, Options) ?? throw new JsonException($"mtu-sweep printed null: {json}");
        if (dto.Claimed is not { } claimed || dto.Probes is null)
        {
            throw new JsonException($"mtu-sweep did not sweep: {dto.Error ?? json}");
        }

        var probes = dto.Probes.Select(p => new MtuProbe(p.Size, p.Ok, p.Outcome ?? "", p.Tries, p.Error)).ToList();
        return new MtuSweep(dto.Mode ?? "", dto.Target ?? "", claimed, dto.Low, dto.High, dto.Largest, probes, dto.Error, json);
    }

    /// <summary>
    /// Null when the path carries every size up to <paramref name="declared"/> and the kernel claims exactly that;
    /// otherwise the failure in one sentence: "tunnel carries 1400, claims 1420: packets of 1401–1420 bytes vanish".
    /// </summary>
    public string? Failure(int declared)
    {
        var lost = Largest is { } l ? Probes.Where(p => p.Size > l && p.Size <= declared && !p.Ok).MinBy(p => p.Size) : null;
        return Largest switch
        {
            null => $"{Mode} sweep toward {Target}: not even {Low} bytes carried ({Probes.FirstOrDefault()})",
            { } largest when largest < declared =>
                $"tunnel carries {largest}, claims {declared}: packets of {largest + 1}–{declared} bytes " +
                $"{(lost?.Outcome == "timeout" ? "vanish without an ICMPv6 error" : "do not arrive")} ({Mode} sweep toward {Target}; first lost: {lost}; the kernel's MTU toward it: {Claimed})",
            _ when Claimed != declared =>
                $"the kernel's MTU toward {Target} is {Claimed}, the declaration {declared}: {(Claimed > declared ? $"packets of {declared + 1}–{Claimed} bytes are sent into the tunnel untested" : "the declaration claims more than the kernel sends")}",
            _ => null,
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Mode} sweep toward {Target}: largest {Largest?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} of {Low}–{High}, kernel claims {Claimed}; " +
        string.Join("; ", Probes);

    private sealed class Dto
    {
        public string? Mode { get; set; }

        public string? Target { get; set; }

        public int? Claimed { get; set; }

        public int Low { get; set; }

        public int High { get; set; }

        public int? Largest { get; set; }

        public List<ProbeDto>? Probes { get; set; }

        public string? Error { get; set; }
    }

    private sealed class ProbeDto
    {
        public int Size { get; set; }

        public bool Ok { get; set; }

        public string? Outcome { get; set; }

        public int Tries { get; set; }

        public string? Error { get; set; }
    }
}
