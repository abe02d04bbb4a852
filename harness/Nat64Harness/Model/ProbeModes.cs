using System.Globalization;

namespace Nat64Harness.Model;

/// <summary>
/// What the app does beyond a plain echo, for per-app VPN behaviours (the probe's appmodes module): each value
/// becomes one probe option. The default is a plain exchange.
/// </summary>
public sealed record ProbeModes
{
    /// <summary>TCP: read the whole echo, then close at once, leaving the teardown to the app's kernel (an orphaned socket).</summary>
    public bool CloseFirst { get; init; }

    /// <summary>TCP: the far end resets the connection; ok only when the app sees ECONNRESET.</summary>
    public bool ExpectReset { get; init; }

    /// <summary>TCP: half-close: send, shut down writing, wait this long, then read the echo to EOF.</summary>
    public TimeSpan ReadDelay { get; init; }

    /// <summary>TCP: keep the connection open this long after the echo (a VPN's sessions can be counted meanwhile).</summary>
    public TimeSpan Hold { get; init; }

    /// <summary>TCP or UDP: this long without a packet between the first message and the second, on one socket.</summary>
    public TimeSpan Idle { get; init; }

    /// <summary>TCP: report TCP_MAXSEG and TCP_INFO's MSS fields after connect.</summary>
    public bool TcpInfo { get; init; }

    /// <summary>UDP: read ICMPv6 errors from the socket's error queue (IPV6_RECVERR).</summary>
    public bool RecvErr { get; init; }

    /// <summary>UDP: each datagram is sent as IPv6 fragments of at most this many bytes, built by the probe; 0 for none.</summary>
    public int FragmentSize { get; init; }

    /// <summary>UDP: the device the fragments are written into (a raw socket there, as root), with <see cref="FragmentSize"/>.</summary>
    public string? Device { get; init; }

    /// <summary>UDP: the server answers with the address and port it saw (the echo server's peer port).</summary>
    public bool Peer { get; init; }

    /// <summary>The probe options these modes add.</summary>
    public IEnumerable<string> ToArguments()
    {
        static string S(TimeSpan t) => t.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        if (CloseFirst)
        {
            yield return "--close-first";
        }

        if (ExpectReset)
        {
            yield return "--expect-reset";
        }

        foreach (var (flag, value) in new[] { ("--read-delay", ReadDelay), ("--hold", Hold), ("--idle", Idle) })
        {
            if (value > TimeSpan.Zero)
            {
                yield return flag;
                yield return S(value);
            }
        }

        if (TcpInfo)
        {
            yield return "--tcp-info";
        }

        if (RecvErr)
        {
            yield return "--recverr";
        }

        if (FragmentSize > 0)
        {
            yield return "--frag-size";
            yield return FragmentSize.ToString(CultureInfo.InvariantCulture);
        }

        if (Device is not null)
        {
            yield return "--device";
            yield return Device;
        }

        if (Peer)
        {
            yield return "--peer";
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', ToArguments());
}
