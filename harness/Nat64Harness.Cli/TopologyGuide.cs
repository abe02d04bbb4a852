using System.Globalization;
using System.Text;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;
using Nat64Harness.Topology;

namespace Nat64Harness.Cli;

/// <summary>How to reach a running topology by hand: its containers, addresses and where to capture.</summary>
internal static class TopologyGuide
{
    public static string Render(Nat64Topology topology)
    {
        var plan = topology.Plan;
        var text = new StringBuilder();
        void Line(string line) => text.AppendLine(line);
        Line($"topology {topology.RunId}: router {topology.Options.Router.ToString().ToLowerInvariant()}, vpn {topology.Options.Vpn?.Name ?? "none"}, prefix {plan.Prefix}, block {plan.Block}");
        Line("");
        Line("containers (a shell in each):");
        foreach (var name in topology.Containers.Select(c => c.Name.TrimStart('/')).Order(StringComparer.Ordinal))
        {
            Line($"  docker exec -it {name} bash");
        }

        var probe = topology.Probe.Name.TrimStart('/');
        Line("");
        Line("addresses:");
        Line($"  router       {plan.RouterV6} (IPv6 side), {plan.RouterV4} (IPv4 side); pool4 {plan.Pool4}");
        Line($"  echo         {plan.EchoV4}, reached from IPv6 as {plan.EchoSynthesized} (tcp/udp 7, ICMP echo)");
        Line($"  probe        {topology.ProbeSource}{(topology.Vpn is null ? string.Empty : " (inside the VPN client's network namespace)")}");
        if (topology.Vpn is not null && topology.Networks.Underlay is not null)
        {
            Line($"  VPN server   {plan.VpnAccessV6} (access), {plan.VpnServerUnderlay} (underlay), {plan.TunnelServerV6} (tunnel)");
            Line($"  VPN client   {plan.VpnClientUnderlay} (underlay), {plan.TunnelClientV6} (tunnel)");
        }

        Line("");
        Line("try it:");
        Line($"  docker exec {probe} nat64h-probe udp --target {plan.EchoSynthesized} --port 7 --size 100 --count 1 --flows 1 --timeout 5");
        Line($"  docker exec {probe} ping -c 3 {plan.EchoSynthesized}");
        Line("");
        Line("capture (on this machine, as root):");
        foreach (var spec in topology.CapturePoints)
        {
            Line(spec switch
            {
                BridgeCaptureSpec b => string.Create(CultureInfo.InvariantCulture, $"  {spec.Point,-9} tcpdump -ni {b.Bridge}{(b.Filter.Length > 0 ? $" '{b.Filter}'" : string.Empty)} -w {spec.Point}.pcap"),
                NamespaceCaptureSpec n => $"  {spec.Point,-9} docker exec {n.Container.Name.TrimStart('/')} tcpdump -ni {n.Device} -Q {n.Direction} -w - > {spec.Point}.pcap",
                _ => $"  {spec.Point,-9} {spec}",
            });
        }

        if (topology.Vpn?.TunDevice is null && topology.Vpn is not null && topology.Networks.Underlay is not null)
        {
            Line($"  tunnel    docker exec {topology.Vpn.Client.Name.TrimStart('/')} ip -6 addr   (the tunnel device carries {plan.TunnelClientV6})");
        }

        Line("");
        Line("remove it: harness/nat64h down");
        return text.ToString();
    }
}
