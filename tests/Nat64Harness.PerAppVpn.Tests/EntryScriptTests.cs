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

    [SkippableFact]
    public void NoFault_SteersTheAppAddressesIntoTheTun_SoTheKernelsOwnAcksCannotLeak()
    {
        var log = Run("none");

        log.Should().Contain("-6 rule add from 2001:db8:0:77::2 lookup 100 priority 101");
        log.Should().Contain("-4 rule add from 100.67.0.2 lookup 100 priority 101");
    }

    [SkippableFact]
    public void LeakTimeWaitFault_OmitsOnlyTheSourceRules()
    {
        var good = Run("none");
        var leaky = Run("leak-time-wait");

        good.Except(leaky).Should().Equal(
            "-6 rule add from 2001:db8:0:77::2 lookup 100 priority 101",
            "-4 rule add from 100.67.0.2 lookup 100 priority 101");
        leaky.Except(good).Should().BeEmpty();
    }

    [SkippableFact]
    public void ReadyFacts_AreWhatTheKernelHolds_WithTheContractsAppAddresses()
    {
        var output = RunOutput("none", ("NAT64H_APP_V6", "2001:db8:c8:77::2/64"), ("NAT64H_APP_V4", "100.67.200.100/24"));

        output.Should().Contain(
            "NAT64H_READY_FACTS=device=nat64h0 link=tun mtu=1400 app_v6=2001:db8:c8:77::2 gateway_v6=none app_v4=100.67.200.100 dns=none",
            "the MTU is read back from ip -o link (the fake prints 1400), not the requested 1500");
    }

    [SkippableFact]
    public void ReadyFacts_IgnoreTheOldVariableNames_TheHarnessPassesOnlyTheContractsOnes()
    {
        var output = RunOutput("none", ("NAT64H_TUN_V6", "2001:db8:5:77::2/64"));

        output.Should().Contain("app_v6=2001:db8:0:77::2 ", "only NAT64H_APP_V6 is read; without it the default holds");
    }

    [SkippableFact]
    public void AccessAddressNoInterfaceHolds_FailsWithTheAddress()
    {
        var (exit, output) = Start("none", "/bin/true", ("NAT64H_ACCESS_V6_ADDR", "2001:db8:c8::40"));

        exit.Should().Be(1);
        output.Should().Contain("nat64h: failed: no interface holds NAT64H_ACCESS_V6_ADDR=2001:db8:c8::40");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string RunOutput(string fault, params (string Key, string Value)[] environment)
    {
        // The VPN binary is replaced by a script printing the facts the entry script exports for the ready line.
        var fakeVpn = Path.Combine(_directory, "vpn");
        File.WriteAllText(fakeVpn, "#!/bin/sh\necho \"NAT64H_READY_FACTS=$NAT64H_READY_FACTS\"\n");
        File.SetUnixFileMode(fakeVpn, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (exit, output) = Start(fault, fakeVpn, environment);
        exit.Should().Be(0, output);
        return output;
    }

    private List<string> Run(string fault)
    {
        var (exit, output) = Start(fault, "/bin/true");
        exit.Should().Be(0, output);
        var log = Path.Combine(_directory, $"ip-{fault}.log");
        return File.ReadAllLines(log).Where(line => !line.Contains("addr flush") && !line.StartsWith("ethtool", StringComparison.Ordinal)).ToList();
    }

    private (int Exit, string Output) Start(string fault, string vpnBinary, params (string Key, string Value)[] environment)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "entrypoint.sh is a Linux container script");
        Skip.IfNot(File.Exists("/dev/net/tun"), "entrypoint.sh checks /dev/net/tun, which the machine running the tests lacks");
        Skip.IfNot(File.ReadAllText("/proc/sys/net/ipv6/conf/default/disable_ipv6").Trim() == "0",
            "entrypoint.sh requires net.ipv6.conf.default.disable_ipv6=0, which the machine running the tests does not have");
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../containers/perapp-vpn/entrypoint.sh"));
        var log = Path.Combine(_directory, $"ip-{fault}.log");
        var fakeIp = Path.Combine(_directory, "ip");
        File.WriteAllText(fakeIp, "#!/bin/sh\necho \"$*\" >> \"$FAKE_IP_LOG\"\ncase \"$*\" in *\"route del\"*) exit 1;; \"-o link show \"*) echo \"7: $4: <POINTOPOINT,UP> mtu 1400 qdisc fq_codel\";; esac\nexit 0\n");
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
        start.Environment["NAT64H_VPN_BIN"] = vpnBinary;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
