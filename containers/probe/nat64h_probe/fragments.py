"""A UDP datagram sent as IPv6 fragments the probe builds itself (RFC 8200 §4.5), into one device.

Linux gives a UDP socket no way to fragment below its route's MTU (IPV6_MTU does not, measured on 6.18), so the
datagram is built here: UDP header and checksum over the pseudo-header, cut into pieces of at most `size`
bytes of IPv6 packet with one identification, and written with a raw socket bound to the device, source the
device's global address. The echo comes back to an ordinary UDP socket bound to that address and port."""
import os
import socket
import struct

IPPROTO_FRAGMENT = 44


def device_address(device):
    """The device's first global IPv6 address, from /proc/net/if_inet6 (scope 00 is global)."""
    with open("/proc/net/if_inet6") as f:
        for line in f:
            hexaddr, _, _, scope, _, name = line.split()
            if name == device and scope == "00":
                return socket.inet_ntop(socket.AF_INET6, bytes.fromhex(hexaddr))
    raise OSError(f"no global IPv6 address on {device}")


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def pieces(src, dst, sport, dport, data, size, hop_limit, ident):
    """The IPv6 packets carrying one UDP datagram in fragments of at most size bytes each."""
    s, d = socket.inet_pton(socket.AF_INET6, src), socket.inet_pton(socket.AF_INET6, dst)
    length = 8 + len(data)
    header = struct.pack("!HHHH", sport, dport, length, 0)
    sum_ = checksum(s + d + struct.pack("!IxxxB", length, socket.IPPROTO_UDP) + header + data) or 0xFFFF
    udp = header[:6] + struct.pack("!H", sum_) + data
    step = (size - 40 - 8) // 8 * 8
    out = []
    for offset in range(0, len(udp), step):
        chunk = udp[offset:offset + step]
        more = 1 if offset + step < len(udp) else 0
        frag = struct.pack("!BBHI", socket.IPPROTO_UDP, 0, offset | more, ident)
        out.append(struct.pack("!IHBB", 6 << 28, 8 + len(chunk), IPPROTO_FRAGMENT, hop_limit) + s + d + frag + chunk)
    return out


def send(device, src, dst, sport, dport, data, size, hop_limit):
    """Writes the fragments into device; returns how many and their sizes."""
    raw = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    try:
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, device.encode())
        # Bound to the app's address too: a per-app-uid VPN steers root's packets into its device by source only.
        raw.bind((src, 0))
        packets = pieces(src, dst, sport, dport, data, size, hop_limit or 64, struct.unpack("!I", os.urandom(4))[0])
        for p in packets:
            raw.sendto(p, (dst, 0))
        return [len(p) for p in packets]
    finally:
        raw.close()
