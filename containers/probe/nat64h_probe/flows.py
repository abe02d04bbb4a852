"""The probe's TCP, UDP and ICMPv6 exchanges.

Each takes the parsed arguments: --size/--count or a --sizes sweep (0 and 1 byte, odd sizes, MTU boundaries),
--hop-limit and --tclass for the packets it sends (any kind), and, for TCP, --stall (progress.py). A failed
TCP flow carries its socket's TCP_INFO ("socket_info") and its progress samples ("progress").
"""
import hashlib
import os
import select
import socket
import struct
import threading
import time

from . import progress
from . import tcpinfo
from .wire import all_ones_checksum, avoid_all_ones_outer, first_difference, ip_options, ms, payload


def tcp_flow(args, seed, size=None):
    data = payload(args.size if size is None else size, seed)
    res = {"seed": seed, "sent": len(data), "sent_sha256": hashlib.sha256(data).hexdigest()}
    t0 = time.monotonic()
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    watch = None
    try:
        ip_options(s, args)
        # A SYN nobody answers is a stall too: the connect waits --stall, not the whole --timeout.
        s.settimeout(min(args.timeout, args.stall) if args.stall > 0 else args.timeout)
        try:
            s.connect((args.target, args.port))
        except socket.timeout:
            res["socket_info"] = tcpinfo.read(s)
            res["stalled"] = True
            raise TimeoutError(f"connect: no answer to the SYN within {s.gettimeout():g} s")
        s.settimeout(args.timeout)
        res["connect_ms"] = ms(t0)
        # When the flow held its port, on the probe's monotonic clock (comparable between the flows of one exchange):
        # a port may serve two flows one after the other (an RST can end the first one's TIME_WAIT), never at once.
        res["connected_at_ms"] = round(time.monotonic() * 1000, 3)
        local = s.getsockname()
        res["local_addr"], res["local_port"] = local[0], local[1]
        sender_error = []

        def send():
            try:
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
            except OSError as e:
                sender_error.append(str(e))

        got = hashlib.sha256()
        head = bytearray()
        received = 0
        with progress.Watch(s, args.stall, t0) as watch:
            sender = threading.Thread(target=send, daemon=True)
            sender.start()
            while True:
                chunk = s.recv(1 << 20)
                if not chunk:
                    break
                received += len(chunk)
                watch.received = received
                got.update(chunk)
                if len(head) < 4096:
                    head += chunk[: 4096 - len(head)]
            sender.join(args.timeout)
        res["received"] = received
        res["received_sha256"] = got.hexdigest()
        res["ok"] = not sender_error and not watch.stalled and res["received_sha256"] == res["sent_sha256"]
        if watch.stalled:
            res["stalled"] = True
            info = watch.info or {}
            res["error"] = (f"stalled: no progress for {args.stall:g} s; {max(0, info.get('bytes_acked', 1) - 1)} of {len(data)} bytes "
                            f"acknowledged, {received} received back")
        elif sender_error:
            res["error"] = "send: " + sender_error[0]
        elif not res["ok"]:
            res["error"] = f"echo differs: sent {len(data)} bytes, received {received}"
            res["first_difference"] = first_difference(data[:4096], bytes(head))
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}"
    finally:
        if not res.get("ok"):
            res["socket_info"] = (watch.info if watch is not None and watch.info else None) or res.get("socket_info") or tcpinfo.read(s)
        if watch is not None and watch.samples and not res.get("ok"):
            res["progress"] = watch.samples
        s.close()
        if "connected_at_ms" in res:
            res["closed_at_ms"] = round(time.monotonic() * 1000, 3)
    res["elapsed_ms"] = ms(t0)
    return res


class _Unbounded:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def in_flight_gate(args):
    """What bounds the datagrams the UDP flows of one exchange have in flight at once (--in-flight K).

    A burst of 100 flows' datagrams at once tests the VPN's socket buffer, not translation: Debian's wireguard-go
    keeps the kernel's default 212992-byte receive buffer, which holds 92 encrypted 1 KiB datagrams. Measured with
    the server's wireguard-go stopped (SIGSTOP) for 1.5 s while 100 flows sent: 8 flows lost and Udp.RcvbufErrors
    +8 in its namespace, three times of three; with 16 in flight, none lost. A reader that waits that long for the
    CPU is what a second suite on two cores causes. Bounded, every flow still opens its socket at the start and keeps it
    until its own datagrams are back, so the flows overlap and a crossed one still shows."""
    k = getattr(args, "in_flight", 0)
    return threading.BoundedSemaphore(k) if k > 0 else _Unbounded()


def udp_flow(args, seed, sizes, gate=None):
    gate = gate or _Unbounded()
    res = {"seed": seed, "datagrams": []}
    t0 = time.monotonic()
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    try:
        ip_options(s, args)
        s.settimeout(args.timeout)
        s.connect((args.target, args.port))
        local = s.getsockname()
        res["local_addr"], res["local_port"] = local[0], local[1]
        ok = True
        for n, size in enumerate(sizes):
            data = payload(size, seed * 1000 + n)
            if getattr(args, "udp_checksum_ffff", False):
                data = all_ones_checksum(data, local, (args.target, args.port))
            else:
                data = avoid_all_ones_outer(data, local, (args.target, args.port), args.outer_address)
            d = {"n": n, "sent": len(data)}
            try:
                with gate:
                    t1 = time.monotonic()
                    s.send(data)
                    back = s.recv(65535)
                d["received"], d["rtt_ms"] = len(back), ms(t1)
                d["ok"] = back == data
                if not d["ok"]:
                    d["first_difference"] = first_difference(data, back)
            except OSError as e:
                d["ok"], d["error"] = False, f"{type(e).__name__}: {e}"
            ok = ok and d["ok"]
            res["datagrams"].append(d)
        res["ok"] = ok
        if not ok:
            res["error"] = "; ".join(
                f"datagram {d['n']} ({d['sent']} B): {d.get('error') or 'echo differs'}" for d in res["datagrams"] if not d["ok"])
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}"
    finally:
        s.close()
    res["elapsed_ms"] = ms(t0)
    return res


def _echo_request(ident, seq, data):
    # The kernel fills the ICMPv6 checksum of a raw ICMPv6 socket (RFC 3542 §3.1).
    return struct.pack("!BBHHH", 128, 0, 0, ident, seq) + data


def icmp_socket():
    """A raw ICMPv6 socket, or without CAP_NET_RAW (the probe as an app's uid) a ping socket: the kernel then
    picks the identifier and delivers only echo replies, so ICMPv6 errors show as timeouts."""
    try:
        return socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6), "raw"
    except PermissionError:
        return socket.socket(socket.AF_INET6, socket.SOCK_DGRAM, socket.IPPROTO_ICMPV6), "ping"


def echo(s, kind, ident, seq, data, target, timeout):
    """Sends one echo request and waits for its reply or an ICMPv6 error quoting it; returns the result dict and
    the identifier (a ping socket learns its own from the reply)."""
    r = {"seq": seq, "sent": len(data)}
    t1 = time.monotonic()
    s.sendto(_echo_request(ident, seq, data), (target, 0))
    deadline = t1 + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([s], [], [], left)[0]:
            r["ok"], r["error"] = False, "timeout"
            return r, ident
        pkt, src = s.recvfrom(65535)
        typ, code = pkt[0], pkt[1]
        if kind == "ping" and typ == 129:
            ident = struct.unpack("!H", pkt[4:6])[0]
        if typ == 129 and struct.unpack("!HH", pkt[4:8]) == (ident, seq):
            r.update(ok=pkt[8:] == data, type=typ, source=src[0], rtt_ms=ms(t1), received=len(pkt) - 8)
            if not r["ok"]:
                r["error"] = "echo data differs"
            return r, ident
        # An ICMPv6 error quoting our echo request (RFC 4443 §2.4): type 1-4, inner at offset 8.
        inner = pkt[8:]
        if 1 <= typ <= 4 and len(inner) >= 48 and inner[40] == 128 and struct.unpack("!HH", inner[44:48]) == (ident, seq):
            r.update(ok=False, type=typ, code=code, source=src[0], rtt_ms=ms(t1),
                     error=f"ICMPv6 error type {typ} code {code} from {src[0]}")
            if typ == 2:
                r["mtu"] = struct.unpack("!I", pkt[4:8])[0]
            return r, ident


def icmp(args, sizes):
    res = {"kind": "icmp", "target": args.target, "replies": []}
    t0 = time.monotonic()
    ident = os.getpid() & 0xFFFF
    s, res["socket"] = icmp_socket()
    try:
        ip_options(s, args)
        ok = True
        for seq, size in enumerate(sizes, start=1):
            r, ident = echo(s, res["socket"], ident, seq, payload(size, seq), args.target, args.timeout)
            ok = ok and r["ok"]
            res["replies"].append(r)
        res["identifier"] = ident
        res["ok"] = ok
        if not ok:
            res["error"] = "; ".join(f"seq {r['seq']} ({r['sent']} B): {r['error']}" for r in res["replies"] if not r["ok"])
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}"
    finally:
        s.close()
    res["elapsed_ms"] = ms(t0)
    return res
