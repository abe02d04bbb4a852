using System.Net;

namespace Nat64Harness.Model;

/// <summary>
/// What one end's kernel says the tunnel's MTU is toward the path: <c>ip -6 route get</c>'s <c>mtu</c> when the
/// route carries one, else the MTU of the device the route goes through (<c>ip -o link show</c>).
/// </summary>
/// <param name="End">server or client.</param>
/// <param name="Toward">The address asked for (an echo address from the client, the client's tunnel address from the server).</param>
/// <param name="Device">The device the route goes through, or null when there is no route.</param>
/// <param name="Mtu">The MTU read, or null when none could be read.</param>
/// <param name="FromRoute">True when the route itself carries the MTU, false when it is the device's.</param>
/// <param name="Evidence">What the commands printed.</param>
public sealed record MtuReading(string End, IPAddress Toward, string? Device, int? Mtu, bool FromRoute, string Evidence)
{
    /// <summary>Where the value came from, in words.</summary>
    public string Origin => Mtu is null ? "nothing read" : FromRoute ? $"the route's mtu (dev {Device})" : $"the MTU of dev {Device}";

    /// <inheritdoc />
    public override string ToString() => $"{End} toward {Toward}: {(Mtu is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")} ({Origin}): {Evidence}";
}
