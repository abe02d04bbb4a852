"""nat64h-probe largest: the largest IPv6 packet that crosses the path to --target and back.

ICMPv6 echo requests of whole IPv6 sizes between --low and --high bytes, searched by halving, each size tried
twice before it counts as lost (one loss on a loaded machine must not move the answer). The socket ignores the
kernel's path MTU cache and never fragments (IPV6_PMTUDISC_PROBE, IPV6_DONTFRAG): a size either crosses whole
or does not. Used to name the size a stalled flow's packets were too big for.
"""
import socket
import time

from . import flows
from .wire import ms, payload

HEADERS = 48  # IPv6 header and ICMPv6 echo header
IPV6_PMTUDISC_PROBE = 3


def _crosses(s, kind, ident, size, seq, target, timeout):
    for attempt in range(2):
        r, ident = flows.echo(s, kind, ident, seq * 2 + attempt, payload(size - HEADERS, seq), target, timeout)
        if r["ok"]:
            return True, ident, r
        if r.get("type") == 2:
            return False, ident, r
    return False, ident, r


def run(args):
    res = {"kind": "largest", "target": args.target, "tried": []}
    t0 = time.monotonic()
    low, high = max(args.low, HEADERS), args.high
    s, kind = flows.icmp_socket()
    ident = 1
    try:
        s.setsockopt(socket.IPPROTO_IPV6, getattr(socket, "IPV6_MTU_DISCOVER", 23), IPV6_PMTUDISC_PROBE)
        s.setsockopt(socket.IPPROTO_IPV6, getattr(socket, "IPV6_DONTFRAG", 62), 1)
        seq = 0

        def probe(size):
            nonlocal ident, seq
            seq += 1
            ok, ident, r = _crosses(s, kind, ident, size, seq, args.target, args.timeout)
            res["tried"].append({"size": size, "ok": ok, **({"error": r.get("error")} if not ok else {})})
            return ok

        if not probe(low):
            res.update(ok=False, error=f"not even {low} bytes cross to {args.target}")
        elif probe(high):
            res.update(ok=True, largest=high)
        else:
            while high - low > 1:
                mid = (low + high) // 2
                if probe(mid):
                    low = mid
                else:
                    high = mid
            res.update(ok=True, largest=low, smallest_lost=high)
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}"
    finally:
        s.close()
    res["elapsed_ms"] = ms(t0)
    return res
