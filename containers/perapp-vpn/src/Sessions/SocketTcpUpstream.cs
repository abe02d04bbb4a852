using System.Net;
using System.Net.Sockets;

namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>
/// The outbound TCP socket of a proxied flow. Upload: app bytes are sent at once, on the thread that accepted them,
/// while the socket takes them without blocking; only when its buffer is full does an async send wait for room
/// and go on draining. Download: an async pump receives into the connection's download ring and has the
/// connection send when the socket has nothing more for now (or a super-segment's worth is there). Back-pressure
/// is the rings: the download pump waits on a signal when there is no room.
/// </summary>
public sealed class SocketTcpUpstream(IPEndPoint remote) : ITcpUpstream
{
    private const int ConnectTimeoutMilliseconds = 10_000;

    private readonly AsyncSignal _downloadSignal = new();
    private readonly CancellationTokenSource _closing = new();
    private Socket? _socket;
    private TcpConnection? _connection;

    /// <summary>1 while someone drains the upload (or before the socket is connected): others leave the data to it.</summary>
    private int _uploadBusy = 1;

    /// <inheritdoc />
    public void Connect(TcpConnection connection)
    {
        _connection = connection;
        _ = ConnectAsync(connection);
    }

    /// <inheritdoc />
    public void UploadAvailable()
    {
        if (Interlocked.CompareExchange(ref _uploadBusy, 1, 0) == 0)
        {
            DrainUpload();
        }
    }

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
            socket.Blocking = false; // the upload sends in place and must never wait
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
        _ = DownloadPumpAsync(socket, connection);
        Volatile.Write(ref _uploadBusy, 0);
        UploadAvailable();
    }

    /// <summary>Sends what the connection holds while the socket takes it at once. The caller set <see cref="_uploadBusy"/>.</summary>
    private void DrainUpload()
    {
        var socket = _socket!;
        var connection = _connection!;
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                if (connection.TryTakeUpload(out var data, out var shutdown))
                {
                    var sent = socket.Send(data.Span, SocketFlags.None, out var error);
                    if (error == SocketError.WouldBlock)
                    {
                        _ = SendWhenWritableAsync(socket, connection, data);
                        return; // still busy: the async send goes on draining
                    }

                    if (error != SocketError.Success)
                    {
                        Fail(connection);
                        return;
                    }

                    connection.OnUploadSent(sent);
                    continue;
                }

                if (shutdown)
                {
                    socket.Shutdown(SocketShutdown.Send);
                    connection.OnUploadShutdown();
                    return; // stays busy: nothing is sent after the FIN
                }

                Volatile.Write(ref _uploadBusy, 0);

                // Bytes that arrived between the look above and the release found the flag set and left them to us.
                if ((!connection.TryTakeUpload(out _, out var more) && !more) || Interlocked.CompareExchange(ref _uploadBusy, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Fail(connection);
        }
    }

    private async Task SendWhenWritableAsync(Socket socket, TcpConnection connection, ReadOnlyMemory<byte> data)
    {
        try
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, _closing.Token).ConfigureAwait(false);
            connection.OnUploadSent(sent);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Fail(connection);
            return;
        }

        DrainUpload();
    }

    private async Task DownloadPumpAsync(Socket socket, TcpConnection connection)
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                if (!connection.TryGetDownloadSpace(out var space))
                {
                    connection.FlushDownload();
                    await _downloadSignal.WaitAsync(_closing.Token).ConfigureAwait(false);
                    continue;
                }

                var receive = socket.ReceiveAsync(space, SocketFlags.None, _closing.Token);
                if (!receive.IsCompleted)
                {
                    connection.FlushDownload(); // the socket has nothing more right now: send what the ring holds
                }

                var received = await receive.ConfigureAwait(false);
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
