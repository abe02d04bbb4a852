using Nat64Harness.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>OpenVPN 2.6 over an IPv4-only underlay; it declares MTU 1420.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "openvpn")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerFourthLane.Name)]
public sealed class OpenVpnConformanceTests(OpenVpnTopologyFixture fixture, ITestOutputHelper output) : TunnelVpnConformanceTests(fixture, output), IClassFixture<OpenVpnTopologyFixture>;
