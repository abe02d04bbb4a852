using System.Globalization;
using System.Net;

namespace Nat64Harness.Vpn;

/// <summary>
/// What a per-app VPN says of itself on its ready line (containers/perapp-contract.md, "The ready line"):
/// <c>nat64h: ready device=… link=tun|tap mtu=… app_v6=… gateway_v6=… app_v4=… dns=…</c>.
/// The harness captures on <see cref="Device"/>, reads its pcap by <see cref="Link"/>, and sizes MTU checks by <see cref="Mtu"/>.
/// </summary>
/// <param name="Device">The TUN/TAP toward the app, in the app's namespace.</param>
/// <param name="Link">TUN (raw IP) or TAP (Ethernet).</param>
/// <param name="Mtu">The device's MTU as the kernel holds it.</param>
/// <param name="AppV6">The app's IPv6 address the VPN installed.</param>
/// <param name="GatewayV6">The app's next hop for the prefix, or null (<c>none</c>, a TUN).</param>
/// <param name="AppV4">The app's IPv4 address, or null.</param>
/// <param name="Dns">The DNS address the VPN offers the app, or null.</param>
public sealed record ReadyFacts(string Device, DeviceLink Link, int Mtu, IPAddress AppV6, IPAddress? GatewayV6, IPAddress? AppV4, IPAddress? Dns)
{
    /// <summary>The keys a ready line must carry.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys = ["device", "link", "mtu", "app_v6", "gateway_v6", "app_v4", "dns"];

    private const string Ready = "nat64h: ready";

    /// <summary>
    /// The facts of the first line of <paramref name="log"/> that starts with "nat64h: ready"; unknown keys are ignored.
    /// </summary>
    /// <param name="container">The container's name, for errors.</param>
    /// <param name="log">Its stdout.</param>
    /// <exception cref="FormatException">No ready line, a required key missing, or a value that does not parse; the message names the container, the key and the line.</exception>
    public static ReadyFacts Parse(string container, string log)
    {
        var line = log.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(Ready, StringComparison.Ordinal))
            ?? throw new FormatException($"{container}: no line starting with '{Ready}' in its log (containers/perapp-contract.md, \"The ready line\")");
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in line[Ready.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                facts.TryAdd(word[..eq], word[(eq + 1)..]);
            }
        }

        var missing = RequiredKeys.Where(k => !facts.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"{container}: ready line lacks {string.Join(", ", missing)} (required: {string.Join(' ', RequiredKeys)}): '{line}'");
        }

        string Bad(string key, string what) => $"{container}: ready line {key}={facts[key]} is not {what}: '{line}'";
        var link = facts["link"] switch
        {
            "tun" => DeviceLink.Tun,
            "tap" => DeviceLink.Tap,
            _ => throw new FormatException(Bad("link", "tun or tap")),
        };
        var mtu = int.TryParse(facts["mtu"], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1280 and <= 65535
            ? m
            : throw new FormatException(Bad("mtu", "an MTU of 1280..65535"));
        IPAddress? Address(string key, bool optional) =>
            optional && facts[key] == "none" ? null
            : IPAddress.TryParse(facts[key], out var a) ? a
            : throw new FormatException(Bad(key, optional ? "an address or none" : "an address"));
        var device = facts["device"];
        if (device.Length is 0 or > 15 || device.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException(Bad("device", "an interface name"));
        }

        return new(device, link, mtu, Address("app_v6", optional: false)!, Address("gateway_v6", optional: true), Address("app_v4", optional: true), Address("dns", optional: true));
    }

    /// <summary>
    /// Checks the facts against what the harness gave: the app's IPv6 address, and the MTU when one was asked for.
    /// </summary>
    /// <exception cref="InvalidOperationException">A fact differs; the message names the container and both values.</exception>
    public void Check(string container, IPAddress appV6, int? requestedMtu)
    {
        if (!AppV6.Equals(appV6))
        {
            throw new InvalidOperationException($"{container}: ready line says app_v6={AppV6}, but the harness gave NAT64H_APP_V6={appV6}");
        }

        if (requestedMtu is { } mtu && mtu != Mtu)
        {
            throw new InvalidOperationException($"{container}: ready line says mtu={Mtu}, but the harness gave NAT64H_TUNNEL_MTU={mtu}");
        }
    }
}
