"""nat64h-probe mtu-sweep: the largest IPv6 packet a path really carries, found with don't-fragment packets.

  nat64h-probe mtu-sweep --target ADDR [--mode icmp|udp] [--low 1280] [--high N] [--port 7]
                         [--timeout S] [--tries K]

Each probe is one IPv6 packet of an exact size (header included) sent with IPV6_DONTFRAG and
IPV6_PMTUDISC_DO, so the kernel never fragments it: a packet above the MTU the kernel believes in for the
target is refused locally (EMSGSIZE), one below it leaves whole. icmp mode sends ICMPv6 echo requests on a
raw socket; udp mode sends datagrams to the echo port. Either way the answer has the size of the request,
so a size is "carried" only when it crossed both ways. A size that gets no answer is tried --tries times
before it counts as lost (a loaded machine drops the odd packet too).

"claimed" is the kernel's path MTU toward the target (IPV6_MTU of a connected socket: the route's mtu, or
the device's), what the tunnel device promises. The sweep checks --high (default: claimed) first; when it is
lost, a binary search between --low and --high finds the largest size answered. A tunnel that truncates or
drops packets between what it carries and what it claims, without any ICMPv6 error, is a PMTU black hole:
"carries 1400, claims 1420". Sizes refused locally or answered with an ICMPv6 error are said so, not lost.
One JSON object on stdout, like every probe command; "ok" means every size up to --high was carried.
"""
import argparse
import errno
import json
import os
import select
import socket
import struct
import sys
import time

MARKER = b"NAT64H-PROBE"
HEADERS = 48  # IPv6 header (40) + ICMPv6 echo header or UDP header (8)
IPV6_DONTFRAG = getattr(socket, "IPV6_DONTFRAG", 62)
IPV6_MTU_DISCOVER = getattr(socket, "IPV6_MTU_DISCOVER", 23)
IPV6_MTU = getattr(socket, "IPV6_MTU", 24)
IPV6_PMTUDISC_DO = 2


def data(size, seq):
    """size - 48 bytes: the marker, the sequence, then a pattern, so a truncated or stale answer differs."""
    head = MARKER + struct.pack("!I", seq)
    body = bytes((i * 13 + seq) & 0xFF for i in range(max(0, size - HEADERS - len(head))))
    return (head + body)[: size - HEADERS]


def no_fragments(s):
    s.setsockopt(socket.IPPROTO_IPV6, IPV6_DONTFRAG, 1)
    s.setsockopt(socket.IPPROTO_IPV6, IPV6_MTU_DISCOVER, IPV6_PMTUDISC_DO)


def path_mtu(target, port):
    """The MTU the kernel would use toward the target; connecting a UDP socket sends nothing."""
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    try:
        s.connect((target, port))
        return s.getsockopt(socket.IPPROTO_IPV6, IPV6_MTU)
    finally:
        s.close()


class IcmpProber:
    """ICMPv6 echo on a raw socket (unconnected, so errors from any hop are seen)."""

    def __init__(self, args):
        self.target, self.timeout = args.target, args.timeout
        self.ident = os.getpid() & 0xFFFF
        self.seq = 0
        self.s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        no_fragments(self.s)

    def once(self, size):
        self.seq = (self.seq + 1) & 0xFFFF
        payload = data(size, self.seq)
        # The kernel fills the ICMPv6 checksum of a raw ICMPv6 socket (RFC 3542 §3.1).
        self.s.sendto(struct.pack("!BBHHH", 128, 0, 0, self.ident, self.seq) + payload, (self.target, 0))
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.s], [], [], left)[0]:
                return {"outcome": "timeout"}
            pkt, src = self.s.recvfrom(65535)
            typ = pkt[0]
            if typ == 129 and struct.unpack("!HH", pkt[4:8]) == (self.ident, self.seq):
                if pkt[8:] == payload:
                    return {"outcome": "answered"}
                return {"outcome": "damaged", "error": f"echo reply of {len(pkt) - 8} data bytes differs"}
            inner = pkt[8:]
            if 1 <= typ <= 4 and len(inner) >= 48 and inner[40] == 128 and \
                    struct.unpack("!HH", inner[44:48]) == (self.ident, self.seq):
                out = {"outcome": "icmp-error", "error": f"ICMPv6 type {typ} code {pkt[1]} from {src[0]}"}
                if typ == 2:
                    out["error"] += f" (Packet Too Big, mtu {struct.unpack('!I', pkt[4:8])[0]})"
                return out

    def close(self):
        self.s.close()


class UdpProber:
    """UDP datagrams to the echo port on a connected socket; the echo must return the same bytes."""

    def __init__(self, args):
        self.timeout = args.timeout
        self.seq = 0
        self.s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        no_fragments(self.s)
        self.s.connect((args.target, args.port))

    def once(self, size):
        self.seq += 1
        payload = data(size, self.seq)
        self.s.send(payload)
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.s], [], [], left)[0]:
                return {"outcome": "timeout"}
            back = self.s.recv(65535)
            if back == payload:
                return {"outcome": "answered"}
            # An echo of an earlier, late probe: keep waiting for ours.

    def close(self):
        self.s.close()


def probe(prober, size, tries):
    """One size: answered on any of the tries, else the last outcome (timeout, refused, icmp-error)."""
    result = {"size": size}
    for attempt in range(1, tries + 1):
        try:
            out = prober.once(size)
        except OSError as e:
            if e.errno != errno.EMSGSIZE:
                raise
            out = {"outcome": "refused", "error": f"refused locally: {e.strerror}"}
        result.update(out, tries=attempt)
        if out["outcome"] in ("answered", "refused"):
            break
    if result["outcome"] == "timeout":
        result["error"] = f"no answer in {tries} tries"
    result["ok"] = result["outcome"] == "answered"
    return result


def sweep(args):
    claimed = path_mtu(args.target, args.port)
    high = args.high or claimed
    res = {"kind": "mtu-sweep", "mode": args.mode, "target": args.target, "claimed": claimed,
           "low": args.low, "high": high, "probes": []}
    prober = (IcmpProber if args.mode == "icmp" else UdpProber)(args)
    seen = {}

    def carried(size):
        if size not in seen:
            seen[size] = probe(prober, size, args.tries)
            res["probes"].append(seen[size])
        return seen[size]["ok"]

    t0 = time.monotonic()
    try:
        if not carried(args.low):
            res["largest"] = None
        elif carried(high):
            res["largest"] = high
        else:
            lo, hi = args.low, high
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if carried(mid) else (lo, mid)
            res["largest"] = lo
        # One above the claim: the kernel must refuse it locally, or the claim is not what it enforces.
        carried(claimed + 1)
    finally:
        prober.close()
    res["elapsed_ms"] = round((time.monotonic() - t0) * 1000, 3)
    largest = res["largest"]
    res["ok"] = largest == high
    if largest is None:
        res["error"] = f"not even {args.low} bytes carried: {seen[args.low].get('error') or seen[args.low]['outcome']}"
    elif largest < high:
        first_lost = seen[min(s for s, p in seen.items() if s > largest and not p["ok"])]
        res["error"] = (f"tunnel carries {largest}, claims {claimed}: a packet of {first_lost['size']} bytes got "
                        f"{first_lost.get('error') or first_lost['outcome']}")
    return res


def main(argv):
    p = argparse.ArgumentParser(prog="nat64h-probe mtu-sweep")
    p.add_argument("--target", required=True)
    p.add_argument("--mode", choices=["icmp", "udp"], default="icmp")
    p.add_argument("--low", type=int, default=1280)
    p.add_argument("--high", type=int, default=0)
    p.add_argument("--port", type=int, default=7)
    p.add_argument("--timeout", type=float, default=1.0)
    p.add_argument("--tries", type=int, default=3)
    args = p.parse_args(argv)
    try:
        res = sweep(args)
    except Exception as e:  # the harness must always get JSON back, never a traceback
        res = {"kind": "mtu-sweep", "target": args.target, "ok": False,
               "error": f"probe crashed: {type(e).__name__}: {e}"}
    print(json.dumps(res))
    return 0 if res.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
