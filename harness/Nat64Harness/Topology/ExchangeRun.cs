using Nat64Harness.Probing;

namespace Nat64Harness.Topology;

/// <summary>One exchange as run: what the probe said and where the captures of both sides are.</summary>
public sealed record ExchangeRun(string Name, Exchange Exchange, ProbeResult Result, string V6Pcap, string V4Pcap, long V6Packets, long V4Packets);
