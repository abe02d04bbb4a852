using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The probe's bound on UDP datagrams in flight across concurrent flows (--in-flight), run from the checkout against
/// an echo on the loopback that holds every datagram a while before answering and counts how many wait at once.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ProbeInFlightTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(40);

    [Fact]
    public async Task UdpFlows_WithInFlightBound_NeverHaveMoreDatagramsOutstanding_AndAllComeBack()
    {
        // Given 20 flows of 3 datagrams, at most 4 in flight
        var (result, mostOutstanding) = await RunAsync(["--flows", "20", "--count", "3", "--in-flight", "4"]);

        // Then the echo never held more than 4 at once, and every flow got its own datagrams back
        mostOutstanding.Should().BeLessThanOrEqualTo(4);
        result.GetProperty("ok").GetBoolean().Should().BeTrue(result.ToString());
        result.GetProperty("flows").GetArrayLength().Should().Be(20);
    }

    [Fact]
    public async Task UdpFlows_WithoutTheBound_SendTheirDatagramsAtOnce()
    {
        // The negative: the same flows unbounded put more than 4 in flight (the bound above is what held them)
        var (result, mostOutstanding) = await RunAsync(["--flows", "20", "--count", "3"]);

        mostOutstanding.Should().BeGreaterThan(4);
        result.GetProperty("ok").GetBoolean().Should().BeTrue(result.ToString());
    }

    [Fact]
    public void ConcurrentUdpFlows_AreBounded_TcpFlowsAreNot()
    {
        var plan = new AddressPlan(5, Addressing.Nat64Prefix.WellKnown);

        ScenarioCatalog.ConcurrentFlows(ExchangeKind.Udp).Build(plan).ToCommand().Should()
            .ContainInConsecutiveOrder("--in-flight", ScenarioCatalog.UdpInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ScenarioCatalog.ConcurrentFlows(ExchangeKind.Tcp).Build(plan).ToCommand().Should().NotContain("--in-flight");
    }

    /// <summary>Runs the checkout's probe against a holding echo on [::1]; its JSON and the most datagrams held at once.</summary>
    private static async Task<(JsonElement Result, int MostOutstanding)> RunAsync(IReadOnlyList<string> options)
    {
        using var echo = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        echo.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        var port = ((IPEndPoint)echo.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        var outstanding = 0;
        var most = 0;
        var serve = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            var pending = new List<Task>();
            try
            {
                while (true)
                {
                    var got = await echo.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.IPv6Any, 0), stop.Token);
                    var data = buffer.AsSpan(0, got.ReceivedBytes).ToArray();
                    var now = Interlocked.Increment(ref outstanding);
                    InterlockedMax(ref most, now);
                    pending.Add(Task.Run(async () =>
                    {
                        await Task.Delay(Hold);
                        Interlocked.Decrement(ref outstanding);
                        await echo.SendToAsync(data, got.RemoteEndPoint);
                    }));
                }
            }
            catch (OperationCanceledException)
            {
                await Task.WhenAll(pending);
            }
        });

        var probe = Path.Combine(TestSettings.Current.Layout.Containers, "probe", "probe.py");
        var start = new ProcessStartInfo("python3", [probe, "udp", "--target", "::1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--size", "200", "--timeout", "5", .. options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await python.WaitForExitAsync(deadline.Token);
        await stop.CancelAsync();
        await serve;
        var text = await stdout;
        text.Should().NotBeNullOrWhiteSpace($"the probe printed nothing; stderr: {await stderr}");
        return (JsonDocument.Parse(text).RootElement.Clone(), Volatile.Read(ref most));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }
}
