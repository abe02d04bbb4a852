#!/usr/bin/env python3
"""nat64h-probe: one exchange per call, one JSON object on stdout.

  nat64h-probe tcp  --target ADDR --port 7 --size 64 [--flows K] [--timeout S]
  nat64h-probe udp  --target ADDR --port 7 --size 64 [--count N] [--flows K] [--timeout S]
  nat64h-probe icmp --target ADDR --size 56 [--count N] [--hop-limit H] [--timeout S]
  nat64h-probe inject --device TUN --hex HEX [--hex HEX ...]   (raw bytes written into a TUN, for bad input)
  nat64h-probe mtu-sweep --target ADDR [--mode icmp|udp] [--high N]   (largest don't-fragment packet carried)
  nat64h-probe tcp|udp|icmp --name NAME ...   (dial by name: getaddrinfo over /etc/resolv.conf, AF_INET6)
  nat64h-probe resolve --name NAME [--type AAAA] [--transport udp|tcp|system] [--server ADDR] [--timeout S] [--tries N]
  nat64h-probe discover --method rfc7050 [--transport udp|tcp|system] [--server ADDR] [--timeout S]
  nat64h-probe discover --method pref64 [--device DEV] [--no-solicit] [--timeout S]
  nat64h-probe bench-tcp|bench-udp|bench-latency|bench-connect ...   (nat64h bench's measurements: nat64h_probe/bench.py)

Every payload starts with the marker NAT64H-PROBE so that a capture can prove it never leaks in plaintext.
The result says what was sent and what came back (sizes, SHA-256, the first difference), the local
address and port (for pairing with captures) and timings in milliseconds. Exit code 0 when every exchange
returned exactly what was sent, 1 otherwise; errors never escape as a traceback.
Name resolution and prefix discovery live in the nat64h_probe package (its modules say what they record);
DNS commands wait --timeout (default 1 s) per attempt, so a silent resolver fails fast and by name.
"""
import argparse
import hashlib
import json
import os
import select
import socket
import struct
import sys
import threading
import time

# The DNS and discovery modules: installed beside the common helpers in the image, beside this file in a checkout.
sys.path[:0] = ["/usr/local/lib/nat64h", os.path.dirname(os.path.abspath(__file__))]

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


def tcp_flow(args, seed):
    data = payload(args.size, seed)
    res = {"seed": seed, "sent": len(data), "sent_sha256": hashlib.sha256(data).hexdigest()}
    t0 = time.monotonic()
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    try:
        s.settimeout(args.timeout)
        s.connect((args.target, args.port))
        res["connect_ms"] = ms(t0)
        local = s.getsockname()
        res["local_addr"], res["local_port"] = local[0], local[1]
        sender_error = []

        def send():
            try:
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
            except OSError as e:
                sender_error.append(str(e))

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        got = hashlib.sha256()
        head = bytearray()
        received = 0
        while True:
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            received += len(chunk)
            got.update(chunk)
            if len(head) < 4096:
                head += chunk[: 4096 - len(head)]
        sender.join(args.timeout)
        res["received"] = received
        res["received_sha256"] = got.hexdigest()
        res["ok"] = not sender_error and res["received_sha256"] == res["sent_sha256"]
        if sender_error:
            res["error"] = "send: " + sender_error[0]
        elif not res["ok"]:
            res["error"] = f"echo differs: sent {len(data)} bytes, received {received}"
            res["first_difference"] = first_difference(data[:4096], bytes(head))
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}"
    finally:
        s.close()
    res["elapsed_ms"] = ms(t0)
    return res


def udp_flow(args, seed):
    res = {"seed": seed, "datagrams": []}
    t0 = time.monotonic()
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    try:
        s.settimeout(args.timeout)
        s.connect((args.target, args.port))
        local = s.getsockname()
        res["local_addr"], res["local_port"] = local[0], local[1]
        ok = True
        for n in range(args.count):
            data = payload(args.size, seed * 1000 + n)
            d = {"n": n, "sent": len(data)}
            t1 = time.monotonic()
            s.send(data)
            try:
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
                f"datagram {d['n']}: {d.get('error') or 'echo differs'}" for d in res["datagrams"] if not d["ok"])
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}"
    finally:
        s.close()
    res["elapsed_ms"] = ms(t0)
    return res


def icmp_checksum_free_echo(ident, seq, data):
    # The kernel fills the ICMPv6 checksum of a raw ICMPv6 socket (RFC 3542 §3.1).
    return struct.pack("!BBHHH", 128, 0, 0, ident, seq) + data


def icmp(args):
    res = {"kind": "icmp", "target": args.target, "replies": []}
    t0 = time.monotonic()
    ident = os.getpid() & 0xFFFF
    res["identifier"] = ident
    try:
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
        res["socket"] = "raw"
    except PermissionError:
        # Without CAP_NET_RAW (the probe running as an app's uid): a ping socket. The kernel picks the
        # identifier and delivers only echo replies, so ICMPv6 errors show as timeouts.
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM, socket.IPPROTO_ICMPV6)
        res["socket"] = "ping"
    try:
        if args.hop_limit:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, args.hop_limit)
        ok = True
        for seq in range(1, args.count + 1):
            data = payload(args.size, seq)
            r = {"seq": seq, "sent": len(data)}
            t1 = time.monotonic()
            s.sendto(icmp_checksum_free_echo(ident, seq, data), (args.target, 0))
            deadline = t1 + args.timeout
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([s], [], [], left)[0]:
                    r["ok"], r["error"] = False, "timeout"
                    break
                pkt, src = s.recvfrom(65535)
                typ, code = pkt[0], pkt[1]
                if res["socket"] == "ping" and typ == 129:
                    ident = struct.unpack("!H", pkt[4:6])[0]
                    res["identifier"] = ident
                if typ == 129 and struct.unpack("!HH", pkt[4:8]) == (ident, seq):
                    r.update(ok=pkt[8:] == data, type=typ, source=src[0], rtt_ms=ms(t1), received=len(pkt) - 8)
                    if not r["ok"]:
                        r["error"] = "echo data differs"
                    break
                # An ICMPv6 error quoting our echo request (RFC 4443 §2.4): type 1-4, inner at offset 8.
                inner = pkt[8:]
                if 1 <= typ <= 4 and len(inner) >= 48 and inner[40] == 128 and \
                        struct.unpack("!HH", inner[44:48]) == (ident, seq):
                    r.update(ok=False, type=typ, code=code, source=src[0], rtt_ms=ms(t1),
                             error=f"ICMPv6 error type {typ} code {code} from {src[0]}")
                    if typ == 2:
                        r["mtu"] = struct.unpack("!I", pkt[4:8])[0]
                    break
            ok = ok and r["ok"]
            res["replies"].append(r)
        res["ok"] = ok
        if not ok:
            res["error"] = "; ".join(f"seq {r['seq']}: {r['error']}" for r in res["replies"] if not r["ok"])
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}"
    finally:
        s.close()
    res["elapsed_ms"] = ms(t0)
    return res


def inject(args):
    """Writes each --hex packet into the TUN through a packet socket: the VPN reads it as if the app sent it."""
    res = {"kind": "inject", "device": args.device, "sent": 0}
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x86DD))
    try:
        for h in args.hex:
            s.sendto(bytes.fromhex(h), (args.device, 0x86DD))
            res["sent"] += 1
        res["ok"] = True
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}"
    finally:
        s.close()
    return res


def flows(args, one):
    """Runs --flows exchanges at once; the result holds each flow and an overall verdict."""
    if args.flows == 1:
        return one(args, 1)
    results = [None] * args.flows
    threads = [threading.Thread(target=lambda k=k: results.__setitem__(k, one(args, k + 1)))
               for k in range(args.flows)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    bad = [r for r in results if not r["ok"]]
    out = {"flows": results, "ok": not bad, "elapsed_ms": ms(t0)}
    if bad:
        out["error"] = f"{len(bad)} of {args.flows} flows failed; first: {bad[0].get('error')}"
    return out


def main():
    if sys.argv[1:2] == ["mtu-sweep"]:  # its own arguments: nat64h_probe/mtusweep.py
        from nat64h_probe import mtusweep
        return mtusweep.main(sys.argv[2:])
    if len(sys.argv) > 1 and sys.argv[1].startswith("bench-"):
        from nat64h_probe import bench
        res = bench.main(sys.argv[1:])
        print(json.dumps(res))
        return 0 if res.get("ok") else 1
    p = argparse.ArgumentParser(prog="nat64h-probe")
    p.add_argument("kind", choices=["tcp", "udp", "icmp", "inject", "resolve", "discover"])
    p.add_argument("--target", default="")
    p.add_argument("--name", default="")
    p.add_argument("--type", default="AAAA")
    p.add_argument("--server", default="")
    p.add_argument("--transport", choices=["udp", "tcp", "system"], default="udp")
    p.add_argument("--tries", type=int, default=2)
    p.add_argument("--method", choices=["rfc7050", "pref64"], default="rfc7050")
    p.add_argument("--no-solicit", dest="solicit", action="store_false")
    p.add_argument("--device", default="")
    p.add_argument("--hex", action="append", default=[])
    p.add_argument("--port", type=int, default=7)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--flows", type=int, default=1)
    p.add_argument("--hop-limit", type=int, default=0)
    p.add_argument("--timeout", type=float, default=None)
    from nat64h_probe import appmodes
    appmodes.add_arguments(p)
    args = p.parse_args()
    dns_kind = args.kind in ("resolve", "discover")
    if args.timeout is None:
        args.timeout = 1.0 if dns_kind else 5.0
    try:
        if dns_kind or args.name:
            from nat64h_probe import byname
            res = byname.run(args, {"tcp": lambda: flows(args, tcp_flow), "udp": lambda: flows(args, udp_flow),
                                    "icmp": lambda: icmp(args)})
        elif appmodes.wanted(args):
            res = flows(args, appmodes.flow(args.kind, payload))
        elif args.kind == "tcp":
            res = flows(args, tcp_flow)
        elif args.kind == "udp":
            res = flows(args, udp_flow)
        elif args.kind == "inject":
            res = inject(args)
        else:
            res = icmp(args)
    except Exception as e:  # the harness must always get JSON back, never a traceback
        res = {"ok": False, "error": f"probe crashed: {type(e).__name__}: {e}"}
    res.setdefault("kind", args.kind)
    res.setdefault("target", args.target)
    print(json.dumps(res))
    return 0 if res.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
