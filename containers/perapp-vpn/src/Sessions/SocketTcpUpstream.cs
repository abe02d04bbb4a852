using System.Net;
using System.Net.Sockets;

namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>
/// The outbound TCP socket of a proxied flow, with two async pumps: app bytes to the socket, socket bytes into
/// the connection's download ring. Back-pressure is the ring: a pump waits on its signal when there is no room.
/// </summary>
public sealed class SocketTcpUpstream(IPEndPoint remote) : ITcpUpstream
{
    private const int ConnectTimeoutMilliseconds = 10_000;

    private readonly AsyncSignal _uploadSignal = new();
    private readonly AsyncSignal _downloadSignal = new();
    private readonly CancellationTokenSource _closing = new();
    private Socket? _socket;
    private TcpConnection? _connection;

    /// <inheritdoc />
    public void Connect(TcpConnection connection)
    {
        _connection = connection;
        _ = ConnectAsync(connection);
    }

    /// <inheritdoc />
    public void UploadAvailable() => _uploadSignal.Set();

    /// <inheritdoc />
    public void DownloadSpaceAvailable() => _downloadSignal.Set();

    /// <inheritdoc />
    public void Close() => Shutdown(abortive: false);

    /// <inheritdoc />
    public void Abort() => Shutdown(abortive: true);

    private void Shutdown(bool abortive)
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }

        _closing.Cancel();
        var socket = _socket;
        if (socket is null)
        {
            return;
        }

        try
        {
            if (abortive)
            {
                socket.LingerState = new LingerOption(true, 0); // close with RST
            }

            socket.Dispose();
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ConnectAsync(TcpConnection connection)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket = socket;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            timeout.CancelAfter(ConnectTimeoutMilliseconds);
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Dispose();
            connection.OnUpstreamFailed();
            return;
        }

        if (_closing.IsCancellationRequested)
        {
            socket.Dispose();
            return;
        }

        connection.OnUpstreamConnected();
        _ = UploadPumpAsync(socket, connection);
        _ = DownloadPumpAsync(socket, connection);
    }

    private async Task UploadPumpAsync(Socket socket, TcpConnection connection)
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                if (connection.TryTakeUpload(out var data, out var shutdown))
                {
                    var sent = await socket.SendAsync(data, SocketFlags.None, _closing.Token).ConfigureAwait(false);
                    connection.OnUploadSent(sent);
                    continue;
                }

                if (shutdown)
                {
                    socket.Shutdown(SocketShutdown.Send);
                    connection.OnUploadShutdown();
                    return;
                }

                await _uploadSignal.WaitAsync(_closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Fail(connection);
        }
    }

    private async Task DownloadPumpAsync(Socket socket, TcpConnection connection)
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                if (!connection.TryGetDownloadSpace(out var space))
                {
                    await _downloadSignal.WaitAsync(_closing.Token).ConfigureAwait(false);
                    continue;
                }

                var received = await socket.ReceiveAsync(space, SocketFlags.None, _closing.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    connection.OnUpstreamEof();
                    return;
                }

                connection.OnDownloadReceived(received);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Fail(connection);
        }
    }

    private void Fail(TcpConnection connection)
    {
        if (!_closing.IsCancellationRequested)
        {
            connection.OnUpstreamFailed();
            Abort();
        }
    }
}
