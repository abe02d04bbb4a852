namespace Nat64Harness.PerAppVpn.Faults;

/// <summary>Maps the kebab-case names of <c>NAT64H_FAULT</c> to <see cref="Fault"/>.</summary>
public static class FaultNames
{
    private static readonly (string Name, Fault Fault)[] Table =
    [
        ("none", Fault.None),
        ("no-ipv6", Fault.NoIpv6),
        ("bad-l4-checksum-v6", Fault.BadL4ChecksumV6),
        ("no-address-swap", Fault.NoAddressSwap),
        ("hop-limit-zero", Fault.HopLimitZero),
        ("hop-limit-copied", Fault.HopLimitCopied),
        ("bad-payload-length", Fault.BadPayloadLength),
        ("truncate-1280", Fault.Truncate1280),
        ("leak-prefix", Fault.LeakPrefix),
        ("ignore-fin", Fault.IgnoreFin),
        ("wrong-icmpv6-echo-type", Fault.WrongIcmpv6EchoType),
        ("leak-time-wait", Fault.LeakTimeWait),
    ];

    /// <summary>All accepted names, for error messages.</summary>
    public static IEnumerable<string> All => Table.Select(t => t.Name);

    /// <summary>Parses a fault name; empty or null means <see cref="Fault.None"/>.</summary>
    public static bool TryParse(string? name, out Fault fault)
    {
        fault = Fault.None;
        if (string.IsNullOrWhiteSpace(name))
        {
            return true;
        }

        foreach (var (n, f) in Table)
        {
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                fault = f;
                return true;
            }
        }

        return false;
    }

    /// <summary>The kebab-case name of a fault.</summary>
    public static string NameOf(Fault fault) => Table.First(t => t.Fault == fault).Name;
}
