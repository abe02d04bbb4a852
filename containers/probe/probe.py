#!/usr/bin/env python3
"""nat64h-probe: one exchange per call, one JSON object on stdout.

  nat64h-probe tcp  --target ADDR --port 7 --size 64 [--flows K] [--timeout S] [--stall S]
  nat64h-probe udp  --target ADDR --port 7 --size 64 [--count N] [--flows K [--in-flight D]] [--timeout S]
  nat64h-probe icmp --target ADDR --size 56 [--count N] [--timeout S]
  nat64h-probe tcp|udp|icmp ... --sizes 0,1,7,1232 (one message per size instead of --size/--count; TCP: one
               connection per size)   --hop-limit H   --tclass T   (the IPv6 fields of what the probe sends)
  nat64h-probe udp ... --udp-checksum-ffff   (each datagram's last two bytes make its IPv6 UDP checksum 0xFFFF)
  nat64h-probe udp ... --outer-address ADDR   (behind a per-app VPN: its address toward the NAT64; no datagram's
               checksum may be all ones on its socket's leg either, whatever ephemeral port it has: wire.py)
  nat64h-probe largest --target ADDR --low 1280 --high 1420 [--timeout S]   (largest IPv6 packet that crosses)
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
The exchanges live in nat64h_probe.flows: a TCP flow that makes no progress for --stall seconds (default 5,
0 for never; nat64h_probe/progress.py says why 5) ends as stalled with its TCP_INFO. Every result carries the
kernel counters of the probe's namespace that changed meanwhile ("counters", nat64h_probe/kstats.py).
"""
import argparse
import json
import os
import socket
import sys
import threading
import time

# The DNS and discovery modules: installed beside the common helpers in the image, beside this file in a checkout.
sys.path[:0] = ["/usr/local/lib/nat64h", os.path.dirname(os.path.abspath(__file__))]

from nat64h_probe import flows as exchanges  # noqa: E402  (the path above must come first)
from nat64h_probe import kstats  # noqa: E402
from nat64h_probe import wire  # noqa: E402
from nat64h_probe.wire import ms  # noqa: E402


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


def sweep(args, sizes):
    """A TCP size sweep: one connection per size, one after the other; each is a flow of the result."""
    results = [exchanges.tcp_flow(args, k + 1, size) for k, size in enumerate(sizes)]
    bad = [r for r in results if not r["ok"]]
    out = {"flows": results, "ok": not bad, "elapsed_ms": round(sum(r["elapsed_ms"] for r in results), 3)}
    if bad:
        out["error"] = f"{len(bad)} of {len(sizes)} sizes failed; first ({bad[0]['sent']} B): {bad[0].get('error')}"
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
    p.add_argument("kind", choices=["tcp", "udp", "icmp", "inject", "resolve", "discover", "largest"])
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
    p.add_argument("--in-flight", type=int, default=0)
    p.add_argument("--hop-limit", type=int, default=0)
    p.add_argument("--tclass", type=int, default=-1)
    p.add_argument("--sizes", default="")
    p.add_argument("--stall", type=float, default=5.0)
    p.add_argument("--udp-checksum-ffff", action="store_true")
    p.add_argument("--outer-address", default="")
    p.add_argument("--low", type=int, default=1280)
    p.add_argument("--high", type=int, default=1500)
    p.add_argument("--timeout", type=float, default=None)
    from nat64h_probe import appmodes
    appmodes.add_arguments(p)
    args = p.parse_args()
    dns_kind = args.kind in ("resolve", "discover")
    if args.timeout is None:
        args.timeout = 1.0 if dns_kind else 5.0
    before = kstats.read()
    try:
        sizes = wire.sizes(args)
        tcp = (lambda: sweep(args, sizes)) if args.sizes else (lambda: flows(args, exchanges.tcp_flow))
        gate = exchanges.in_flight_gate(args)
        udp = lambda: flows(args, lambda a, k: exchanges.udp_flow(a, k, sizes, gate))  # noqa: E731
        icmp = lambda: exchanges.icmp(args, sizes)  # noqa: E731
        if dns_kind or args.name:
            from nat64h_probe import byname
            res = byname.run(args, {"tcp": tcp, "udp": udp, "icmp": icmp})
        elif appmodes.wanted(args):
            res = flows(args, appmodes.flow(args.kind, wire.payload))
        elif args.kind in ("tcp", "udp", "icmp"):
            res = {"tcp": tcp, "udp": udp, "icmp": icmp}[args.kind]()
        elif args.kind == "largest":
            from nat64h_probe import largest
            res = largest.run(args)
        else:
            res = inject(args)
        res["counters"] = kstats.delta(before, kstats.read())
    except Exception as e:  # the harness must always get JSON back, never a traceback
        res = {"ok": False, "error": f"probe crashed: {type(e).__name__}: {e}"}
    res.setdefault("kind", args.kind)
    res.setdefault("target", args.target)
    print(json.dumps(res))
    return 0 if res.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
