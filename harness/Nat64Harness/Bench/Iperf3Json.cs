namespace Nat64Harness.Bench;

/// <summary>
/// Reads iperf3's JSON (iperf3 -J, Debian's 3.12) into the same units as the harness's own measurements. TCP
/// rates are the receiver's (end.sum_received, and end.sum_received_bidir_reverse for the reverse stream of
/// --bidir), as the harness's are; a UDP trial is packets sent by the client against packets lost at the server
/// (end.sum). iperf3's own "error" key becomes a <see cref="BenchException"/> with its text.
/// </summary>
public static class Iperf3Json
{
    /// <summary>Receiver bits per second of each direction an iperf3 TCP run measured (-R: down, --bidir: both).</summary>
    public static IReadOnlyDictionary<TcpDirection, double> Tcp(string json, TcpDirection test) =>
        JsonFields.Read(json, "iperf3", root =>
        {
            Succeeded(root);
            var end = root.Object("end");
            var forward = end.Object("sum_received").Number("bits_per_second");
            return test switch
            {
                TcpDirection.Up => new Dictionary<TcpDirection, double> { [TcpDirection.Up] = forward },
                TcpDirection.Down => new Dictionary<TcpDirection, double> { [TcpDirection.Down] = forward },
                _ => new Dictionary<TcpDirection, double>
                {
                    [TcpDirection.Up] = forward,
                    [TcpDirection.Down] = end.Object("sum_received_bidir_reverse").Number("bits_per_second"),
                },
            };
        });

    /// <summary>A UDP trial at <paramref name="offered"/> bits per second (iperf3 -u -b).</summary>
    public static RateTrial UdpTrial(string json, double offered) =>
        JsonFields.Read(json, "iperf3", root =>
        {
            Succeeded(root);
            var sum = root.Object("end").Object("sum");
            var packets = sum.Count("packets");
            var lost = sum.Count("lost_packets");
            if (lost > packets)
            {
                throw sum.Error("lost_packets", $"is {lost}, more than the {packets} packets sent");
            }

            return new RateTrial(offered, sum.Number("bits_per_second"), packets, packets - lost);
        });

    private static void Succeeded(JsonFields root)
    {
        if (root.String("error") is { } error)
        {
            throw new BenchException($"iperf3 failed: {error}");
        }
    }
}
