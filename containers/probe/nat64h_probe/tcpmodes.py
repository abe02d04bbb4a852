"""TCP flows in the per-app modes of appmodes.py. Every failure says which step it was: a failure to connect,
an echo that stopped short, an echo that came back whole but no EOF (the app's FIN or the far end's never
arrived), a reset that arrived as EOF."""
import hashlib
import socket
import struct
import time

from nat64h_probe import wire


def ms(t0):
    return round((time.monotonic() - t0) * 1000, 3)

# struct tcp_info (linux/tcp.h): 8 bytes of u8 fields, then u32 fields in this order.
_TCP_INFO_U32 = ("rto", "ato", "snd_mss", "rcv_mss", "unacked", "sacked", "lost", "retrans", "fackets",
                 "last_data_sent", "last_ack_sent", "last_data_recv", "last_ack_recv", "pmtu", "rcv_ssthresh",
                 "rtt", "rttvar", "snd_ssthresh", "snd_cwnd", "advmss")


def tcp_info(s):
    raw = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8 + 4 * len(_TCP_INFO_U32))
    values = dict(zip(_TCP_INFO_U32, struct.unpack_from("=%dI" % len(_TCP_INFO_U32), raw, 8)))
    return {"maxseg": s.getsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG), "snd_mss": values["snd_mss"],
            "rcv_mss": values["rcv_mss"], "advmss": values["advmss"], "pmtu": values["pmtu"]}


def recv_exactly(s, n, step):
    """Reads n bytes; raises with what came and which step it was when the stream ends or stalls first."""
    got = bytearray()
    while len(got) < n:
        try:
            chunk = s.recv(min(1 << 20, n - len(got)))
        except socket.timeout:
            raise OSError(f"{step}: timed out after {len(got)} of {n} echoed bytes") from None
        if not chunk:
            raise OSError(f"{step}: EOF after {len(got)} of {n} echoed bytes")
        got += chunk
    return bytes(got)


def read_to_eof(s, expected, step):
    """Reads until EOF; an echo that came back whole without EOF is named as such (a FIN that never arrived)."""
    got = bytearray()
    while True:
        try:
            chunk = s.recv(1 << 20)
        except socket.timeout:
            if len(got) >= expected:
                raise OSError(f"{step}: all {len(got)} bytes echoed, but no EOF: the far end's FIN never reached "
                              "the app (or the app's FIN never reached the far end)") from None
            raise OSError(f"{step}: timed out after {len(got)} of {expected} echoed bytes") from None
        if not chunk:
            return bytes(got)
        got += chunk


def flow(args, seed, payload):
    """One flow; payload(size, seed) is the probe's own (its marker first)."""
    data = payload(args.size, seed)
    res = {"seed": seed, "sent": len(data), "sent_sha256": hashlib.sha256(data).hexdigest()}
    t0 = time.monotonic()
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    closed = False
    try:
        s.settimeout(args.timeout)
        wire.ip_options(s, args)
        s.connect((args.target, args.port))
        res["connect_ms"] = ms(t0)
        res["local_addr"], res["local_port"] = s.getsockname()[:2]
        if args.tcp_info:
            res["tcp_info"] = tcp_info(s)
        if args.expect_reset:
            expect_reset(s, data, res)
        elif args.close_first:
            s.sendall(data)
            back = recv_exactly(s, len(data), "echo before close")
            s.close()
            closed = True
            res["closed_first"] = True
            time.sleep(args.linger)  # the teardown the kernel owes happens now, inside the harness's capture
            finish(res, data, back)
        elif args.read_delay:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            time.sleep(args.read_delay)  # every echoed byte arrives after the app's FIN
            finish(res, data, read_to_eof(s, len(data), "read after half-close"))
        else:
            # --hold or --idle: one message, a pause with the connection open, and (idle) a second message.
            s.sendall(data)
            back = recv_exactly(s, len(data), "first echo")
            pause = args.idle or args.hold
            res["paused_s"] = pause
            time.sleep(pause)
            if args.idle:
                second = payload(args.size, seed + 500000)
                s.sendall(second)
                back += recv_exactly(s, len(second), f"echo after {pause:g} s idle")
                data += second
            s.shutdown(socket.SHUT_WR)
            back += read_to_eof(s, 0, "close")
            finish(res, data, back)
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}" if type(e) is not OSError else str(e)
    finally:
        if not closed:
            s.close()
    res["elapsed_ms"] = ms(t0)
    return res


def expect_reset(s, data, res):
    s.sendall(data)
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                res.update(ok=False, reset=False, eof=True,
                           error="the far end's reset reached the app as EOF (a FIN), not as a reset")
                return
    except ConnectionResetError:
        res.update(ok=True, reset=True)
    except socket.timeout:
        res.update(ok=False, reset=False, error="no reset reached the app before the timeout")


def finish(res, data, back):
    res["received"] = len(back)
    res["received_sha256"] = hashlib.sha256(back).hexdigest()
    res["ok"] = back == data
    if not res["ok"]:
        res["error"] = f"echo differs: sent {len(data)} bytes, received {len(back)}"
