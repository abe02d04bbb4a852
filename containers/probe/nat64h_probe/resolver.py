"""Name resolution two ways: the system resolver (getaddrinfo over /etc/resolv.conf, as an app does) and a
raw DNS query over UDP or TCP to one server (every record, TTL, flag and rcode recorded).

A server that does not answer fails fast and by name: each attempt waits --timeout (default 1 s), --tries
attempts (default 2), and the error says which server did not answer over which transport.
"""
import errno
import ipaddress
import socket
import struct
import time

from . import dnswire

RESOLV_CONF = "/etc/resolv.conf"
# Docker's embedded DNS on user-defined networks forwards to the host's resolvers, outside our networks.
DOCKER_EMBEDDED_DNS = "127.0.0.11"


def ms(t0):
    return round((time.monotonic() - t0) * 1000, 3)


def nameservers(path=RESOLV_CONF):
    """The nameserver lines of resolv.conf, in order."""
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            return [line.split()[1] for line in f
                    if line.strip().startswith("nameserver") and len(line.split()) > 1]
    except OSError:
        return []


def contained_servers(servers):
    """Error text when resolv.conf would send queries out of our networks (Docker's embedded DNS), else None."""
    if DOCKER_EMBEDDED_DNS in servers:
        return (f"{RESOLV_CONF} names Docker's embedded DNS {DOCKER_EMBEDDED_DNS}, which forwards outside the "
                f"test networks: the harness must give the probe NAT64H_DNS_V6")
    return None


def _exchange_udp(server, port, query, timeout):
    fam = socket.AF_INET6 if ":" in server else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    try:
        s.settimeout(timeout)
        s.connect((server, port))
        local = s.getsockname()
        s.send(query)
        qid = query[:2]
        deadline = time.monotonic() + timeout
        while True:
            s.settimeout(max(deadline - time.monotonic(), 0.001))
            data = s.recv(65535)
            if data[:2] == qid:  # anything else is not our answer (RFC 5452 §9.1)
                return data, local
    finally:
        s.close()


def _exchange_tcp(server, port, query, timeout):
    fam = socket.AF_INET6 if ":" in server else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    try:
        s.settimeout(timeout)
        s.connect((server, port))
        local = s.getsockname()
        s.sendall(struct.pack("!H", len(query)) + query)  # RFC 1035 §4.2.2 length prefix
        need, buf = None, b""
        while need is None or len(buf) < need + 2:
            chunk = s.recv(65535)
            if not chunk:
                raise ConnectionError(f"connection closed after {len(buf)} bytes")
            buf += chunk
            if need is None and len(buf) >= 2:
                need = struct.unpack("!H", buf[:2])[0]
        return buf[2:need + 2], local
    finally:
        s.close()


def _failure(e, server, transport, timeout):
    if isinstance(e, socket.timeout):
        return f"{server} did not answer over {transport} within {timeout:g} s"
    if isinstance(e, ConnectionRefusedError) or getattr(e, "errno", None) == errno.ECONNREFUSED:
        return f"{server} refused over {transport} (nothing listens on port 53: ICMP port unreachable or TCP RST)"
    return f"{server} over {transport}: {type(e).__name__}: {e}"


def query(name, qtype, server, transport="udp", port=53, timeout=1.0, tries=2):
    """One question to one server; the dict records the question, who answered, rtt, the parsed response,
    the CNAME chain and the addresses at its end. ok: NOERROR with at least one record of qtype."""
    code = dnswire.type_code(qtype)
    res = {"name": name, "type": dnswire.type_name(code), "server": server, "port": port, "transport": transport,
           "attempts": []}
    t0 = time.monotonic()
    exchange = _exchange_tcp if transport == "tcp" else _exchange_udp
    for attempt in range(1, tries + 1):
        qid, msg = dnswire.build_query(name, code)
        t1 = time.monotonic()
        try:
            raw, local = exchange(server, port, msg, timeout)
        except OSError as e:
            res["attempts"].append({"n": attempt, "error": _failure(e, server, transport, timeout), "ms": ms(t1)})
            if isinstance(e, ConnectionRefusedError):
                break  # a refusal will not change on retry
            continue
        res["attempts"].append({"n": attempt, "ms": ms(t1)})
        res["rtt_ms"], res["local_addr"], res["local_port"] = ms(t1), local[0], local[1]
        try:
            resp = dnswire.parse_response(raw)
        except dnswire.DnsFormatError as e:
            res.update(ok=False, error=f"response from {server} unparseable: {e}", response_hex=raw[:512].hex())
            break
        res["response"] = resp
        if resp["flags"]["tc"] and transport == "udp":
            # Truncated (RFC 1035 §4.2.1): a stub retries over TCP (RFC 7766 §5).
            again = query(name, qtype, server, "tcp", port, timeout, tries)
            again["truncated_udp"] = res
            return again
        chain, final_name, final = dnswire.follow_chain(name, res["type"], resp["answer"])
        res.update(answered_by=server, rcode=resp["rcode"], cname_chain=chain, canonical_name=final_name,
                   addresses=[r["data"] for r in final if r["type"] in ("A", "AAAA")],
                   ttls=[r["ttl"] for r in final])
        q = resp["question"][0] if resp["question"] else {}
        if q.get("name", "").lower() != name.rstrip(".").lower() + "." or q.get("type") != res["type"]:
            res.update(ok=False, error=f"{server} answered another question: {q}")
        elif resp["rcode"] != "NOERROR":
            res.update(ok=False, error=f"{server} answered {resp['rcode']} for {name} {res['type']}")
        elif not final:
            res.update(ok=False, error=f"{server} answered NOERROR with no {res['type']} for {final_name} (NODATA)")
        else:
            res["ok"] = True
        break
    else:
        res.update(ok=False, error=f"{server} did not answer {name} {res['type']} over {transport}: "
                                   f"{tries} attempt{'s' if tries > 1 else ''} of {timeout:g} s")
    if "ok" not in res:
        res.update(ok=False, error=res["attempts"][-1]["error"])
    res["elapsed_ms"] = ms(t0)
    return res


def system(name, family=socket.AF_INET6, timeout=1.0):
    """getaddrinfo as an app calls it. On failure, each resolv.conf server is asked once directly, so the
    error says which did not answer. (glibc's own timeout comes from resolv.conf's 'options timeout:'.)"""
    servers = nameservers()
    res = {"name": name, "transport": "system", "family": "inet6" if family == socket.AF_INET6 else "any",
           "nameservers": servers}
    t0 = time.monotonic()
    bad = contained_servers(servers)
    if bad:
        res.update(ok=False, error=bad, elapsed_ms=ms(t0))
        return res
    try:
        infos = socket.getaddrinfo(name, None, family, socket.SOCK_STREAM, 0, socket.AI_CANONNAME)
        res["elapsed_ms"] = ms(t0)
        addrs = []
        for info in infos:
            if info[4][0] not in addrs:
                addrs.append(info[4][0])
        res.update(ok=bool(addrs), addresses=addrs, canonical_name=infos[0][3] if infos else None)
        if not addrs:
            res["error"] = f"getaddrinfo {name}: no address"
    except socket.gaierror as e:
        res["elapsed_ms"] = ms(t0)
        res.update(ok=False, gai_error=e.errno, error=f"getaddrinfo {name}: {e.strerror}")
        diagnosis = [query(name, "AAAA", s, "udp", timeout=timeout, tries=1) for s in servers]
        res["diagnosis"] = diagnosis
        why = [d["error"] for d in diagnosis if not d["ok"]]
        if not servers:
            res["error"] += f" ({RESOLV_CONF} lists no nameserver)"
        elif why:
            res["error"] += "; " + "; ".join(why)
    return res


def first_ipv6(addresses):
    for a in addresses:
        try:
            if ipaddress.ip_address(a).version == 6:
                return a
        except ValueError:
            pass
    return None
