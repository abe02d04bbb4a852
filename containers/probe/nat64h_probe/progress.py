"""Watches a TCP flow and ends it when it stops moving.

Progress is any new byte acknowledged by the peer (TCP_INFO bytes_acked) or received from it. A flow that makes
none for --stall seconds (default 5) is shut down and reported as stalled, with the socket's TCP_INFO at that
moment. Why 5 s: on the paths the harness builds (RTTs of a millisecond, no loss) a lost segment is recovered
within one retransmission timeout (Linux: 200 ms minimum, about 1 s for a SYN); 5 s without a byte means four
or more consecutive timeouts of the same data (0.2 + 0.4 + 0.8 + 1.6 + 3.2 s) or three of a SYN, which no
loaded machine explains and a black hole always does. The samples (one a second) show where it stopped.
"""
import socket
import threading
import time

from . import tcpinfo

POLL = 0.2
MAX_SAMPLES = 30


class Watch:
    def __init__(self, sock, stall, t0):
        self.sock, self.stall, self.t0 = sock, stall, t0
        self.received = 0
        self.stalled = False
        self.info = None
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        if self.stall > 0:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(1)

    def _run(self):
        last = (-1, -1)
        moved = next_sample = time.monotonic()
        while not self._stop.wait(POLL):
            info = tcpinfo.read(self.sock)
            if info is None:
                return
            now = time.monotonic()
            mark = (info.get("bytes_acked", 0), self.received)
            if mark != last:
                last, moved = mark, now
            if now >= next_sample:
                next_sample = now + 1
                self.samples.append({"t_ms": round((now - self.t0) * 1000), "acked": mark[0], "received": mark[1],
                                     "retrans": info.get("total_retrans", 0)})
                del self.samples[:-MAX_SAMPLES]
            if now - moved >= self.stall:
                self.stalled, self.info = True, info
                try:
                    self.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
