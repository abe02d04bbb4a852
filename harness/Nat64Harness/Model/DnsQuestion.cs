using System.Net;

namespace Nat64Harness.Model;

/// <summary>A DNS question the probe asks.</summary>
/// <param name="Name">The name, e.g. echo.nat64h.test.</param>
/// <param name="Type">The record type: AAAA or A.</param>
/// <param name="Transport">UDP, TCP, or the system resolver.</param>
/// <param name="Server">The server to ask; null for resolv.conf's first (the run's resolver).</param>
public sealed record DnsQuestion(string Name, string Type = "AAAA", DnsTransport Transport = DnsTransport.Udp, IPAddress? Server = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} {Type} over {Transport.ToString().ToLowerInvariant()}{(Server is null ? "" : $" to {Server}")}";
}
