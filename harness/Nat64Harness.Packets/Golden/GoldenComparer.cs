using Nat64Harness.Capture;

namespace Nat64Harness.Golden;

/// <summary>
/// Compares two captures field by field after <see cref="GoldenNormalizer"/>, never as raw bytes.
/// </summary>
public static class GoldenComparer
{
    /// <summary>Environment variable that turns <see cref="CheckAgainstFile"/> into "rewrite the golden file".</summary>
    public const string UpdateVariable = "NAT64H_UPDATE_GOLDEN";

    /// <summary>Compares normalised fields; each capture gets its own normaliser, so tokens line up by order.</summary>
    public static GoldenComparison Compare(IEnumerable<CapturedPacket> golden, IEnumerable<CapturedPacket> actual)
    {
        var differences = new List<GoldenDifference>();
        using var g = new GoldenNormalizer().Normalize(golden).GetEnumerator();
        using var a = new GoldenNormalizer().Normalize(actual).GetEnumerator();
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
                differences.Add(new GoldenDifference(index, "packet", hasG ? "present" : "absent", hasA ? "present" : "absent"));
            }
            else
            {
                CompareFields(index, g.Current, a.Current, differences);
            }

            index++;
        }

        return new GoldenComparison(differences, Updated: false);
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with the golden pcap at <paramref name="goldenPath"/>; with
    /// NAT64H_UPDATE_GOLDEN=1 it writes <paramref name="actual"/> there instead (raw IP link type).
    /// </summary>
    public static GoldenComparison CheckAgainstFile(string goldenPath, IReadOnlyList<CapturedPacket> actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(goldenPath))!);
            using var writer = PcapWriter.Create(goldenPath, LinkTypes.Raw);
            foreach (var packet in actual)
            {
                writer.Write(packet.Timestamp, packet.Ip.Span);
            }

            return new GoldenComparison([], Updated: true);
        }

        using var reader = PcapReader.Open(goldenPath);
        return Compare(reader.ReadPackets(), actual);
    }

    private static void CompareFields(long index, NormalizedPacket golden, NormalizedPacket actual, List<GoldenDifference> differences)
    {
        var seen = actual.Fields.ToDictionary(f => f.Key, f => f.Value);
        foreach (var (field, expected) in golden.Fields)
        {
            var value = seen.Remove(field, out var v) ? v : "(absent)";
            if (value != expected)
            {
                differences.Add(new GoldenDifference(index, field, expected, value));
            }
        }

        foreach (var (field, value) in seen)
        {
            differences.Add(new GoldenDifference(index, field, "(absent)", value));
        }
    }
}
