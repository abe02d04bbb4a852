using Nat64Harness.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>The tunnel suite behind WireGuard with Jool as the NAT64 router.</summary>
[Trait("Category", "Docker")]
[Collection(DockerCollection.Name)]
public sealed class JoolWireGuardConformanceTests(JoolWireGuardTopologyFixture fixture, ITestOutputHelper output) : TunnelVpnConformanceTests(fixture, output), IClassFixture<JoolWireGuardTopologyFixture>;
