"""The probe's name commands: resolve, discover, and tcp/udp/icmp --name (resolve as an app does, then dial).

A dial by name records, beside the exchange's usual keys, "name" and "resolution" (the getaddrinfo result:
addresses, canonical name, resolv.conf's nameservers, time); "target" is the address dialled. A name that
does not resolve is a failed exchange whose error starts with "resolve NAME:" and names the server that did
not answer, so a DNS failure is never mistaken for a NAT64 one.
"""
import socket

from . import discover
from . import resolver


def resolve(args):
    if args.transport == "system":
        res = resolver.system(args.name, socket.AF_INET6 if args.type.upper() == "AAAA" else socket.AF_UNSPEC,
                              args.timeout)
    else:
        server = args.server or next(iter(resolver.nameservers()), "")
        bad = resolver.contained_servers([server]) if server else "no --server and no nameserver in resolv.conf"
        if bad:
            return {"kind": "resolve", "name": args.name, "ok": False, "error": bad}
        res = resolver.query(args.name, args.type, server, args.transport, timeout=args.timeout, tries=args.tries)
        res["target"] = server
    res["kind"] = "resolve"
    return res


def dial(args, dialers):
    r = resolver.system(args.name, socket.AF_INET6, 1.0)
    target = resolver.first_ipv6(r.get("addresses", []))
    if not r["ok"] or target is None:
        return {"kind": args.kind, "name": args.name, "resolution": r, "ok": False,
                "error": f"resolve {args.name}: {r.get('error') or 'no IPv6 address'}"}
    args.target = target
    res = dialers[args.kind]()
    res["name"], res["resolution"] = args.name, r
    return res


def run(args, dialers):
    if not args.name and args.kind != "discover":
        return {"kind": args.kind, "ok": False, "error": f"{args.kind} needs --name"}
    if args.kind == "resolve":
        return resolve(args)
    if args.kind == "discover":
        return discover.run(args)
    return dial(args, dialers)
