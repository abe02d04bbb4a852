"""What every exchange of the probe shares: its payloads, timings, and the IP options of its sockets."""
import socket
import time

MARKER = b"NAT64H-PROBE"


def payload(size, seed):
    """Deterministic payload: the marker, then a counter pattern that differs per seed."""
    body = bytes(((i * 31 + seed * 7) & 0xFF) for i in range(min(size, 65536)))
    data = (MARKER + body)[:size] if size < 65536 else None
    if data is not None:
        return data
    block = (MARKER + body)[:65536]
    reps, rest = divmod(size, len(block))
    return block * reps + block[:rest]


def ms(t0):
    return round((time.monotonic() - t0) * 1000, 3)


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return None if len(a) == len(b) else min(len(a), len(b))


def ip_options(sock, args):
    """--hop-limit and --tclass on an IPv6 socket (any kind): what the probe's packets carry."""
    if getattr(args, "hop_limit", 0):
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, args.hop_limit)
    if getattr(args, "tclass", -1) >= 0:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, args.tclass)


def sizes(args):
    """The payload sizes of the exchange: --sizes (a sweep) or --size repeated --count times."""
    if getattr(args, "sizes", ""):
        return [int(s) for s in args.sizes.split(",") if s.strip()]
    return [args.size] * args.count
