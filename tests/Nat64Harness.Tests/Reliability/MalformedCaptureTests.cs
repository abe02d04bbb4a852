using System.Globalization;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Images;
using Nat64Harness.Model;
using Nat64Harness.Verification;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Reliability;

/// <summary>
/// `verify` over many malformed captures made from the stored fixtures: every pair gets a verdict or an error
/// naming its file, never a crash or a hang. 10,000 pairs here; the full count is
/// <c>NAT64H_FUZZ_COUNT=100000 dotnet test tests/Nat64Harness.Tests --filter FullyQualifiedName~MalformedCaptureTests</c>.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MalformedCaptureTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("nat64h-malformed-");

    [Fact]
    public void Verify_OfManyMalformedCaptures_GivesVerdictOrNamedErrorEveryTime()
    {
        // Given every fixture pair and a fixed seed
        var count = int.TryParse(Environment.GetEnvironmentVariable("NAT64H_FUZZ_COUNT"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 10_000;
        var pairs = Directory.EnumerateDirectories(RepositoryLayout.Discover().Fixtures, "*", SearchOption.AllDirectories)
            .Where(d => File.Exists(Path.Combine(d, "before.pcap")) && File.Exists(Path.Combine(d, "after.pcap")))
            .Order(StringComparer.Ordinal)
            .Select(d => (File.ReadAllBytes(Path.Combine(d, "before.pcap")), File.ReadAllBytes(Path.Combine(d, "after.pcap"))))
            .ToList();
        pairs.Should().NotBeEmpty();
        var random = new Random(14_100_000);
        var problems = new List<string>();
        var kinds = new Dictionary<string, int>();
        var outcomes = new Dictionary<string, int> { ["verdict"] = 0, ["named error"] = 0 };

        // When each damaged pair (one file of it damaged, or both) is verified as `nat64h verify` does
        for (var i = 0; i < count; i++)
        {
            var (before, after) = pairs[random.Next(pairs.Count)];
            var which = random.Next(3);
            string kind = "none";
            var b = which != 1 ? MalformedCaptures.Mutate(before, random, out kind) : before;
            var a = which != 0 ? MalformedCaptures.Mutate(after, random, out kind) : after;
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            var beforePath = Path.Combine(_work.FullName, $"case{i}-before.pcap");
            var afterPath = Path.Combine(_work.FullName, $"case{i}-after.pcap");
            File.WriteAllBytes(beforePath, b);
            File.WriteAllBytes(afterPath, a);
            var errored = false;
            var problem = MalformedCaptureCheck.Judge(beforePath, afterPath, (v6, v4) =>
            {
                try
                {
                    return Verify(v6, v4);
                }
                catch
                {
                    errored = true;
                    throw;
                }
            }, HangGuard);
            if (problem is not null)
            {
                problems.Add($"case {i} ({kind}): {problem}");
                File.Copy(beforePath, Path.Combine(Path.GetTempPath(), $"nat64h-malformed-case{i}-before.pcap"), overwrite: true);
                File.Copy(afterPath, Path.Combine(Path.GetTempPath(), $"nat64h-malformed-case{i}-after.pcap"), overwrite: true);
            }
            else
            {
                outcomes[errored ? "named error" : "verdict"]++;
            }

            File.Delete(beforePath);
            File.Delete(afterPath);
        }

        // Then none crashed, hung or gave an anonymous error (the failing pairs are kept under the temp folder), and
        // the damage was real: some pairs were refused
        var tally = $"{count} pairs: {string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}"))}; damage: {string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}";
        output.WriteLine(tally);
        problems.Should().BeEmpty(tally);
        outcomes.Values.Sum().Should().Be(count, tally);
        outcomes["named error"].Should().BePositive(tally);
    }

    [Fact]
    public void Judge_OfAVerifierThatCrashes_SaysCrash()
    {
        var problem = MalformedCaptureCheck.Judge("x-before.pcap", "x-after.pcap", (_, _) => throw new IndexOutOfRangeException("index 9"), HangGuard);

        problem.Should().StartWith("crash: IndexOutOfRangeException");
    }

    [Fact]
    public void Judge_OfAnErrorNamingNoFile_SaysSo()
    {
        var problem = MalformedCaptureCheck.Judge("x-before.pcap", "x-after.pcap", (_, _) => throw new IOException("read failed"), HangGuard);

        problem.Should().Contain("naming neither file");
    }

    [Fact]
    public void Judge_OfAVerifierThatNeverAnswers_SaysHang()
    {
        using var never = new ManualResetEventSlim();
        var problem = MalformedCaptureCheck.Judge("x-before.pcap", "x-after.pcap", (_, _) =>
        {
            never.Wait(TimeSpan.FromSeconds(5));
            throw new InvalidOperationException("released");
        }, TimeSpan.FromMilliseconds(200));

        problem.Should().Contain("hang");
    }

    [Fact]
    public void Judge_OfAVerdictOrANamedError_SaysNothing()
    {
        var fixture = Path.Combine(RepositoryLayout.Discover().Fixtures, "live-tayga-icmpv6-echo");
        var before = Path.Combine(fixture, "before.pcap");
        var after = Path.Combine(fixture, "after.pcap");

        MalformedCaptureCheck.Judge(before, after, Verify, HangGuard).Should().BeNull();
        MalformedCaptureCheck.Judge(before, after, (v6, _) => throw new PcapFormatException(v6, 3, 40, "incl_len", "past the end", [], 0), HangGuard).Should().BeNull();
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static ExchangeVerdict Verify(string v6, string v4) =>
        ExchangeVerifier.Verify(v6, v4, RouterProfile.Find("rfc7915"), Nat64Prefix.WellKnown, null);
}
