"""What every exchange of the probe shares: its payloads, timings, and the IP options of its sockets."""
import socket
import struct
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


def _sum16(data):
    """One's complement sum of 16-bit big-endian words (RFC 1071), not complemented."""
    if len(data) % 2:
        data += b"\0"
    total = 0
    for i in range(0, len(data), 2):
        total += (data[i] << 8) | data[i + 1]
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def all_ones_checksum(data, local, remote):
    """The datagram with its last two bytes (at an even offset) set so that its UDP checksum in IPv6, between
    local (addr, port) and remote (addr, port) either way, computes to zero and must be sent as 0xFFFF (RFC 768;
    RFC 8200 §8.1: zero means no checksum, which IPv6 forbids). The pseudo-header sum is the same both ways, so
    the request and its echo both carry 0xFFFF. A translator or VPN that updates the checksum without folding
    negative zero sends 0x0000, and the receiving kernel drops the datagram."""
    if len(data) < 2 or len(data) % 2:
        raise ValueError("an all-ones checksum needs an even payload of at least 2 bytes")
    rest = _udp_sum(data[:-2] + b"\0\0", local, remote)
    return data[:-2] + struct.pack("!H", (~rest) & 0xFFFF)


def _udp_sum(data, local, remote):
    length = 8 + len(data)
    pseudo = (socket.inet_pton(socket.AF_INET6, local[0]) + socket.inet_pton(socket.AF_INET6, remote[0])
              + struct.pack("!IxxxB", length, 17))
    return _sum16(pseudo + struct.pack("!HHHH", local[1], remote[1], length, 0) + data)


def avoid_all_ones(data, local, remote):
    """The datagram, with its last byte changed when its IPv6 UDP checksum would have to be sent as 0xFFFF (one in
    65536 by chance). Tayga 0.9.2 and Jool 4.1.9 send 0x0000 for it, which the probe's kernel drops (measured by the
    udp-checksum-ffff scenario, which asks for exactly those datagrams): an ordinary exchange must not turn into that
    test by chance and fail one run in a few hundred."""
    if not data or _udp_sum(data, local, remote) != 0xFFFF:
        return data
    return data[:-1] + bytes([data[-1] ^ 0x01])


# No kernel picks an ephemeral port below this (Linux: 32768 by default, never under 1024), so a datagram whose only
# all-ones port lies below it cannot turn into the udp-checksum-ffff test on a leg whose port is not known in advance.
_LOW_PORTS = 1024


def avoid_all_ones_outer(data, local, remote, outer):
    """avoid_all_ones, and the same for the leg a per-app VPN's own socket carries: from outer (the VPN's address on
    the access network) and a port only its kernel knows, to remote. On that leg the sum is fixed but for the port,
    so exactly one port makes the checksum all ones; the last two bytes are set so that port is below 1024, where no
    ephemeral port lies (the app's own leg is kept clear too). Measured before: one UDP reply in a per-app suite run
    was lost to Tayga's 0x0000 on that leg, its outer port being the one."""
    data = avoid_all_ones(data, local, remote)
    if not outer or not data:
        return data

    def fine(d):
        low = 0xFFFF - _udp_sum(d, (outer, 0), remote)
        return 0 < low < _LOW_PORTS and _udp_sum(d, local, remote) != 0xFFFF

    if fine(data):
        return data
    if len(data) == 1:
        return next((bytes([b]) for b in range(256) if fine(bytes([b]))), data)
    # The last two bytes add one 16-bit word x to the sum: an even length ends on it, an odd one splits it across
    # the last byte (the high half of a padded word) and the one before it (a low half).
    odd = len(data) % 2
    head = data[:-2]
    rest = _udp_sum(head + b"\0\0", (outer, 0), remote)
    for want in range(0xFFFE, 0xFFFF - _LOW_PORTS, -1):
        x = (want - rest) % 0xFFFF
        tail = bytes([x & 0xFF, x >> 8]) if odd else struct.pack("!H", x)
        if fine(head + tail):
            return head + tail
    return data


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
