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

// Results go beside the binaries, not into whatever directory the command was started from.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(CaptureBenchmarks).Assembly).Run(args, config);

static void Measure(string name, long packets, Func<long> run)
{
    using var process = Process.GetCurrentProcess();
    var watch = Stopwatch.StartNew();
    var result = run();
    watch.Stop();
    process.Refresh();
    Console.WriteLine($"{name}: {packets / watch.Elapsed.TotalSeconds:N0} packets/s, {watch.Elapsed.TotalSeconds:N2} s, result {result}, peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MiB");
}
