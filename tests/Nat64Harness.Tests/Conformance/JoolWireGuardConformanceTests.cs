using Nat64Harness.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>The tunnel suite behind WireGuard with Jool as the NAT64 router.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "wireguard")]
[Trait("Router", "jool")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerFourthLane.Name)]
public sealed class JoolWireGuardConformanceTests(JoolWireGuardTopologyFixture fixture, ITestOutputHelper output) : TunnelVpnConformanceTests(fixture, output), IClassFixture<JoolWireGuardTopologyFixture>;
