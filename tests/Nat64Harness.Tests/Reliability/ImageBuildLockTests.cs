using Docker.DotNet.Models;
using FluentAssertions;
using Nat64Harness.Docker;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Reliability;

/// <summary>
/// Two processes that need the same new image at once (two test runs on one engine): one builds it, the other
/// waits on the tag's host lock and uses it. Without a shared lock both build it.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerSecondLane.Name)]
public sealed class ImageBuildLockTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    // Without the lock both processes write one context archive (Testcontainers names it after the image, in the
    // temp folder) and send it at once. Measured in a clean-clone CI run: one of them then never finished (not seen
    // closer; most likely a request whose body came out shorter than the length it announced). That is one more way
    // the two fail to share the work, so the unlocked pair gets a bound of its own (alone, both end within 10 s
    // here), and a process past it counts as failed rather than holding the suite for the whole patience.
    private static readonly TimeSpan UnlockedPatience = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("nat64h-buildlock-");
    private readonly List<string> _names = [];

    [SkippableFact]
    public async Task Build_OfOneNewImageByTwoProcessesAtOnce_HappensOnce()
    {
        // Given a new image two processes need at the same time, sharing the host's lock folder
        DockerRequirement.Check();
        var (containers, name) = NewImageFolder();
        var locks = _work.CreateSubdirectory("locks").FullName;

        // When both ensure it
        var outcomes = await BuildConcurrentlyAsync(Patience, containers, name, locks, locks);

        // Then exactly one built it and the other reused the same tag
        BuiltOnceReusedOnce(outcomes);
    }

    [SkippableFact]
    public async Task Build_ByTwoProcessesWithoutASharedLock_HappensTwice()
    {
        // Given the same two processes, each with a lock folder of its own (no lock between them)
        DockerRequirement.Check();
        var (containers, name) = NewImageFolder();

        // When both ensure the image
        var outcomes = await BuildConcurrentlyAsync(UnlockedPatience, containers, name, _work.CreateSubdirectory("locks-a").FullName, _work.CreateSubdirectory("locks-b").FullName);

        // Then they did not share the work (measured: both build, or the second's build fails with "Cannot locate
        // specified Dockerfile" while the first uses the same build context, or one never finishes), which the test
        // above catches
        var once = () => BuiltOnceReusedOnce(outcomes);
        once.Should().Throw<Xunit.Sdk.XunitException>();
    }

    public void Dispose()
    {
        // Every image built from this test's folders, by the label the harness puts on its builds: without a shared
        // lock the second build takes the tag and leaves the first image untagged, which a delete by tag misses.
        using var client = DockerEngine.CreateClient();
        foreach (var name in _names)
        {
            var images = client.Images.ListImagesAsync(new ImagesListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{HarnessLabels.Image}={name}"] = true },
                },
            }).GetAwaiter().GetResult();
            foreach (var image in images)
            {
                try
                {
                    client.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true }).GetAwaiter().GetResult();
                }
                catch (global::Docker.DotNet.DockerApiException)
                {
                    // Already gone (a child of another deleted here).
                }
            }
        }

        _work.Delete(recursive: true);
    }

    // A containers/ folder of its own: base/ (every image hashes it) and one image whose build takes a few seconds,
    // so the second process asks while the first is building.
    private (string Containers, string Name) NewImageFolder()
    {
        var name = $"reltest{Guid.NewGuid():N}"[..16];
        _names.Add(name);
        var containers = _work.CreateSubdirectory($"containers-{name}");
        File.WriteAllText(Path.Combine(containers.CreateSubdirectory("base").FullName, "README"), "base of the build-lock test\n");
        File.WriteAllText(Path.Combine(containers.CreateSubdirectory(name).FullName, "Dockerfile"), $"""
            ARG BASE_IMAGE
            FROM ${"{"}BASE_IMAGE{"}"}
            RUN sleep 3 && echo {name} > /nonce
            """);
        return (containers.FullName, name);
    }

    private static void BuiltOnceReusedOnce(string[] outcomes)
    {
        outcomes.Should().OnlyContain(o => !o.StartsWith("failed", StringComparison.Ordinal));
        outcomes.Select(o => o.Split(' ')[1]).Distinct().Should().ContainSingle();
        outcomes.Count(o => o.StartsWith("built ", StringComparison.Ordinal)).Should().Be(1, string.Join(" | ", outcomes));
    }

    // Each process's outcome: "built <tag>", "reused <tag>", or "failed: <its error>" (a process past the patience is
    // killed with its tree and counts as failed).
    private static async Task<string[]> BuildConcurrentlyAsync(TimeSpan patience, string containers, string name, string locksA, string locksB)
    {
        var runs = await Task.WhenAll(BuildAsync(locksA), BuildAsync(locksB));
        // Testcontainers logs to stdout too: the tool's answer is its "result:" line.
        var results = new List<string>();
        foreach (var (code, stdout, stderr) in runs)
        {
            var result = stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("result: ", StringComparison.Ordinal));
            if (code != 0 || result is null)
            {
                var lines = stderr.Split('\n');
                results.Add($"failed: exit {code}: {lines.FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal)) ?? lines[0]}");
                continue;
            }

            results.Add(result["result: ".Length..]);
        }

        return [.. results];

        async Task<(int, string, string)> BuildAsync(string locks)
        {
            try
            {
                return await ReliabilityTool.RunAsync(patience, "build-image", containers, locks, name);
            }
            catch (TimeoutException e)
            {
                return (-1, string.Empty, e.Message);
            }
        }
    }
}
