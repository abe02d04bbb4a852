"""NAT64 prefix discovery as a host does it.

rfc7050: AAAA for ipv4only.arpa through the DNS64; the well-known addresses 192.0.0.170 and 192.0.0.171
(RFC 7050 §2.2) are looked for at every RFC 6052 position of every answer (§3); a prefix found with both
addresses is confirmed, one found at a position whose u octet (bits 64-71) is not zero is rejected.

pref64: a Router Solicitation to ff02::2 on every interface, then Router Advertisements read from a raw
ICMPv6 socket and validated as RFC 4861 §6.1.2 says (hop limit 255, link-local source, code 0, length,
options of non-zero length); the PREF64 option (RFC 8781 §4, type 38) is decoded and checked (length 2,
PLC 0-5). RAs are link-scoped: behind a tunnel VPN none arrives, and the result says so by timing out.
"""
import ipaddress
import select
import socket
import struct
import time

from . import rfc6052
from . import resolver

WKA = {ipaddress.IPv4Address("192.0.0.170"): "192.0.0.170", ipaddress.IPv4Address("192.0.0.171"): "192.0.0.171"}
ND_ROUTER_SOLICIT, ND_ROUTER_ADVERT = 133, 134
OPT_PREF64 = 38
PLC_LENGTHS = {0: 96, 1: 64, 2: 56, 3: 48, 4: 40, 5: 32}
ICMPV6_FILTER = 1  # linux/icmpv6.h; Python's socket module has no name for it


def ms(t0):
    return round((time.monotonic() - t0) * 1000, 3)


def prefixes_from_aaaa(addresses):
    """RFC 7050 §3 over a list of AAAA answers: candidates at every position, then the prefixes kept."""
    candidates = []
    for a in addresses:
        for length in rfc6052.LENGTHS:
            v4, prefix, u = rfc6052.extract(a, length)
            if v4 not in WKA:
                continue
            c = {"address": a, "length": length, "wka": WKA[v4], "prefix": str(prefix)}
            if length < 96 and u != 0:
                c["rejected"] = f"u octet (bits 64-71) is {u:#04x}, RFC 6052 §2.2 wants 0"
            candidates.append(c)
    good = [c for c in candidates if "rejected" not in c]
    by_prefix = {}
    for c in good:
        by_prefix.setdefault(c["prefix"], set()).add(c["wka"])
    confirmed = [p for p, w in by_prefix.items() if len(w) == 2]
    return candidates, (confirmed or list(by_prefix))


def rfc7050(args):
    res = {"kind": "discover", "method": "rfc7050"}
    t0 = time.monotonic()
    if args.transport == "system":
        r = resolver.system("ipv4only.arpa", socket.AF_INET6, args.timeout)
    else:
        server = args.server or next(iter(resolver.nameservers()), "")
        bad = resolver.contained_servers([server]) if server else "no --server and no nameserver in resolv.conf"
        if bad:
            res.update(ok=False, error=bad, elapsed_ms=ms(t0))
            return res
        r = resolver.query("ipv4only.arpa", "AAAA", server, args.transport, timeout=args.timeout, tries=args.tries)
        res["target"] = server
    res["query"] = r
    answers = r.get("addresses", [])
    res["answers"] = answers
    candidates, prefixes = prefixes_from_aaaa(answers)
    res["candidates"], res["prefixes"] = candidates, prefixes
    if not r.get("ok"):
        res.update(ok=False, error=f"ipv4only.arpa AAAA: {r.get('error')} (no DNS64 on this path?)")
    elif not prefixes:
        res.update(ok=False, error=f"AAAA answers {answers} hold 192.0.0.170/171 at no RFC 6052 position")
    else:
        res["ok"] = True
        res["prefix"] = prefixes[0]
        if len(prefixes) > 1:
            res["note"] = "several prefixes: RFC 7050 §3 lets a node use all of them"
    res["elapsed_ms"] = ms(t0)
    return res


def parse_ra(pkt, hop_limit, source):
    """One RA as a dict; 'invalid' holds the first RFC 4861 §6.1.2 / RFC 8781 §4 check that failed."""
    ra = {"source": source, "hop_limit": hop_limit, "length": len(pkt)}
    if len(pkt) < 16:
        ra["invalid"] = f"ICMPv6 length {len(pkt)} < 16"
        return ra
    typ, code, _ck, cur_hl, flags, lifetime, reachable, retrans = struct.unpack("!BBHBBHII", pkt[:16])
    ra.update(code=code, cur_hop_limit=cur_hl, managed=bool(flags & 0x80), other=bool(flags & 0x40),
              router_lifetime=lifetime, reachable_time=reachable, retrans_timer=retrans, options=[])
    if hop_limit is not None and hop_limit != 255:
        ra["invalid"] = f"hop limit {hop_limit}, RFC 4861 §6.1.2 wants 255"
    elif not ipaddress.IPv6Address(source.split("%")[0]).is_link_local:
        ra["invalid"] = f"source {source} is not link-local (RFC 4861 §6.1.2)"
    elif code != 0:
        ra["invalid"] = f"code {code}, RFC 4861 §6.1.2 wants 0"
    off = 16
    while off + 2 <= len(pkt):
        otype, olen = pkt[off], pkt[off + 1]
        if olen == 0:
            ra.setdefault("invalid", f"option type {otype} at byte {off} has length 0 (RFC 4861 §6.1.2)")
            break
        body = pkt[off:off + olen * 8]
        opt = {"type": otype, "length": olen}
        if otype == 3 and len(body) >= 32:
            opt["name"] = "prefix-information"
            opt.update(prefix=f"{ipaddress.IPv6Address(body[16:32])}/{body[2]}", onlink=bool(body[3] & 0x80),
                       autonomous=bool(body[3] & 0x40))
        elif otype == OPT_PREF64:
            opt.update(pref64_option(body))
        ra["options"].append(opt)
        off += olen * 8
    return ra


def pref64_option(body):
    """RFC 8781 §4: Scaled Lifetime (13 bits, units of 8 s), PLC (3 bits), the highest 96 bits of the prefix."""
    opt = {"name": "pref64"}
    if len(body) != 16 or body[1] != 2:
        opt["ignored"] = f"length {body[1]}, RFC 8781 §4 wants 2"
        return opt
    word = struct.unpack("!H", body[2:4])[0]
    scaled, plc = word >> 3, word & 7
    opt.update(scaled_lifetime=scaled, lifetime_s=scaled * 8, plc=plc)
    if plc not in PLC_LENGTHS:
        opt["ignored"] = f"PLC {plc}, RFC 8781 §4 allows 0-5"
        return opt
    length = PLC_LENGTHS[plc]
    raw = body[4:16] + bytes(4)
    net = ipaddress.IPv6Network((bytes(raw[:length // 8]) + bytes(16 - length // 8), length))
    opt["prefix"] = str(net)
    if bytes(raw[length // 8:12]) != bytes(12 - length // 8):
        opt["note"] = "bits past the prefix length are not zero (receivers ignore them)"
    return opt


def _icmp6_socket():
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    block_all_but_ra = [0xFFFFFFFF] * 8
    block_all_but_ra[ND_ROUTER_ADVERT >> 5] &= ~(1 << (ND_ROUTER_ADVERT & 31))
    s.setsockopt(socket.IPPROTO_ICMPV6, ICMPV6_FILTER, struct.pack("=8I", *block_all_but_ra))
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
    return s


def _solicit(s, devices):
    sent = []
    for dev in devices:
        try:
            idx = socket.if_nametoindex(dev)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)
            s.sendto(struct.pack("!BBHI", ND_ROUTER_SOLICIT, 0, 0, 0), ("ff02::2", 0, 0, idx))
            sent.append(dev)
        except OSError as e:
            sent.append(f"{dev}: {e}")
    return sent


def _link_devices():
    """Interfaces with an IPv6 link-local address (where an RS can be sent)."""
    devs = []
    try:
        with open("/proc/net/if_inet6") as f:
            for line in f:
                parts = line.split()
                if parts[0].startswith("fe80") and parts[5] != "lo" and parts[5] not in devs:
                    devs.append(parts[5])
    except OSError:
        pass
    return devs


def pref64(args):
    res = {"kind": "discover", "method": "pref64", "ras": []}
    t0 = time.monotonic()
    s = _icmp6_socket()
    try:
        devices = [args.device] if args.device else _link_devices()
        res["solicited_on"] = _solicit(s, devices) if args.solicit else []
        deadline = t0 + args.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([s], [], [], left)[0]:
                break
            pkt, anc, _flags, src = s.recvmsg(65535, socket.CMSG_SPACE(4))
            hl = next((struct.unpack("=i", d[:4])[0] for lvl, typ, d in anc
                       if lvl == socket.IPPROTO_IPV6 and typ == socket.IPV6_HOPLIMIT), None)
            source = src[0] + (f"%{socket.if_indextoname(src[3])}" if src[3] else "")
            ra = parse_ra(pkt, hl, source)
            ra["at_ms"] = ms(t0)
            res["ras"].append(ra)
            found = [o for o in ra.get("options", []) if o["type"] == OPT_PREF64 and "prefix" in o]
            if found and "invalid" not in ra:
                res.update(ok=True, prefix=found[0]["prefix"], lifetime_s=found[0]["lifetime_s"], source=source)
                break
    finally:
        s.close()
    if not res.get("ok"):
        seen = len(res["ras"])
        res.update(ok=False, error=f"no valid RA with a PREF64 option in {args.timeout:g} s ({seen} RA seen"
                                   + (f"; last: {res['ras'][-1].get('invalid', 'no PREF64 option')}" if seen else "")
                                   + ")")
    res["elapsed_ms"] = ms(t0)
    return res


def run(args):
    return pref64(args) if args.method == "pref64" else rfc7050(args)

