using System.Runtime.InteropServices;
using Nat64Harness.PerAppVpn;
using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Stats;
using Nat64Harness.PerAppVpn.Tun;

// Socket completions run on the socket engine's thread, not handed to the thread pool: every continuation of ours
// is short and never blocks (ring copies, packet building, a TUN write), and each hand-over was a thread wake-up.
// The runtime reads this once, when the first socket operation starts, from the process's managed environment.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

VpnConfig config;
TunDevice tun;
try
{
    config = VpnConfig.FromEnvironment(Environment.GetEnvironmentVariable);
    tun = TunDevice.Open(config.TunName, config.TunOffload);
    Directory.CreateDirectory(Path.GetDirectoryName(config.StatsPath)!);
}
catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
{
    Console.WriteLine($"nat64h: failed: {e.Message}");
    return 1;
}

var stats = new VpnStats();
var writer = new TunWriter(tun, stats);
var engine = new VpnEngine(config, writer, stats);
var faultName = FaultNames.NameOf(config.Fault);

void WriteStats(bool print)
{
    var json = stats.ToJson(faultName, engine.ActiveSessions);
    var temporary = config.StatsPath + ".tmp";
    File.WriteAllText(temporary, json);
    File.Move(temporary, config.StatsPath, overwrite: true);
    if (print)
    {
        Console.WriteLine($"nat64h: stats {json.ReplaceLineEndings(" ")}");
    }
}

// SIGUSR1 (10 on Linux) prints the counters; .NET accepts raw signal numbers on Unix.
using var usr1 = PosixSignalRegistration.Create((PosixSignal)10, context =>
{
    context.Cancel = true;
    WriteStats(print: true);
});

// PID 1 in a container gets no default SIGTERM action: without this, docker stop waits 10 s and kills.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    WriteStats(print: true);
    Console.WriteLine($"nat64h: stopping on {context.Signal}");
    Environment.Exit(0);
}

using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

new Thread(() =>
{
    // With offload a read is a virtio header and up to a 64 KiB super-segment; without, one packet up to the MTU.
    var buffer = new byte[VirtioNetHeader.Length + 65536];
    while (true)
    {
        var n = tun.Read(buffer);
        if (!tun.Offload)
        {
            engine.Handle(buffer.AsSpan(0, n));
        }
        else if (n >= VirtioNetHeader.Length)
        {
            var header = VirtioNetHeader.Read(buffer);
            engine.Handle(buffer.AsSpan(VirtioNetHeader.Length, n - VirtioNetHeader.Length), header.ChecksumTrusted);
        }
    }
}) { IsBackground = true, Name = "tun-reader" }.Start();

Console.WriteLine($"nat64h: vpn on {tun.Name} mtu {config.TunnelMtu} prefix {config.Nat64Prefix?.ToString() ?? "none"} fault {faultName} offload {(tun.Offload ? "on" : "off")}");
WriteStats(print: false);
// The contract's readiness line carries the facts the entry script measured (device, MTU, app-side addresses).
var facts = Environment.GetEnvironmentVariable("NAT64H_READY_FACTS")?.Trim();
Console.WriteLine(string.IsNullOrEmpty(facts) ? "nat64h: ready" : $"nat64h: ready {facts}");

var lastReap = Environment.TickCount64;
var lastStatsFile = lastReap;
var lastPrint = lastReap;
while (true)
{
    Thread.Sleep(100);
    var now = Environment.TickCount64;
    engine.Tick(now);
    if (now - lastReap >= 1000)
    {
        engine.Reap(now);
        lastReap = now;
    }

    if (now - lastStatsFile >= 2000)
    {
        var print = config.StatsPrintSeconds > 0 && now - lastPrint >= config.StatsPrintSeconds * 1000L;
        WriteStats(print);
        lastStatsFile = now;
        if (print)
        {
            lastPrint = now;
        }
    }
}
