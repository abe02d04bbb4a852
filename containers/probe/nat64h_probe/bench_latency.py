"""Round-trip times under light load: --rate small datagrams per second to the UDP echo for --seconds.

Each datagram carries the marker and its sequence number; the echo sends it back unchanged. The result lists
one round trip per sequence number in microseconds (null when no echo came back within --timeout after the
last send), in send order, so the harness can compute percentiles, PDV (RFC 5481 §4.2) and IPDV (RFC 3393)
from the same samples. One thread sends on schedule and reads whatever has come back in between.
"""
import select
import socket
import struct
import time

from .bench_udp import MARKER


def run(args):
    if args.rate <= 0:
        return {"ok": False, "error": "--rate must be positive packets per second"}
    size = max(args.size, len(MARKER) + 4)
    count = max(1, int(args.rate * args.seconds))
    interval_ns = int(1e9 / args.rate)
    sent_ns = [0] * count
    rtt_us = [None] * count
    answered = duplicates = 0
    buf = bytearray((MARKER * (size // len(MARKER) + 1))[:size])
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.connect((args.target, args.port))
    s.setblocking(False)
    t0 = time.monotonic_ns()
    seq = 0
    deadline = None
    try:
        while True:
            now = time.monotonic_ns()
            if seq < count and now >= t0 + seq * interval_ns:
                struct.pack_into("!I", buf, len(MARKER), seq)
                sent_ns[seq] = time.monotonic_ns()
                s.send(buf)
                seq += 1
                if seq == count:
                    deadline = time.monotonic_ns() + int(args.timeout * 1e9)
                continue
            if deadline is not None and (now >= deadline or answered == count):
                break
            wake = t0 + seq * interval_ns if seq < count else deadline
            ready, _, _ = select.select([s], [], [], max(0, wake - now) / 1e9)
            while ready:
                try:
                    data = s.recv(65535)
                except BlockingIOError:
                    break
                got = time.monotonic_ns()
                if len(data) < len(MARKER) + 4 or not data.startswith(MARKER):
                    continue
                n = struct.unpack_from("!I", data, len(MARKER))[0]
                if n >= seq:
                    continue
                if rtt_us[n] is not None:
                    duplicates += 1
                    continue
                rtt_us[n] = round((got - sent_ns[n]) / 1000, 1)
                answered += 1
    finally:
        s.close()
    res = {"ok": answered > 0, "rate_pps": args.rate, "size": size, "sent": count, "answered": answered,
           "duplicates": duplicates, "rtt_us": rtt_us}
    if not answered:
        res["error"] = f"none of {count} datagrams came back from {args.target} port {args.port}"
    return res
