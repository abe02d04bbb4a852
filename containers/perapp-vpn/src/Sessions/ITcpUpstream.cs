namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>
/// The outbound side of a proxied TCP flow: a real socket in the VPN, a fake in tests. Calls from
/// <see cref="TcpConnection"/> are made under its lock and must not block.
/// </summary>
public interface ITcpUpstream
{
    /// <summary>Starts connecting; reports with <see cref="TcpConnection.OnUpstreamConnected"/> or <see cref="TcpConnection.OnUpstreamFailed"/>.</summary>
    void Connect(TcpConnection connection);

    /// <summary>
    /// The connection has app bytes (or the app's FIN) to pass on: drain with <see cref="TcpConnection.TryTakeUpload"/>,
    /// here and now if the socket takes them without blocking (the connection's lock is re-entrant).
    /// </summary>
    void UploadAvailable();

    /// <summary>
    /// The download ring has room again (a quarter of it at least): fill it with <see cref="TcpConnection.TryGetDownloadSpace"/>,
    /// then <see cref="TcpConnection.OnDownloadReceived"/>, and <see cref="TcpConnection.FlushDownload"/> when nothing more is there.
    /// </summary>
    void DownloadSpaceAvailable();

    /// <summary>Both directions finished cleanly: release the socket.</summary>
    void Close();

    /// <summary>The app reset the flow (or the flow timed out): reset the outbound connection.</summary>
    void Abort();
}
