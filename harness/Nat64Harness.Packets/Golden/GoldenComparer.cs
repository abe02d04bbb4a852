using Nat64Harness.Capture;

namespace Nat64Harness.Golden;

/// <summary>
/// Compares captures field by field after <see cref="GoldenNormalizer"/>, never as raw bytes. The translator's two
/// captures are compared as a pair (<see cref="ComparePair"/>), normalised together, so what must be preserved across
/// the translator stays comparable; <see cref="Compare"/> takes one capture alone (e.g. one side of two translators).
/// </summary>
public static class GoldenComparer
{
    /// <summary>
    /// The environment variable that test fixtures and the CLI turn into <see cref="GoldenMode.Update"/> ("1"). The
    /// comparer itself never reads it: the mode is an argument.
    /// </summary>
    public const string UpdateVariable = "NAT64H_UPDATE_GOLDEN";

    /// <summary>Compares one capture with one golden capture; each gets its own normaliser, so tokens line up by order.</summary>
    public static GoldenComparison Compare(IEnumerable<CapturedPacket> golden, IEnumerable<CapturedPacket> actual)
    {
        ArgumentNullException.ThrowIfNull(golden);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<GoldenDifference>();
        CompareSide(string.Empty, new GoldenNormalizer().Normalize(golden), new GoldenNormalizer().Normalize(actual), differences);
        return new GoldenComparison(differences, Updated: false);
    }

    /// <summary>
    /// Compares a translator's two captures with their golden pair. Each pair is normalised by one normaliser (its
    /// before side, then its after side), so an ephemeral port, a fragment identification or an echo identifier gets
    /// the same token on both sides only when the translator kept it.
    /// </summary>
    public static GoldenComparison ComparePair(CapturePair golden, CapturePair actual)
    {
        ArgumentNullException.ThrowIfNull(golden);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<GoldenDifference>();
        var g = new GoldenNormalizer();
        var a = new GoldenNormalizer();
        CompareSide("before", g.Normalize(golden.Before), a.Normalize(actual.Before), differences);
        CompareSide("after", g.Normalize(golden.After), a.Normalize(actual.After), differences);
        return new GoldenComparison(differences, Updated: false);
    }

    /// <summary>
    /// Checks <paramref name="actual"/> against the golden pair at <paramref name="goldenBefore"/> and
    /// <paramref name="goldenAfter"/>; with <see cref="GoldenMode.Update"/> it writes <paramref name="actual"/> there
    /// instead (raw IP link type) and reports <see cref="GoldenComparison.Updated"/>.
    /// </summary>
    /// <exception cref="PcapFormatException">A golden file is malformed.</exception>
    public static GoldenComparison CheckAgainstFiles(string goldenBefore, string goldenAfter, CapturePair actual, GoldenMode mode)
    {
        ArgumentNullException.ThrowIfNull(actual);
        if (mode == GoldenMode.Update)
        {
            Write(goldenBefore, actual.Before);
            Write(goldenAfter, actual.After);
            return new GoldenComparison([], Updated: true);
        }

        using var before = PcapReader.Open(goldenBefore);
        using var after = PcapReader.Open(goldenAfter);
        var golden = new CapturePair(Own(before.ReadPackets()), Own(after.ReadPackets()));
        return ComparePair(golden, actual);
    }

    private static void Write(string path, IReadOnlyList<CapturedPacket> packets)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = PcapWriter.Create(path, LinkTypes.Raw);
        foreach (var packet in packets)
        {
            writer.Write(packet.Timestamp, packet.Ip.Span);
        }
    }

    // The reader may reuse its buffer between packets: keep a copy of each.
    private static List<CapturedPacket> Own(IEnumerable<CapturedPacket> packets) => packets.Select(p => p with { Ip = p.Ip.ToArray() }).ToList();

    private static void CompareSide(string side, IEnumerable<NormalizedPacket> golden, IEnumerable<NormalizedPacket> actual, List<GoldenDifference> differences)
    {
        using var g = golden.GetEnumerator();
        using var a = actual.GetEnumerator();
        long index = 0;
        while (true)
        {
            var hasG = g.MoveNext();
            var hasA = a.MoveNext();
            if (!hasG && !hasA)
            {
                break;
            }

            if (hasG != hasA)
            {
                differences.Add(new GoldenDifference(index, Packets.FieldNames.Packet, hasG ? "present" : "absent", hasA ? "present" : "absent", side));
            }
            else
            {
                CompareFields(side, index, g.Current, a.Current, differences);
            }

            index++;
        }
    }

    private static void CompareFields(string side, long index, NormalizedPacket golden, NormalizedPacket actual, List<GoldenDifference> differences)
    {
        var seen = actual.Fields.ToDictionary(f => f.Key, f => f.Value);
        foreach (var (field, expected) in golden.Fields)
        {
            var value = seen.Remove(field, out var v) ? v : "(absent)";
            if (value != expected)
            {
                differences.Add(new GoldenDifference(index, field, expected, value, side));
            }
        }

        foreach (var (field, value) in seen)
        {
            differences.Add(new GoldenDifference(index, field, "(absent)", value, side));
        }
    }
}
