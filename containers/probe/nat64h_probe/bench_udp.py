"""One UDP trial at an offered rate, for the harness's throughput search (RFC 2544 §26.1 style).

Registers a test id with the bench server over TCP, sends --size-byte datagrams (the marker, test id and
sequence number, then padding) paced to --rate bits per second of UDP payload for --seconds, waits --drain
seconds for stragglers, and asks the server what arrived. Pacing keeps a running deficit: at every moment the
datagrams sent are those due by then, so a late wake-up sends a short burst, not a lower rate. Datagrams leave in
bursts of up to 1 ms of the rate, one system call each (UDP segmentation offload), where the route allows it. When the
sender cannot keep up (a loaded machine), "sent_bps" says how far it got: the harness reports such a trial as
sender-limited instead of as the path's rate.
"""
import errno
import json
import math
import random
import socket
import struct
import time

MARKER = b"NAT64H-PROBE"
HEADER = len(MARKER) + 8
BUFFER = 4 << 20
# Linux's UDP generic segmentation offload (udp(7), since 4.18): one send of n * size bytes leaves as n datagrams
# of size bytes each, each with its own header and our own marker, test id and sequence in its payload.
UDP_SEGMENT = 103
IPV6_MTU = 24  # ipv6(7): a connected socket's path MTU; Python's socket module does not name it
# A burst is at most 1 ms of the offered rate (iperf3 paces in 1 ms steps too), at most 64 datagrams (the kernel's
# limit per send) and at most 64 KiB of payload.
BURST_SECONDS = 0.001
MAX_SEGMENTS = 64


def burst_size(pps, size):
    return max(1, min(int(pps * BURST_SECONDS), MAX_SEGMENTS, 65000 // size))


def segment(s, size):
    """Asks the kernel to cut each send into datagrams of size bytes; False where it cannot.

    A segmented datagram cannot be fragmented: over the route's MTU (IPv6 and UDP headers included) it stays off,
    and IPv6 fragments each datagram as it would without it."""
    try:
        if size + 48 > s.getsockopt(socket.IPPROTO_IPV6, IPV6_MTU):
            return False
        s.setsockopt(socket.SOL_UDP, UDP_SEGMENT, size)
        return True
    except OSError:
        return False


def control(args, test):
    c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    c.settimeout(args.timeout)
    c.connect((args.target, args.port))
    c.sendall((json.dumps({"mode": "udp-sink", "test": test}) + "\n").encode())
    return c


def read_json_line(s):
    line = bytearray()
    while not line.endswith(b"\n"):
        chunk = s.recv(65536)
        if not chunk:
            break
        line += chunk
    if not line:
        raise OSError("the bench server closed without an answer")
    return json.loads(line)


def run(args):
    size = max(args.size, HEADER)
    if args.rate <= 0:
        return {"ok": False, "error": "--rate must be positive bits per second"}
    pps = args.rate / (size * 8)
    test = random.getrandbits(32)
    c = control(args, test)
    try:
        hello = read_json_line(c)
        if not hello.get("ok"):
            return {"ok": False, "error": f"bench server: {hello.get('error')}"}
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, BUFFER)
        s.connect((args.target, args.port))
        burst = burst_size(pps, size)
        if burst > 1 and not segment(s, size):
            burst = 1
        buf = bytearray((MARKER * (size * burst // len(MARKER) + 1))[:size * burst])
        view = memoryview(buf)
        sent, errors, first_error = 0, 0, None
        total = math.ceil(args.seconds * pps)  # datagram k is due at t0 + k / pps, within the window
        t0 = time.monotonic()
        end = t0 + args.seconds
        while sent < total:
            now = time.monotonic()
            due = min(total, int((now - t0) * pps) + 1)
            wanted = min(sent + burst, total)
            if due < wanted and now < end:
                # Wait for a whole burst to be due: one system call carries it
                time.sleep(t0 + (wanted - 1) / pps - now)
                continue
            while sent < due:
                n = min(burst, due - sent)
                for i in range(n):
                    struct.pack_into("!II", buf, i * size + len(MARKER), test, sent + i)
                try:
                    s.send(view[:n * size])
                except OSError as e:
                    if n > 1 and e.errno in (errno.EIO, errno.EINVAL, errno.EMSGSIZE):
                        # The route cannot take a segmented send (EIO: a device without checksum offload on an
                        # older kernel; EMSGSIZE or EINVAL: the path's MTU fell under the datagram since the
                        # start): the kernel refused the whole burst before anything left. One datagram at a
                        # time from here.
                        s.setsockopt(socket.SOL_UDP, UDP_SEGMENT, 0)
                        burst = 1
                        continue
                    # ENOBUFS and the like: the datagrams never left, count them as sent and lost
                    errors += n
                    first_error = first_error or f"{type(e).__name__}: {e}"
                sent += n
            if now >= end:
                break  # a sender slower than the rate stops with the window: sent_bps tells how far it got
        send_seconds = time.monotonic() - t0
        s.close()
        time.sleep(args.drain)
        c.sendall(b"end\n")
        counts = read_json_line(c)
    finally:
        c.close()
    if not counts.get("ok"):
        return {"ok": False, "error": f"bench server: {counts.get('error')}"}
    res = {"ok": True, "offered_bps": args.rate, "size": size, "sent": sent, "send_errors": errors, "burst": burst,
           "send_seconds": round(send_seconds, 6), "sent_bps": round(sent * size * 8 / send_seconds, 1),
           "received": counts.get("received", 0), "received_bytes": counts.get("received_bytes", 0),
           "reordered": counts.get("reordered", 0), "receiver_seconds": counts.get("receiver_seconds", 0.0),
           "receiver_buffer": hello.get("rcvbuf")}
    if first_error:
        res["first_send_error"] = first_error
    return res
