using System.Diagnostics;
using System.Net;
using FluentAssertions;
using Nat64Harness.Packets;
using Nat64Harness.Tests.Infrastructure;

namespace Nat64Harness.Tests.Support;

/// <summary>
/// The probe's datagram shaping (containers/probe/nat64h_probe/wire.py) run from the checkout, and the IPv6 UDP
/// checksum our own code computes, to judge what it shaped.
/// </summary>
internal static class ProbeWire
{
    /// <summary>The bytes a Python expression over the probe's <c>wire</c> module gives.</summary>
    public static byte[] Evaluate(string expression)
    {
        var probe = Path.Combine(TestSettings.Current.Layout.Containers, "probe");
        var code = $"from nat64h_probe import wire; import sys; sys.stdout.write({expression}.hex())";
        var start = new ProcessStartInfo("python3", ["-c", code]) { WorkingDirectory = probe, RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEnd();
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        python.ExitCode.Should().Be(0, error);
        return Convert.FromHexString(output.Trim());
    }

    /// <summary>The UDP checksum of <paramref name="data"/> from source to destination (0: it must be sent as 0xFFFF).</summary>
    public static ushort UdpChecksum(IPAddress source, int sourcePort, IPAddress destination, int destinationPort, byte[] data)
    {
        var segment = new byte[8 + data.Length];
        (segment[0], segment[1]) = ((byte)(sourcePort >> 8), (byte)sourcePort);
        (segment[2], segment[3]) = ((byte)(destinationPort >> 8), (byte)destinationPort);
        (segment[4], segment[5]) = ((byte)(segment.Length >> 8), (byte)segment.Length);
        data.CopyTo(segment, 8);
        return InternetChecksum.ComputeWithPseudoHeader(source.GetAddressBytes(), destination.GetAddressBytes(), 17, segment);
    }
}
