using System.CommandLine;
using Nat64Harness.Model;

namespace Nat64Harness.Cli;

/// <summary>Options several verbs share, said the same way in each.</summary>
internal static class CliOptions
{
    public static Option<int?> Block() => new("--block") { Description = "Address block N (1-254) instead of a free one" };

    public static Option<string> Vpn() => new("--vpn")
    {
        Description = "VPN under test: none, or a folder under containers/ (wireguard, openvpn, strongswan, perapp, ...), optionally folder:fault with a fault its nat64h-vpn.json declares (nat64h run --list-vpns)",
        DefaultValueFactory = _ => "none",
    };

    public static Option<RouterKind> Router() => new("--router")
    {
        Description = "NAT64 router: tayga (stateless, userspace) or jool (stateful, kernel; a micro-VM where the host has no module)",
        DefaultValueFactory = _ => RouterKind.Tayga,
    };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Show the library's and Testcontainers' log live (it always goes to harness.log in the run's folder)" };

    public static Option<FileInfo?> Junit() => new("--junit") { Description = "Also write the verdicts as JUnit XML to this file" };
}
