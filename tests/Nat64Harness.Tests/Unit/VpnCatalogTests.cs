using FluentAssertions;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>VPNs found by folder: the declaration says the kind and the faults, so the catalogue keeps no list.</summary>
[Trait("Category", "Unit")]
public sealed class VpnCatalogTests : IDisposable
{
    private readonly string _containers = Directory.CreateTempSubdirectory("nat64h-catalog-").FullName;

    public void Dispose() => Directory.Delete(_containers, recursive: true);

    [Fact]
    public void Find_TunnelFolderWithDeclaredFault_StartsThatFault()
    {
        // Given a tunnel VPN folder declaring one fault
        Folder("swan", """{ "kind": "tunnel", "faults": ["device-mtu"] }""");

        // When it is asked for with that fault
        var vpn = VpnCatalog.Find("swan:device-mtu", _containers);

        // Then it is a tunnel VPN carrying the fault in its name
        vpn.Should().BeOfType<TunnelVpn>().Which.Fault.Should().Be("device-mtu");
        vpn!.Name.Should().Be("swan-device-mtu");
        vpn.NeedsUnderlay.Should().BeTrue();
    }

    [Fact]
    public void Find_FaultTheFolderDoesNotDeclare_IsRefusedNamingTheDeclaredOnes()
    {
        Folder("swan", """{ "kind": "tunnel", "faults": ["device-mtu"] }""");

        var find = () => VpnCatalog.Find("swan:route-all", _containers);

        find.Should().Throw<ArgumentException>().WithMessage("*unknown fault 'route-all' for VPN 'swan'*device-mtu*");
    }

    [Fact]
    public void Find_FolderWithoutDeclaration_IsATunnelVpnWithoutFaults()
    {
        Folder("plain", declaration: null);

        VpnCatalog.Find("plain", _containers).Should().BeOfType<TunnelVpn>().Which.Fault.Should().BeNull();
        var faulty = () => VpnCatalog.Find("plain:x", _containers);
        faulty.Should().Throw<ArgumentException>().WithMessage("*declares no faults*");
    }

    [Fact]
    public void Find_NoneOrMissingFolder_IsBaselineOrAnErrorNamingTheFolder()
    {
        VpnCatalog.Find("none", _containers).Should().BeNull();
        var missing = () => VpnCatalog.Find("nosuch", _containers);
        missing.Should().Throw<ArgumentException>().WithMessage("*unknown VPN 'nosuch'*");
    }

    [Theory]
    [InlineData("per-app-uid")]
    [InlineData("per-app-netns")]
    public void Find_PerAppFolderOfEitherKind_IsAPerAppVpnWithoutUnderlay(string kind)
    {
        // Given a per-app VPN folder nobody in the harness knows by name
        Folder("userstack", $$"""{ "kind": "{{kind}}", "faults": ["drop-fin"] }""");

        // When it is asked for, with and without its fault
        var clean = VpnCatalog.Find("userstack", _containers);
        var faulty = VpnCatalog.Find("userstack:drop-fin", _containers);

        // Then both are per-app VPNs named after the folder
        clean.Should().BeOfType<PerAppVpn>().Which.Fault.Should().BeNull();
        faulty.Should().BeOfType<PerAppVpn>().Which.Name.Should().Be("userstack-drop-fin");
        clean!.NeedsUnderlay.Should().BeFalse();
        var undeclared = () => VpnCatalog.Find("userstack:other", _containers);
        undeclared.Should().Throw<ArgumentException>().WithMessage("*unknown fault 'other' for VPN 'userstack'*drop-fin*");
    }

    [Fact]
    public void Find_AliasTheFolderDeclares_IsThatFolder()
    {
        Folder("perapp-vpn", """{ "kind": "per-app-uid", "aliases": ["perapp"], "faults": ["no-ipv6"] }""");

        VpnCatalog.Find("perapp:no-ipv6", _containers).Should().BeOfType<PerAppVpn>().Which.Name.Should().Be("perapp-vpn-no-ipv6");
        var undeclared = () => VpnCatalog.Find("pa", _containers);
        undeclared.Should().Throw<ArgumentException>().WithMessage("*unknown VPN 'pa'*");
    }

    [Fact]
    public void PerAppVpn_FromAFolderThatIsATunnel_IsRefusedNamingTheKind() =>
        FluentActions.Invoking(() => PerAppVpn.FromDeclaration(new VpnDeclaration("wg", VpnKind.Tunnel, [], false, false)))
            .Should().Throw<ArgumentException>().WithMessage("*'wg' declares kind tunnel*");

    [Theory]
    [InlineData("""{ "kind": "per-app-uid", "falts": [] }""", "*unknown key \"falts\"*")]   // a typo in a key is named, not ignored
    [InlineData("""{ "kind": "per-app-uid", "aliases": "perapp" }""", "*\"aliases\" must be an array*")]
    [InlineData("""{ "faults": [] }""", "*\"kind\" is missing*")]                      // kind required
    [InlineData("""{ "kind": "tunel" }""", "*\"kind\" is 'tunel'*")]                 // a typo is named
    [InlineData("""{ "kind": "tunnel", "faults": "x" }""", "*\"faults\" must be an array*")]
    [InlineData("""{ "kind": "tunnel", "build": { "before": "make" } }""", "*\"build.before\" is 'make'*")]
    [InlineData("""{ "kind": """, "*not valid JSON*")]
    public void Read_BadDeclaration_NamesFileAndKey(string json, string message)
    {
        Folder("bad", json);

        var read = () => VpnDeclaration.Read(_containers, "bad");

        read.Should().Throw<ArgumentException>().WithMessage(message).And.Message.Should().Contain(Path.Combine(_containers, "bad", VpnDeclaration.FileName));
    }

    [Fact]
    public void List_RepositoryContainers_HoldsEveryReferenceVpnWithItsKind()
    {
        // The repository's own folders: the declarations the harness really reads
        var list = VpnCatalog.List(TestSettings.Current.Layout.Containers).ToDictionary(d => d.Folder, d => d.Kind);

        list.Should().Contain(new Dictionary<string, VpnKind>
        {
            ["wireguard"] = VpnKind.Tunnel, ["openvpn"] = VpnKind.Tunnel, ["strongswan"] = VpnKind.Tunnel,
            ["perapp-vpn"] = VpnKind.PerAppUid, ["slirp4netns"] = VpnKind.PerAppNetns,
        });
        list.Should().NotContainKey("tayga", "a router is not a VPN: only folders with a declaration are listed");
    }

    private void Folder(string name, string? declaration)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_containers, name)).FullName;
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM scratch\n");
        if (declaration is not null)
        {
            File.WriteAllText(Path.Combine(dir, VpnDeclaration.FileName), declaration);
        }
    }
}
