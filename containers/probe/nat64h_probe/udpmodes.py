"""UDP flows in the per-app modes of appmodes.py: ICMPv6 errors read from the socket's error queue
(IPV6_RECVERR, RFC 3542's per-socket delivery of ICMP errors as Linux implements it), datagrams sent as
fragments (fragments.py), a pause on one socket, and the server's view of the flow (peer port)."""
import socket
import struct
import time

from nat64h_probe import fragments
from nat64h_probe import wire

IPV6_MTU = 24                   # linux/in6.h: getsockopt gives a connected socket's path MTU
IPV6_RECVERR = 25               # linux/in6.h (Python names no constant for it)
SO_EE_ORIGIN_ICMP6 = 3          # linux/errqueue.h
# struct sock_extended_err: u32 errno, u8 origin, u8 type, u8 code, u8 pad, u32 info, u32 data; the offender follows.
_EE = struct.Struct("=IBBBBII")


def ms(t0):
    return round((time.monotonic() - t0) * 1000, 3)


def drain_errors(s, errors):
    """Moves every ICMPv6 error queued on the socket into errors (type, code, info such as a PTB's MTU, sender)."""
    timeout = s.gettimeout()
    s.settimeout(0)  # the queue is read now or never: a socket timeout would wait on it
    try:
        while True:
            try:
                _, ancillary, _, _ = s.recvmsg(1, 512, socket.MSG_ERRQUEUE)
            except (BlockingIOError, InterruptedError):
                return
            collect(ancillary, errors)
    finally:
        s.settimeout(timeout)


def collect(ancillary, errors):
    """One IPV6_RECVERR control message: sock_extended_err, then the sender as a sockaddr_in6."""
    for level, kind, blob in ancillary:
        if level != socket.IPPROTO_IPV6 or kind != IPV6_RECVERR or len(blob) < _EE.size:
            continue
        errno_, origin, typ, code, _, info, _ = _EE.unpack_from(blob)
        entry = {"errno": errno_, "origin": origin, "type": typ, "code": code, "info": info}
        offender = blob[_EE.size:]
        if origin == SO_EE_ORIGIN_ICMP6 and len(offender) >= 24:
            entry["from"] = socket.inet_ntop(socket.AF_INET6, offender[8:24])
        errors.append(entry)


def flow(args, seed, payload):
    """args.count datagrams on one connected socket; --idle pauses between the first and the second."""
    res = {"seed": seed, "datagrams": []}
    errors = []
    t0 = time.monotonic()
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    try:
        s.settimeout(args.timeout)
        if args.recverr:
            s.setsockopt(socket.IPPROTO_IPV6, IPV6_RECVERR, 1)
        wire.ip_options(s, args)
        if args.frag_size:
            # The echo must come back to the address the fragments carry: the device's, whoever the uid is.
            s.bind((fragments.device_address(args.device), 0))
        s.connect((args.target, args.port))
        res["local_addr"], res["local_port"] = s.getsockname()[:2]
        res["path_mtu"] = s.getsockopt(socket.IPPROTO_IPV6, IPV6_MTU)
        count = max(args.count, 2 if args.idle else 1)
        for n in range(count):
            if n == 1 and args.idle:
                time.sleep(args.idle)
            data = wire.avoid_all_ones_outer(payload(args.size, seed * 1000 + n), s.getsockname(), (args.target, args.port),
                                             args.outer_address)
            res["datagrams"].append(one(s, args, data, n, errors))
        res["ok"] = all(d["ok"] for d in res["datagrams"])
        if not res["ok"]:
            res["error"] = "; ".join(f"datagram {d['n']}: {d.get('error') or 'echo differs'}"
                                     for d in res["datagrams"] if not d["ok"])
    except OSError as e:
        res["ok"], res["error"] = False, f"{type(e).__name__}: {e}"
    finally:
        if args.recverr:
            drain_errors(s, errors)
        s.close()
    res["icmp_errors"] = errors
    if args.peer:
        res["peers"] = [d.get("peer") for d in res["datagrams"]]
    res["elapsed_ms"] = ms(t0)
    return res


def one(s, args, data, n, errors):
    d = {"n": n, "sent": len(data)}
    t1 = time.monotonic()
    try:
        if args.frag_size:
            src, sport = s.getsockname()[:2]
            d["fragments"] = fragments.send(args.device, src, args.target, sport, args.port, data, args.frag_size, args.hop_limit)
        else:
            s.send(data)
        back = s.recv(65535)
        d["received"], d["rtt_ms"] = len(back), ms(t1)
        if args.peer:
            d["peer"] = back.decode("ascii", "replace").strip()
            d["ok"] = bool(d["peer"])
            if not d["ok"]:
                d["error"] = "empty answer from the peer port"
        else:
            d["ok"] = back == data
            if not d["ok"]:
                d["error"] = "echo differs"
    except OSError as e:
        d["ok"], d["error"] = False, f"{type(e).__name__}: {e}"
    if args.recverr:
        drain_errors(s, errors)
        if errors and not d["ok"]:
            last = errors[-1]
            d["error"] = d.get("error", "") + f" (ICMPv6 type {last['type']} code {last['code']} from {last.get('from', '?')})"
    return d
