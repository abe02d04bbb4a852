namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>The socket-facing half: what the upstream takes from the upload ring and puts into the download ring.</summary>
public sealed partial class TcpConnection
{
    /// <summary>The next contiguous app bytes to send upstream; <paramref name="shutdown"/> when none remain and the app sent FIN.</summary>
    public bool TryTakeUpload(out ReadOnlyMemory<byte> data, out bool shutdown)
    {
        lock (_gate)
        {
            data = _upload.DataContiguous();
            shutdown = data.IsEmpty && _clientFin && !_uploadShutdown && State is TcpState.Established or TcpState.TimeWait;
            return !data.IsEmpty;
        }
    }

    /// <summary>Upstream accepted <paramref name="count"/> bytes from <see cref="TryTakeUpload"/>: free them, reopen the window.</summary>
    public void OnUploadSent(int count)
    {
        lock (_gate)
        {
            _upload.Consume(count);
            LastActivity = Environment.TickCount64;

            // Window update: the app stops sending when the window closes and would otherwise wait for its persist timer.
            if (State == TcpState.Established && _lastAdvertisedWindow < 2 * _sendMss && _upload.Free >= _upload.MaxCapacity / 2)
            {
                SendAck();
            }
        }
    }

    /// <summary>Upstream half-closed its send side after the app's FIN.</summary>
    public void OnUploadShutdown()
    {
        lock (_gate)
        {
            _uploadShutdown = true;
            CheckFinished();
        }
    }

    /// <summary>Contiguous free room in the download ring for the upstream to receive into.</summary>
    public bool TryGetDownloadSpace(out Memory<byte> space)
    {
        lock (_gate)
        {
            space = State is TcpState.Closed or TcpState.TimeWait ? Memory<byte>.Empty : _download.FreeContiguous();
            return !space.IsEmpty;
        }
    }

    /// <summary>
    /// Upstream wrote <paramref name="count"/> bytes into the region from <see cref="TryGetDownloadSpace"/>. They are
    /// sent at once when a full-sized packet is waiting; a smaller rest waits for <see cref="FlushDownload"/>, so a
    /// socket read in small pieces still leaves in large packets.
    /// </summary>
    public void OnDownloadReceived(int count)
    {
        lock (_gate)
        {
            _download.Commit(count);
            LastActivity = Environment.TickCount64;
            if (_download.Count - (int)(_sndNxt - _sndUna) >= _burstPayload)
            {
                SendPending();
            }
        }
    }

    /// <summary>The upstream has nothing more for now (or no room to receive into): send what is waiting.</summary>
    public void FlushDownload()
    {
        lock (_gate)
        {
            SendPending();
        }
    }

    /// <summary>Upstream reached end of stream: send FIN once everything before it was sent.</summary>
    public void OnUpstreamEof()
    {
        lock (_gate)
        {
            _upstreamEof = true;
            SendPending();
            CheckFinished();
        }
    }
}
