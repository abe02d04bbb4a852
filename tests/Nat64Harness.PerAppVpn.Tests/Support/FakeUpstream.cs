using Nat64Harness.PerAppVpn.Sessions;

namespace Nat64Harness.PerAppVpn.Tests.Support;

/// <summary>The socket side of a TCP flow, driven by the test: it records what the VPN passes on and injects server events.</summary>
public sealed class FakeUpstream : ITcpUpstream
{
    public TcpConnection? Connection { get; private set; }
    public MemoryStream Received { get; } = new();
    public bool ShutdownSend { get; private set; }
    public bool Closed { get; private set; }
    public bool Aborted { get; private set; }
    public int UploadSignals { get; private set; }

    /// <summary>False to discard what the app sends (allocation tests).</summary>
    public bool KeepReceived { get; set; } = true;

    public void Connect(TcpConnection connection) => Connection = connection;

    public void UploadAvailable() => UploadSignals++;

    public void DownloadSpaceAvailable()
    {
    }

    public void Close() => Closed = true;

    public void Abort() => Aborted = true;

    /// <summary>Takes everything the connection has for the server, as the upload pump would.</summary>
    public void Drain()
    {
        while (true)
        {
            if (Connection!.TryTakeUpload(out var data, out var shutdown))
            {
                if (KeepReceived)
                {
                    Received.Write(data.Span);
                }

                Connection.OnUploadSent(data.Length);
                continue;
            }

            if (shutdown)
            {
                ShutdownSend = true;
                Connection.OnUploadShutdown();
            }

            return;
        }
    }

    /// <summary>Delivers bytes from the server, as the download pump would.</summary>
    public int ServerSends(ReadOnlySpan<byte> data)
    {
        var total = 0;
        while (!data.IsEmpty && Connection!.TryGetDownloadSpace(out var space))
        {
            var n = Math.Min(space.Length, data.Length);
            data[..n].CopyTo(space.Span);
            Connection.OnDownloadReceived(n);
            data = data[n..];
            total += n;
        }

        Connection!.FlushDownload(); // the server has nothing more for now
        return total;
    }
}
