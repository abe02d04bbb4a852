#!/usr/bin/env python3
"""Router Advertisements carrying only the PREF64 option (RFC 8781), periodically and in answer to Router
Solicitations. Prints "nat64h: ready" after the first one, "nat64h: failed: <reason>" and exit 1 on error.

The RA (RFC 4861 §4.2) says nothing else: router lifetime 0 (not a default router), M and O clear, cur hop
limit, reachable time and retrans timer 0 (unspecified), no prefix information, no MTU option; only the
source link-layer address and PREF64. It leaves from the interface's link-local address with hop limit 255.
"""
import argparse
import ipaddress
import random
import select
import signal
import socket
import struct
import sys
import time

ND_ROUTER_SOLICIT, ND_ROUTER_ADVERT = 133, 134
OPT_SLLA, OPT_PREF64 = 1, 38
PLC = {96: 0, 64: 1, 56: 2, 48: 3, 40: 4, 32: 5}  # RFC 8781 §4, Prefix Length Code
ICMPV6_FILTER = 1  # linux/icmpv6.h


def say(text):
    print(f"nat64h: {text}", flush=True)


def fail(text):
    say(f"failed: {text}")
    sys.exit(1)


def pref64_option(prefix, lifetime):
    """Type 38, length 2, 13-bit scaled lifetime (units of 8 s, rounded up) and PLC, highest 96 bits of the prefix."""
    scaled = min((lifetime + 7) // 8, 0x1FFF)
    return struct.pack("!BBH", OPT_PREF64, 2, (scaled << 3) | PLC[prefix.prefixlen]) + \
        prefix.network_address.packed[:12], scaled * 8


def router_advert(mac, prefix, lifetime):
    header = struct.pack("!BBHBBHII", ND_ROUTER_ADVERT, 0, 0, 0, 0, 0, 0, 0)  # kernel fills the checksum
    slla = struct.pack("!BB", OPT_SLLA, 1) + mac
    option, _ = pref64_option(prefix, lifetime)
    return header + slla + option


def main():
    p = argparse.ArgumentParser(prog="pref64-ra")
    p.add_argument("--device", required=True)
    p.add_argument("--prefix", required=True)
    p.add_argument("--interval", type=float, default=4.0)
    p.add_argument("--lifetime", type=int, default=16)
    args = p.parse_args()
    try:
        prefix = ipaddress.IPv6Network(args.prefix, strict=True)
    except ValueError as e:
        fail(f"NAT64H_PREF64 {args.prefix}: {e}")
    if prefix.prefixlen not in PLC:
        fail(f"NAT64H_PREF64 {args.prefix}: RFC 8781 encodes only lengths {sorted(PLC)}")
    if args.interval < 3:
        fail(f"NAT64H_RA_INTERVAL {args.interval:g} s: RFC 4861 §6.2.1 wants at least 3")
    idx = socket.if_nametoindex(args.device)
    with open(f"/sys/class/net/{args.device}/address") as f:
        mac = bytes.fromhex(f.read().strip().replace(":", ""))

    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 255)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP, 0)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
    # Hosts solicit to all-routers (ff02::2); a non-forwarding interface has not joined it.
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
                 socket.inet_pton(socket.AF_INET6, "ff02::2") + struct.pack("@I", idx))
    only_rs = [0xFFFFFFFF] * 8
    only_rs[ND_ROUTER_SOLICIT >> 5] &= ~(1 << (ND_ROUTER_SOLICIT & 31))
    s.setsockopt(socket.IPPROTO_ICMPV6, ICMPV6_FILTER, struct.pack("=8I", *only_rs))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, args.device.encode())

    ra = router_advert(mac, prefix, args.lifetime)
    _, lifetime = pref64_option(prefix, args.lifetime)
    all_nodes = ("ff02::1", 0, 0, idx)

    def stop(*_):
        # Final RA with lifetime 0: the prefix is withdrawn (RFC 8781 §4.1 lifetime semantics).
        try:
            s.sendto(router_advert(mac, prefix, 0), all_nodes)
        except OSError:
            pass
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        s.sendto(ra, all_nodes)
    except OSError as e:
        fail(f"first RA on {args.device}: {e}")
    say(f"pref64 {prefix} plc={PLC[prefix.prefixlen]} lifetime={lifetime}s every {args.interval:g}s "
        f"dev={args.device} router-lifetime=0 no-prefix-information")
    say("ready")
    next_at = time.monotonic() + args.interval
    while True:
        left = next_at - time.monotonic()
        if left <= 0:
            s.sendto(ra, all_nodes)
            next_at = time.monotonic() + args.interval
            continue
        if not select.select([s], [], [], left)[0]:
            continue
        pkt, anc, _flags, src = s.recvmsg(1500, socket.CMSG_SPACE(4))
        hl = next((struct.unpack("=i", d[:4])[0] for lvl, typ, d in anc
                   if lvl == socket.IPPROTO_IPV6 and typ == socket.IPV6_HOPLIMIT), None)
        if len(pkt) < 8 or pkt[0] != ND_ROUTER_SOLICIT or pkt[1] != 0 or hl != 255:
            continue  # RFC 4861 §6.1.1: a router discards an RS that fails these checks
        # Answer after a random 0-0.5 s (MAX_RA_DELAY_TIME, RFC 4861 §6.2.6), unicast to a soliciting address,
        # multicast for the unspecified source.
        time.sleep(random.uniform(0, 0.5))
        to = (src[0].split("%")[0], 0, 0, idx) if src[0] not in ("::", "") else all_nodes
        s.sendto(ra, to)
        say(f"solicited by {src[0].split('%')[0]}: RA sent to {to[0]}")


if __name__ == "__main__":
    main()
