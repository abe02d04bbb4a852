using Nat64Harness.Addressing;
using Nat64Harness.Containers.Dns;

namespace Nat64Harness.Topology;

/// <summary>
/// The DNS side of a topology: an IPv4-only authoritative server beside the echo server, a DNS64 resolver on the
/// access network (the probe's nameserver, reached through the VPN under test), and a PREF64 Router Advertisement
/// sender. On by default: they start beside the router and echo server and add about a second to the start
/// (containers/dns64/README.md, "Start time"); <see cref="Off"/> leaves them out.
/// </summary>
public sealed record DnsOptions
{
    /// <summary>The authoritative server and the DNS64 resolver run, and the probe resolves through the resolver.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The PREF64 Router Advertisement sender runs (only with <see cref="Enabled"/>).</summary>
    public bool Pref64 { get; init; } = true;

    /// <summary>The resolver's configuration (a correct DNS64 unless a negative test says otherwise).</summary>
    public Dns64Settings Resolver { get; init; } = Dns64Settings.Correct;

    /// <summary>The prefix the RA sender advertises; null for the network's own.</summary>
    public Nat64Prefix? AdvertisedPrefix { get; init; }

    /// <summary>Resolver, authoritative server and RA sender, all correct.</summary>
    public static DnsOptions Default { get; } = new();

    /// <summary>No DNS containers: the probe has no nameserver and dials addresses only.</summary>
    public static DnsOptions Off { get; } = new() { Enabled = false, Pref64 = false };
}
