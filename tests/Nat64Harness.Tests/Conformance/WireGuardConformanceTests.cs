using Nat64Harness.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>WireGuard (wireguard-go) over an IPv4-only underlay; it declares MTU 1420.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "wireguard")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerThirdLane.Name)]
public sealed class WireGuardConformanceTests(WireGuardTopologyFixture fixture, ITestOutputHelper output) : TunnelVpnConformanceTests(fixture, output), IClassFixture<WireGuardTopologyFixture>;
