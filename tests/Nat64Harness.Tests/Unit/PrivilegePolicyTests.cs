using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// containers/privileges.json, what CI holds every container to: an entry for every image the harness builds, and
/// .ci/run recording, judging and self-testing with it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PrivilegePolicyTests
{
    private static string Containers => TestSettings.Current.Layout.Containers;

    [Fact]
    public void Policy_HasAnEntryForEveryImageFolder()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(Containers, "privileges.json")));
        var images = policy.RootElement.GetProperty("images").EnumerateObject().Select(p => p.Name).ToList();

        // Every folder with a Dockerfile but the base image (never run itself) has its own entry, and no entry is stale
        var folders = Directory.GetDirectories(Containers).Where(d => File.Exists(Path.Combine(d, "Dockerfile")))
            .Select(Path.GetFileName).OfType<string>().Where(n => n != "base").ToList();
        images.Should().BeEquivalentTo(folders);
    }

    [Fact]
    public void Policy_GrantsNoPrivilegedModeAndNoHostDeviceButTheTun()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(Containers, "privileges.json")));

        foreach (var image in policy.RootElement.GetProperty("images").EnumerateObject())
        {
            image.Value.EnumerateObject().Select(p => p.Name).Should().BeSubsetOf(["capabilities", "devices", "sysctls", "binds"], image.Name);
            if (image.Value.TryGetProperty("devices", out var devices))
            {
                devices.EnumerateArray().Select(d => d.GetString()).Should().OnlyContain(d => d == "/dev/net/tun", image.Name);
            }
        }
    }

    [Fact]
    public void CiRun_RecordsJudgesAndSelfTestsThePrivileges()
    {
        var run = File.ReadAllText(Path.Combine(TestSettings.Current.Layout.Root, ".ci", "run"));

        run.Should().Contain("tests/privilege-watch.py record").And.Contain("tests/privilege-watch.py check").And.Contain("tests/privilege-watch.py selftest");
    }
}
