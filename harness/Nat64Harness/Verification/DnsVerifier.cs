using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Model;

namespace Nat64Harness.Verification;

/// <summary>
/// Judges a DNS exchange against the run's plan: what each name of the test zone must resolve to through a DNS64
/// (RFC 6147), what a prefix discovery must find (RFC 7050, RFC 8781), and whether a dial by name failed at DNS.
/// The question's name says which checks apply (<see cref="TestZone"/>); a name with no known expectation fails.
/// </summary>
public static class DnsVerifier
{
    private static readonly IPAddress WellKnown170 = IPAddress.Parse("192.0.0.170");
    private static readonly IPAddress WellKnown171 = IPAddress.Parse("192.0.0.171");

    /// <summary>The checks of <paramref name="run"/>'s result.</summary>
    public static DnsVerdict Verify(ExchangeRun run, AddressPlan plan, ResolverProfile profile) => Verify(run.Result, plan, profile);

    /// <summary>The checks of a probe result: a DNS question, a discovery, or a dial by name.</summary>
    public static DnsVerdict Verify(ProbeResult result, AddressPlan plan, ResolverProfile profile)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plan);
        var exchange = result.Exchange;
        var checks = exchange.Kind switch
        {
            ExchangeKind.Discover => [DiscoveryCheck.Check(result.Discovery, exchange.Discovery ?? DiscoveryMethod.Rfc7050, plan.Prefix)],
            ExchangeKind.Resolve => Answer(result.Resolution, exchange.Question!, plan, profile),
            _ when exchange.Name is { } name => Dialled(result, name, plan),
            _ => new List<DnsCheck>(),
        };
        return new DnsVerdict(exchange, profile, checks);
    }

    private static List<DnsCheck> Dialled(ProbeResult result, string name, AddressPlan plan)
    {
        if (result.FailedAtResolution)
        {
            return [new DnsCheck($"{name} resolved before the dial", false, $"DNS failure: {result.Error}", "RFC 6147 §5.1")];
        }

        var first = result.Resolution?.Addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        return first is null
            ? [new DnsCheck($"{name} resolved before the dial", false, "the probe recorded no IPv6 address for it", "RFC 6147 §5.1")]
            : [SynthesisCheck.Check(name, first, plan.EchoV4, plan.Prefix)];
    }

    private static List<DnsCheck> Answer(NameResolution? resolution, DnsQuestion question, AddressPlan plan, ResolverProfile profile)
    {
        var name = question.Name.TrimEnd('.').ToLowerInvariant();
        if (resolution is null)
        {
            return [new DnsCheck($"{name} {question.Type} answered", false, "the probe recorded no resolution", "RFC 1035 §4.1")];
        }

        return (name, question.Type.ToUpperInvariant()) switch
        {
            (TestZone.Echo or TestZone.Mapped, "AAAA") => Synthesised(name, resolution, [plan.EchoV4], plan.Prefix, profile),
            (TestZone.Alias, "AAAA") => [Chain(resolution), .. Synthesised(name, resolution, [plan.EchoV4], plan.Prefix, profile)],
            (TestZone.Ipv4OnlyArpa, "AAAA") => Synthesised(name, resolution, [WellKnown170, WellKnown171], plan.Prefix, profile),
            (TestZone.Dual, "AAAA") => [RealAaaa(resolution, plan)],
            (TestZone.Missing, _) => [Rcode(resolution, "NXDOMAIN", "a name that does not exist is NXDOMAIN through the DNS64 too", "RFC 6147 §5.1.2")],
            (TestZone.Outside, _) => [Rcode(resolution, "REFUSED", "a name outside the test zones is refused, nothing is asked of the world", "containment")],
            _ => [new DnsCheck($"{name} {question.Type}", false, "no expectation is known for this name and type", "TestZone")],
        };
    }

    private static List<DnsCheck> Synthesised(string name, NameResolution resolution, IReadOnlyList<IPAddress> ipv4s, Nat64Prefix prefix, ResolverProfile profile)
    {
        if (!resolution.Ok)
        {
            return [new DnsCheck($"{name} AAAA answered", false, $"DNS failure: {resolution.Error}", "RFC 6147 §5.1.6")];
        }

        var checks = resolution.Addresses
            .Select(a => SynthesisCheck.Check(name, a, Match(a, ipv4s, prefix), prefix))
            .ToList();
        var missing = ipv4s.Where(v4 => !resolution.Addresses.Any(a => prefix.TryExtract(a, out var e) && e.Equals(v4))).ToList();
        if (missing.Count > 0 && checks.All(c => c.Passed))
        {
            checks.Add(new DnsCheck($"{name} AAAA: one per A", false, $"no AAAA for {string.Join(", ", missing)} among {string.Join(", ", resolution.Addresses)}", "RFC 6147 §5.1.6"));
        }

        if (resolution.Transport != DnsTransport.System)
        {
            checks.Add(Ttl(name, resolution, profile));
        }

        return checks;
    }

    // With several A records, each AAAA is judged against the IPv4 address it embeds where the prefix is right.
    private static IPAddress Match(IPAddress aaaa, IReadOnlyList<IPAddress> ipv4s, Nat64Prefix prefix) =>
        ipv4s.FirstOrDefault(v4 => prefix.TryExtract(aaaa, out var e) && e.Equals(v4))
        ?? ipv4s.FirstOrDefault(v4 => SynthesisCheck.FoundIn(aaaa, v4) is not null)
        ?? ipv4s[0];

    private static DnsCheck Ttl(string name, NameResolution resolution, ResolverProfile profile)
    {
        var bound = profile.SynthesizedTtlBoundedBySoa ? Math.Min(TestZone.RecordTtl, TestZone.SoaMinimum) : TestZone.RecordTtl;
        var what = $"{name} synthesised AAAA TTL at most {bound} s ({(profile.SynthesizedTtlBoundedBySoa ? "the smaller of the A's and the SOA minimum" : $"the A's TTL, as {profile.Name} does")})";
        var over = resolution.Ttls.Where(t => t > bound).ToList();
        return resolution.Ttls.Count == 0
            ? new DnsCheck(what, false, "no TTL recorded", "RFC 6147 §5.1.7")
            : new DnsCheck(what, over.Count == 0, over.Count == 0 ? $"TTL {string.Join(", ", resolution.Ttls)}" : $"TTL {over[0]} exceeds {bound}", "RFC 6147 §5.1.7");
    }

    private static DnsCheck Chain(NameResolution resolution)
    {
        string[] expected = [TestZone.Alias2 + ".", TestZone.Echo + "."];
        var seen = resolution.CnameChain.Select(c => c.ToLowerInvariant()).ToList();
        return new DnsCheck($"{TestZone.Alias} CNAME chain kept", seen.SequenceEqual(expected),
            $"chain [{string.Join(", ", seen)}], expected [{string.Join(", ", expected)}]", "RFC 6147 §5.1.5");
    }

    private static DnsCheck RealAaaa(NameResolution resolution, AddressPlan plan)
    {
        const string what = $"{TestZone.Dual} AAAA is its real AAAA, nothing synthesised";
        if (!resolution.Ok)
        {
            return new DnsCheck(what, false, $"DNS failure: {resolution.Error}", "RFC 6147 §5.1.1");
        }

        var synthesised = resolution.Addresses.Where(a => plan.Prefix.Contains(a) || SynthesisCheck.FoundIn(a, plan.EchoV4) is not null).ToList();
        var passed = synthesised.Count == 0 && resolution.Addresses.Count == 1 && resolution.Addresses[0].Equals(plan.DualAaaa);
        var detail = synthesised.Count > 0
            ? $"{string.Join(", ", synthesised)} synthesised, expected the real AAAA {plan.DualAaaa} only"
            : $"{string.Join(", ", resolution.Addresses)}, expected {plan.DualAaaa}";
        return new DnsCheck(what, passed, detail, "RFC 6147 §5.1.1");
    }

    private static DnsCheck Rcode(NameResolution resolution, string expected, string what, string clause) =>
        new(what, resolution.Rcode == expected, $"{resolution.Rcode ?? resolution.Error ?? "no answer"}, expected {expected}", clause);
}
