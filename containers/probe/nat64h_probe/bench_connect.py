"""Connection setup rate: TCP handshakes per second through the path, --flows in flight at once.

Non-blocking connects to the bench server's accept-and-close port for --seconds; a handshake counts when the
connect completes. Each connection is then reset (SO_LINGER 0) rather than closed, so the probe keeps no
TIME_WAIT and its ephemeral ports last the whole run. A connect that fails or is still pending after --timeout
counts as failed, and the first error is kept.
"""
import errno
import os
import selectors
import socket
import struct
import time

LINGER_RESET = struct.pack("ii", 1, 0)


def run(args):
    sel = selectors.DefaultSelector()
    completed = failed = 0
    first_error = None
    handshake_us = []
    t0 = time.monotonic()
    end = t0 + args.seconds

    def start():
        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        s.setblocking(False)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_RESET)
        err = s.connect_ex((args.target, args.port))
        if err not in (0, errno.EINPROGRESS):
            s.close()
            return os_error(err)
        sel.register(s, selectors.EVENT_WRITE, time.monotonic())
        return None

    def os_error(err):
        return f"connect: {errno.errorcode.get(err, err)}: {os.strerror(err)}"

    while True:
        now = time.monotonic()
        while now < end and len(sel.get_map()) < args.flows:
            error = start()
            if error:
                failed += 1
                first_error = first_error or error
                now = time.monotonic()
        if not sel.get_map():
            break
        for key, _ in sel.select(timeout=0.05):
            s, started = key.fileobj, key.data
            sel.unregister(s)
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err == 0:
                completed += 1
                handshake_us.append((time.monotonic() - started) * 1e6)
            else:
                failed += 1
                first_error = first_error or os_error(err)
            s.close()
        now = time.monotonic()
        for key in list(sel.get_map().values()):
            if now - key.data > args.timeout:
                sel.unregister(key.fileobj)
                key.fileobj.close()
                failed += 1
                first_error = first_error or f"connect: no answer within {args.timeout} s"
    elapsed = time.monotonic() - t0
    handshake_us.sort()
    res = {"ok": completed > 0, "flows": args.flows, "completed": completed, "failed": failed,
           "seconds": round(elapsed, 6),
           "handshake_us_median": round(handshake_us[len(handshake_us) // 2], 1) if handshake_us else None}
    if first_error:
        res["first_error"] = first_error
    if not completed:
        res["error"] = first_error or "no connection completed"
    return res
