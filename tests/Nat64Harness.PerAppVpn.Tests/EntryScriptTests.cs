using System.Diagnostics;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>Runs entrypoint.sh against a fake ip(8) and ethtool(8) that only log, to check what it would install.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EntryScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-entry-").FullName;

    [SkippableFact]
    public void NoFault_RoutesThePrefixIntoTheTunForTheAppUidOnly()
    {
        var log = Run("none");

        log.Should().Contain("-6 route add 64:ff9b::/96 dev nat64h0 table 100");
        log.Should().Contain("-6 rule add uidrange 1000-1000 lookup 100 priority 100");
        log.Should().Contain("-4 rule add uidrange 1000-1000 lookup 100 priority 100");
        log.Should().Contain("-6 route replace 64:ff9b::/96 via 2001:db8:fb::10", "the VPN (root) reaches the router on the physical interface");
    }

    [SkippableFact]
    public void LeakPrefixFault_OmitsOnlyTheTunRouteForThePrefix()
    {
        var good = Run("none");
        var leaky = Run("leak-prefix");

        good.Except(leaky).Should().Equal("-6 route add 64:ff9b::/96 dev nat64h0 table 100");
        leaky.Except(good).Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private List<string> Run(string fault)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "entrypoint.sh is a Linux container script");
        Skip.IfNot(File.Exists("/dev/net/tun"), "entrypoint.sh checks /dev/net/tun, which the machine running the tests lacks");
        Skip.IfNot(File.ReadAllText("/proc/sys/net/ipv6/conf/default/disable_ipv6").Trim() == "0",
            "entrypoint.sh requires net.ipv6.conf.default.disable_ipv6=0, which the machine running the tests does not have");
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../containers/perapp-vpn/entrypoint.sh"));
        var log = Path.Combine(_directory, $"ip-{fault}.log");
        var fakeIp = Path.Combine(_directory, "ip");
        File.WriteAllText(fakeIp, "#!/bin/sh\necho \"$*\" >> \"$FAKE_IP_LOG\"\ncase \"$*\" in *\"route del\"*) exit 1;; esac\nexit 0\n");
        File.SetUnixFileMode(fakeIp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // The script turns off checksum offload on every interface it sees: run outside a container, those are the
        // host's own, so ethtool must be a fake too.
        var fakeEthtool = Path.Combine(_directory, "ethtool");
        File.WriteAllText(fakeEthtool, "#!/bin/sh\necho \"ethtool $*\" >> \"$FAKE_IP_LOG\"\nexit 0\n");
        File.SetUnixFileMode(fakeEthtool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("/bin/sh", [script]) { RedirectStandardOutput = true };
        start.Environment["PATH"] = $"{_directory}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_IP_LOG"] = log;
        start.Environment["NAT64H_ROUTER_V6"] = "2001:db8:fb::10";
        start.Environment["NAT64H_FAULT"] = fault;
        start.Environment["NAT64H_VPN_BIN"] = "/bin/true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, output);
        return File.ReadAllLines(log).Where(line => !line.Contains("addr flush") && !line.StartsWith("ethtool", StringComparison.Ordinal)).ToList();
    }
}
