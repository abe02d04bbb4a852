namespace Nat64Harness.Bench;

/// <summary>
/// How `nat64h bench` measures each path. Times are whole seconds because iperf3 3.12 takes -t and -O as whole
/// seconds, and both tools must measure the same windows. <see cref="Full"/> (the default) is meant for a quiet
/// machine; <see cref="Quick"/> shows every metric in about a minute per path.
/// </summary>
public sealed record BenchOptions
{
    /// <summary>The full measurement: 3 repetitions of 5 s after a 1 s warm-up, a 3 % UDP search.</summary>
    public static BenchOptions Full { get; } = new();

    /// <summary>One repetition of everything, short windows, a 10 % UDP search.</summary>
    public static BenchOptions Quick { get; } = new()
    {
        Name = "quick", DurationSeconds = 2, Repetitions = 1, UdpTrialSeconds = 1, Resolution = 0.10, MaxTrials = 7, LatencySeconds = 2, ConnectSeconds = 2,
    };

    /// <summary>Seconds each TCP throughput test measures, after the warm-up.</summary>
    public int DurationSeconds { get; init; } = 5;

    /// <summary>Seconds sent before a TCP test's measured window opens (slow start, queues filling; iperf3 -O).</summary>
    public int WarmupSeconds { get; init; } = 1;

    /// <summary>How many times each TCP test, UDP search and connection-rate run is repeated; the median is reported.</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>Seconds of each UDP trial of the throughput search.</summary>
    public int UdpTrialSeconds { get; init; } = 2;

    /// <summary>UDP payload bytes: 1200 keeps every packet under the 1280-byte IPv6 minimum MTU inside any tunnel, so nothing fragments.</summary>
    public int UdpPayload { get; init; } = 1200;

    /// <summary>A UDP trial passes below this loss fraction (0.1 %).</summary>
    public double LossThreshold { get; init; } = 0.001;

    /// <summary>The UDP search stops when pass and failure are this close.</summary>
    public double Resolution { get; init; } = 0.03;

    /// <summary>
    /// The UDP search's first rate in bits per second; null starts at the path's TCP upload figure, which is what the
    /// bench does. A path whose TCP collapsed (a damaged queue) would otherwise start its UDP search far below it.
    /// </summary>
    public double? UdpStartBitsPerSecond { get; init; }

    /// <summary>The most trials of one UDP search.</summary>
    public int MaxTrials { get; init; } = 10;

    /// <summary>Datagrams per second of the latency run: light load, far below any path's capacity.</summary>
    public int LatencyRate { get; init; } = 500;

    /// <summary>Seconds of the latency run.</summary>
    public int LatencySeconds { get; init; } = 10;

    /// <summary>UDP payload bytes of each latency datagram.</summary>
    public int LatencyPayload { get; init; } = 64;

    /// <summary>Handshakes in flight at once in the connection-rate run.</summary>
    public int ConnectFlows { get; init; } = 8;

    /// <summary>Seconds of each connection-rate run.</summary>
    public int ConnectSeconds { get; init; } = 5;

    /// <summary>How far the harness's throughput may be from iperf3's before the table flags it (10 %).</summary>
    public double Tolerance { get; init; } = 0.10;

    /// <summary>"full", "quick", or what the caller calls its own choice.</summary>
    public string Name { get; init; } = "full";

    /// <summary>Checks every value, naming the one that is wrong.</summary>
    /// <exception cref="ArgumentException">A time or count below 1, a payload too small for the probe's header, or a fraction outside (0, 1).</exception>
    public void Validate()
    {
        foreach (var (name, value) in new[]
        {
            ("duration", DurationSeconds), ("repetitions", Repetitions), ("UDP trial seconds", UdpTrialSeconds), ("max trials", MaxTrials),
            ("latency rate", LatencyRate), ("latency seconds", LatencySeconds), ("connect flows", ConnectFlows), ("connect seconds", ConnectSeconds),
        })
        {
            if (value < 1)
            {
                throw new ArgumentException($"bench {name} is {value}: it must be at least 1");
            }
        }

        if (WarmupSeconds < 0)
        {
            throw new ArgumentException($"bench warm-up is {WarmupSeconds} s: it cannot be negative");
        }

        if (UdpPayload is < 20 or > 65507 || LatencyPayload is < 16 or > 65507)
        {
            throw new ArgumentException($"UDP payloads must hold the probe's header: {UdpPayload} and {LatencyPayload} bytes given (20-65507 and 16-65507)");
        }

        if (UdpStartBitsPerSecond is <= 0 or double.NaN)
        {
            throw new ArgumentException($"bench UDP start rate is {UdpStartBitsPerSecond} bit/s: it must be positive");
        }

        foreach (var (name, value) in new[] { ("loss threshold", LossThreshold), ("resolution", Resolution), ("tolerance", Tolerance) })
        {
            if (!(value > 0 && value < 1))
            {
                throw new ArgumentException($"bench {name} is {value}: it must be in (0, 1)");
            }
        }
    }
}
