using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Nat64Harness.Benchmarks;

// "--peak" runs each workload once in this process and prints throughput and peak working set,
// which BenchmarkDotNet does not report; everything else goes to BenchmarkDotNet.
if (args.Contains("--peak"))
{
    var benchmarks = new CaptureBenchmarks();
    benchmarks.Setup();
    Measure("RawRead (1 M packets)", 2 * CaptureBenchmarks.Exchanges, () => benchmarks.RawRead());
    Measure("ReadPairVerify (2 M packets)", 4 * CaptureBenchmarks.Exchanges, () => benchmarks.ReadPairVerify());
    return;
}

// "--generate N" writes the synthetic pair of N exchanges (2 N packets a side) and prints its paths, for timing
// `nat64h verify`, tshark and tcpdump on the same files; "--library N" runs the library path on that pair once.
if (args is ["--generate", var count])
{
    var (v6, v4) = SyntheticCapture.Ensure(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    Console.WriteLine(v6);
    Console.WriteLine(v4);
    return;
}

if (args is ["--library", var exchanges])
{
    var n = int.Parse(exchanges, System.Globalization.CultureInfo.InvariantCulture);
    var (v6, v4) = SyntheticCapture.Ensure(n);
    Measure($"ReadPairVerify ({4L * n:N0} packets)", 4L * n, () => CaptureBenchmarks.ReadPairVerify(v6, v4));
    return;
}

// Results go beside the binaries, not into whatever directory the command was started from.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(CaptureBenchmarks).Assembly).Run(args, config);

static void Measure(string name, long packets, Func<long> run)
{
    using var process = Process.GetCurrentProcess();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var result = run();
    watch.Stop();
    allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    process.Refresh();
    cpu = process.TotalProcessorTime - cpu;

    // CPU time as well as wall time: on a shared machine the wall clock measures the neighbours too.
    Console.WriteLine($"{name}: {packets / watch.Elapsed.TotalSeconds:N0} packets/s wall ({watch.Elapsed.TotalSeconds:N2} s), {packets / cpu.TotalSeconds:N0} packets/s of CPU ({cpu.TotalSeconds:N2} s), {(double)allocated / packets:N1} B allocated per packet, result {result}, peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MiB");
}
