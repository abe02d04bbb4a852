using System.Text.Json;
using Nat64Harness.PerAppVpn.Faults;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>
/// containers/perapp-vpn/nat64h-vpn.json is where the harness learns the VPN's kind and fault names (it keeps no
/// list of its own): the file must name exactly the faults the VPN accepts.
/// </summary>
public sealed class FolderDeclarationTests
{
    private static readonly string DeclarationPath =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../containers/perapp-vpn/nat64h-vpn.json"));

    [Fact]
    public void Declaration_IsPerAppUid_AndNamesEveryFaultTheVpnAccepts()
    {
        var json = File.ReadAllText(DeclarationPath);

        JsonDocument.Parse(json).RootElement.GetProperty("kind").GetString().Should().Be("per-app-uid");
        Disagreement(json).Should().BeEmpty();
    }

    [Fact]
    public void Declaration_MissingAFault_IsReported()
    {
        var json = File.ReadAllText(DeclarationPath).Replace("\"ignore-fin\", ", "", StringComparison.Ordinal);

        Disagreement(json).Should().Equal("ignore-fin");
    }

    /// <summary>Fault names in one of the declaration and the VPN's parser but not in the other.</summary>
    private static List<string> Disagreement(string json)
    {
        var declared = JsonDocument.Parse(json).RootElement.GetProperty("faults").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        var accepted = FaultNames.All.Where(n => n != "none").ToHashSet();
        return [.. declared.Except(accepted).Concat(accepted.Except(declared)).Order(StringComparer.Ordinal)];
    }
}
