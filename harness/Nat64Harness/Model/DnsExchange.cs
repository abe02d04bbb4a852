using System.Net;

namespace Nat64Harness.Model;

/// <summary>Exchanges that involve DNS: a question, a prefix discovery, and dialling by name.</summary>
public static class DnsExchange
{
    /// <summary>One question to <paramref name="resolver"/> (the run's resolver, or another one given as the question's server).</summary>
    public static Exchange Resolve(DnsQuestion question, IPAddress resolver, TimeSpan? timeout = null) =>
        new(ExchangeKind.Resolve, question.Server ?? resolver, Timeout: timeout) { Question = question };

    /// <summary>RFC 7050 discovery through <paramref name="resolver"/> (ipv4only.arpa AAAA over <paramref name="transport"/>).</summary>
    public static Exchange DiscoverByDns(IPAddress resolver, DnsTransport transport = DnsTransport.Udp, IPAddress? server = null) =>
        new(ExchangeKind.Discover, server ?? resolver) { Discovery = DiscoveryMethod.Rfc7050, Question = new DnsQuestion("ipv4only.arpa", "AAAA", transport, server) };

    /// <summary>
    /// PREF64 discovery (RFC 8781): a Router Solicitation and the Router Advertisements read for <paramref name="timeout"/>.
    /// It runs as root (uid 0) whatever app a VPN steers: reading Router Advertisements is the host's job, not an app's.
    /// </summary>
    public static Exchange DiscoverByRouterAdvertisement(TimeSpan timeout) =>
        new(ExchangeKind.Discover, IPAddress.IPv6Any, Timeout: timeout, Uid: 0) { Discovery = DiscoveryMethod.Pref64 };

    /// <summary>A TCP, UDP or ICMPv6 exchange to <paramref name="name"/>, resolved as an app resolves; <paramref name="expected"/> is where it should lead.</summary>
    public static Exchange ByName(ExchangeKind kind, string name, IPAddress expected, int size, int count = 1, TimeSpan? timeout = null) =>
        new(kind, expected, Size: size, Count: count, Timeout: timeout) { Name = name };
}
