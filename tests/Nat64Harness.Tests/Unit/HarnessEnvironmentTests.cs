using System.Collections;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Model;
using Nat64Harness.Settings;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>Environment variables become options in one place; an unusable value is an error naming its variable.</summary>
[Trait("Category", "Unit")]
public sealed class HarnessEnvironmentTests
{
    [Fact]
    public void Read_EveryVariable_LandsInItsOption()
    {
        var settings = HarnessEnvironment.Read(new Hashtable
        {
            [HarnessEnvironment.Block] = "42",
            [HarnessEnvironment.Prefix] = "64:ff9b:1::/96",
            [HarnessEnvironment.Router] = "JOOL",
            [HarnessEnvironment.BaseImage] = "debian:bookworm-slim",
            [HarnessEnvironment.DebianMirror] = "http://mirror.example/debian",
            [HarnessEnvironment.Captures] = "/tmp/nat64h-captures",
            [HarnessEnvironment.KeepCaptures] = "1",
            [HarnessEnvironment.Ci] = "TRUE",
            [HarnessEnvironment.DockerHost] = "tcp://engine.example:2375",
            [HarnessEnvironment.DockerApiVersion] = "1.41",
        });

        settings.Block.Should().Be(42);
        settings.Prefix.Should().Be(Nat64Prefix.Parse("64:ff9b:1::/96"));
        settings.Router.Should().Be(RouterKind.Jool);
        settings.Images.BaseImage.Should().Be("debian:bookworm-slim");
        settings.Images.DebianMirror.Should().Be("http://mirror.example/debian");
        settings.Layout.Captures.Should().Be("/tmp/nat64h-captures");
        settings.KeepCaptures.Should().BeTrue();
        settings.RequireDocker.Should().BeTrue("CI=true implies it");
        settings.Engine.Should().Be(new Docker.EngineOptions { Endpoint = "tcp://engine.example:2375", ApiVersion = "1.41" });
        var topology = settings.Topology("unit", TextWriter.Null);
        (topology.Block, topology.Router, topology.CapturesFolder, topology.Images.BaseImage).Should().Be((42, RouterKind.Jool, "/tmp/nat64h-captures", "debian:bookworm-slim"));
    }

    [Fact]
    public void Read_NothingSet_GivesTheDefaults()
    {
        var settings = HarnessEnvironment.Read(new Hashtable { [HarnessEnvironment.Block] = "" });

        (settings.Block, settings.Prefix, settings.Router, settings.KeepCaptures, settings.RequireDocker).Should().Be((null, Nat64Prefix.WellKnown, RouterKind.Tayga, false, false));
        settings.Images.BaseImage.Should().Be(Images.BaseImage.Bootstrapped);
        settings.Engine.Endpoint.Should().Be(Docker.EngineOptions.LocalSocket);
        settings.Layout.Captures.Should().Be(Path.Combine(settings.Layout.Root, "captures"));
    }

    [Theory]
    [InlineData(HarnessEnvironment.Block, "abc")]          // not a number
    [InlineData(HarnessEnvironment.Block, "255")]          // outside the blocks the allocator hands out
    [InlineData(HarnessEnvironment.Router, "bird")]        // no such router
    [InlineData(HarnessEnvironment.Router, "1")]           // an enum's number is not a router's name
    [InlineData(HarnessEnvironment.Prefix, "64:ff9b::/97")] // RFC 6052 allows /32 /40 /48 /56 /64 /96 only
    [InlineData(HarnessEnvironment.Repository, "/nonexistent/nat64h")] // not a checkout
    public void Read_UnusableValue_FailsNamingTheVariable(string variable, string value)
    {
        var read = () => HarnessEnvironment.Read(new Hashtable { [variable] = value });

        read.Should().Throw<Exception>().Which.Message.Should().Contain(variable == HarnessEnvironment.Repository ? value : $"{variable}={value}");
    }
}
