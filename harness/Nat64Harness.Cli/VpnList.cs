using System.Globalization;
using System.Text;
using Nat64Harness.Vpn;

namespace Nat64Harness.Cli;

/// <summary>What <c>--vpn</c> accepts: every folder under containers/ that declares a VPN, its kind and its faults.</summary>
internal static class VpnList
{
    public static string Render(string containersFolder)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"--vpn",-14} {"kind",-14} faults (--vpn name:fault)");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"none",-14} {"-",-14} the baseline: no VPN");
        foreach (var vpn in VpnCatalog.List(containersFolder))
        {
            var faults = vpn.Faults.Count == 0 ? "-" : string.Join(", ", vpn.Faults);
            text.AppendLine(CultureInfo.InvariantCulture, $"{vpn.Folder,-14} {Kebab(vpn.Kind.ToString()),-14} {faults}{Startable(vpn.Folder, containersFolder)}");
        }

        return text.ToString();
    }

    // The catalogue is the judge of what `run --vpn` can start today; say so beside a VPN it cannot.
    private static string Startable(string folder, string containersFolder)
    {
        try
        {
            _ = VpnCatalog.Find(folder, containersFolder);
            return string.Empty;
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            return $"  (cannot be started yet: {e.Message})";
        }
    }

    // As nat64h-vpn.json spells it: PerAppUid → per-app-uid.
    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
