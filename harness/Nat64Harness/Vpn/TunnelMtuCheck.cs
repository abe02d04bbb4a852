using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DotNet.Testcontainers.Containers;
using Nat64Harness.Containers;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>
/// A tunnel VPN's declared MTU against what its kernels will send (containers/vpn-contract.md, "Declared MTU"):
/// each end's ready line, and after ready each end's <c>ip -6 route get</c> toward the path (the client toward an
/// echo address, the server toward the client's tunnel address), whose <c>mtu</c> counts when printed, else the
/// MTU of the device it names. Run in the VPN's own containers (the contract's images carry <c>ip</c>).
/// </summary>
public static partial class TunnelMtuCheck
{
    /// <summary>Both declarations and both read-backs; <see cref="TunnelMtuReport.Problems"/> says what does not agree.</summary>
    public static async Task<TunnelMtuReport> CheckAsync(IContainer server, IContainer client, AddressPlan plan, CancellationToken ct = default)
    {
        var serverDeclared = await ReadinessSignal.ReadDeclaredMtuAsync(server, ct).ConfigureAwait(false);
        var clientDeclared = await ReadinessSignal.ReadDeclaredMtuAsync(client, ct).ConfigureAwait(false);
        var serverReading = await ReadAsync(server, "server", plan.TunnelClientV6, ct).ConfigureAwait(false);
        var clientReading = await ReadAsync(client, "client", plan.EchoSynthesized, ct).ConfigureAwait(false);
        return new TunnelMtuReport(serverDeclared, clientDeclared, serverReading, clientReading);
    }

    /// <summary>The MTU <paramref name="container"/>'s kernel uses toward <paramref name="toward"/>; Mtu null (with what was printed) when it has no route or no device MTU.</summary>
    public static async Task<MtuReading> ReadAsync(IContainer container, string end, IPAddress toward, CancellationToken ct = default)
    {
        var get = await container.ExecAsync(["ip", "-6", "route", "get", toward.ToString()], ct).ConfigureAwait(false);
        var line = get.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (get.ExitCode != 0 || line is null)
        {
            return new MtuReading(end, toward, null, null, false, $"ip -6 route get {toward}: {(get.Stderr + get.Stdout).Trim()}");
        }

        var route = KernelRoute.Parse(line);
        var device = route.Devices.FirstOrDefault();
        if (route.Mtu is not null || device is null)
        {
            return new MtuReading(end, toward, device, route.Mtu, route.Mtu is not null, line.Trim());
        }

        var link = await container.ExecAsync(["ip", "-o", "link", "show", "dev", device], ct).ConfigureAwait(false);
        return new MtuReading(end, toward, device, DeviceMtu(link.Stdout), false, $"{line.Trim()} | {(link.Stdout + link.Stderr).Trim()}");
    }

    /// <summary>The <c>mtu N</c> of an <c>ip -o link show</c> line, or null.</summary>
    public static int? DeviceMtu(string linkLine)
    {
        var match = MtuWord().Match(linkLine);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\smtu (\d+)\s")]
    private static partial Regex MtuWord();
}
