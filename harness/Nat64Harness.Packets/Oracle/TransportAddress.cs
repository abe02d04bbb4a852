using System.Globalization;
using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>
/// An (address, port) pair, written the way Jool prints it: <c>100.64.5.130#61234</c>, <c>2001:db8:5::2#40100</c>.
/// For ICMP queries the port is the echo identifier (RFC 6146 §3.5.3).
/// </summary>
public readonly record struct TransportAddress(IPAddress Address, ushort Port)
{
    /// <summary>Parses <c>address#port</c>; an IPv6 address may be bracketed (<c>[2001:db8::1]#80</c>).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TransportAddress result)
    {
        result = default;
        var hash = text.LastIndexOf('#');
        if (hash <= 0)
        {
            return false;
        }

        var address = text[..hash].Trim();
        if (address.Length > 2 && address[0] == '[' && address[^1] == ']')
        {
            address = address[1..^1];
        }

        if (!IPAddress.TryParse(address, out var ip)
            || !ushort.TryParse(text[(hash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return false;
        }

        result = new TransportAddress(ip, port);
        return true;
    }

    /// <summary>Parses <c>address#port</c>.</summary>
    /// <exception cref="FormatException">The text is not an address, '#', and a port 0-65535.</exception>
    public static TransportAddress Parse(string text) =>
        TryParse(text, out var result) ? result : throw new FormatException($"'{text}' is not <address>#<port>");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}#{Port}");
}
