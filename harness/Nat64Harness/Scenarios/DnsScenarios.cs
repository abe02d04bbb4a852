using Nat64Harness.Model;

namespace Nat64Harness.Scenarios;

/// <summary>
/// The scenarios that involve DNS, beside <see cref="ScenarioCatalog"/>: questions to the run's DNS64 resolver about
/// each name of the test zone (<see cref="TestZone"/>), prefix discovery by RFC 7050 and by PREF64, and the echoes
/// dialled by name as an app dials. Every one is judged by Verification.DnsVerifier; the echoes by name are judged by
/// the oracle too, and so are the resolver's queries when they cross the NAT64 during the exchange.
/// </summary>
public static class DnsScenarios
{
    private static readonly TimeSpan RaWait = TimeSpan.FromSeconds(3);

    /// <summary>1000 bytes over TCP to echo.nat64h.test, resolved by getaddrinfo.</summary>
    public static Scenario TcpEchoByName { get; } = ByName("tcp-echo-by-name", ExchangeKind.Tcp, 1000, 1, "1000 bytes over TCP to echo.nat64h.test, resolved as an app resolves");

    /// <summary>Three 512-byte UDP datagrams to echo.nat64h.test.</summary>
    public static Scenario UdpEchoByName { get; } = ByName("udp-echo-by-name", ExchangeKind.Udp, 512, 3, "three 512-byte UDP datagrams to echo.nat64h.test");

    /// <summary>Three ICMPv6 echo requests to echo.nat64h.test.</summary>
    public static Scenario IcmpEchoByName { get; } = ByName("icmpv6-echo-by-name", ExchangeKind.Icmp, 56, 3, "three ICMPv6 echo requests to echo.nat64h.test");

    /// <summary>RFC 7050 discovery over UDP: ipv4only.arpa AAAA through the DNS64.</summary>
    public static Scenario DiscoverByDns { get; } = new("discover-rfc7050", p => DnsExchange.DiscoverByDns(p.Dns64V6),
        Captured: true, Judged: false, ScenarioExpectation.Resolved, "NAT64 prefix discovery by RFC 7050 (ipv4only.arpa AAAA)");

    /// <summary>PREF64 discovery: a Router Solicitation, then the RAs of the access link (RFC 8781).</summary>
    public static Scenario DiscoverByRouterAdvertisement { get; } = new("discover-pref64", _ => DnsExchange.DiscoverByRouterAdvertisement(RaWait),
        Captured: false, Judged: false, ScenarioExpectation.Resolved, "NAT64 prefix discovery from the PREF64 option of Router Advertisements (RFC 8781)");

    /// <summary>What <c>nat64h run</c> adds when the run has DNS: the echo by name, AAAA of the echo name, the dual-stack name, and both discoveries.</summary>
    public static IReadOnlyList<Scenario> Standard { get; } =
        [Resolve(TestZone.Echo, DnsTransport.Udp), Resolve(TestZone.Dual, DnsTransport.Udp), TcpEchoByName, DiscoverByDns, DiscoverByRouterAdvertisement];

    /// <summary>One AAAA (or other <paramref name="type"/>) question about <paramref name="name"/> to the run's resolver.</summary>
    public static Scenario Resolve(string name, DnsTransport transport, string type = "AAAA") =>
        new($"resolve-{name.Split('.')[0]}-{transport.ToString().ToLowerInvariant()}", p => DnsExchange.Resolve(new DnsQuestion(name, type, transport), p.Dns64V6),
            Captured: true, Judged: false, ScenarioExpectation.Resolved, $"{name} {type} over {transport.ToString().ToLowerInvariant()} from the run's DNS64");

    private static Scenario ByName(string name, ExchangeKind kind, int size, int count, string description) =>
        new(name, p => DnsExchange.ByName(kind, TestZone.Echo, p.EchoSynthesized, size, count), Captured: true, Judged: true, ScenarioExpectation.Echoed, description);
}
