"""DNS messages on the wire (RFC 1035 §4): a query to send, a response parsed into plain dicts.

Only what the probe records: header flags, rcode, and the records of every section with name, type, TTL and
presentation data (A, AAAA, CNAME, NS, PTR, SOA; other types as hex). Malformed input raises DnsFormatError
naming the byte offset, never IndexError.
"""
import ipaddress
import os
import struct

TYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "TXT": 16, "AAAA": 28, "ANY": 255}
TYPE_NAMES = {v: k for k, v in TYPES.items()}
RCODES = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}
CLASS_IN = 1


class DnsFormatError(ValueError):
    """A response that cannot be parsed; the message names the offset."""


def type_code(name):
    """'AAAA' -> 28; a number is accepted too."""
    t = name.upper()
    if t in TYPES:
        return TYPES[t]
    if t.isdigit():
        return int(t)
    raise ValueError(f"unknown record type {name!r}")


def type_name(code):
    return TYPE_NAMES.get(code, f"TYPE{code}")


def encode_name(name):
    out = bytearray()
    for label in name.rstrip(".").split("."):
        if not label:
            continue
        raw = label.encode("ascii")
        if len(raw) > 63:
            raise ValueError(f"label longer than 63 bytes in {name!r}")
        out += bytes([len(raw)]) + raw
    return bytes(out + b"\x00")


def build_query(name, qtype, rd=True):
    """Returns (query id, message bytes): one question, RD set as a stub resolver sends it."""
    qid = struct.unpack("!H", os.urandom(2))[0]
    header = struct.pack("!HHHHHH", qid, 0x0100 if rd else 0, 1, 0, 0, 0)
    return qid, header + encode_name(name) + struct.pack("!HH", qtype, CLASS_IN)


def _need(msg, off, n, what):
    if off + n > len(msg):
        raise DnsFormatError(f"{what} at byte {off} runs past the end ({len(msg)} bytes)")


def decode_name(msg, off):
    """Returns (name with trailing dot, offset after it); follows compression pointers (RFC 1035 §4.1.4)."""
    labels, end, seen = [], None, set()
    while True:
        _need(msg, off, 1, "name")
        n = msg[off]
        if n & 0xC0 == 0xC0:
            _need(msg, off, 2, "compression pointer")
            target = struct.unpack("!H", msg[off:off + 2])[0] & 0x3FFF
            if target in seen:
                raise DnsFormatError(f"compression loop at byte {off}")
            seen.add(target)
            if end is None:
                end = off + 2
            off = target
            continue
        if n & 0xC0:
            raise DnsFormatError(f"label type {n >> 6} at byte {off}")
        off += 1
        if n == 0:
            break
        _need(msg, off, n, "label")
        labels.append(msg[off:off + n].decode("ascii", "backslashreplace"))
        off += n
    return ".".join(labels) + ".", (end if end is not None else off)


def _rdata(msg, rtype, off, length):
    data = msg[off:off + length]
    if rtype == 1 and length == 4:
        return str(ipaddress.IPv4Address(data))
    if rtype == 28 and length == 16:
        return str(ipaddress.IPv6Address(data))
    if rtype in (2, 5, 12):
        return decode_name(msg, off)[0]
    if rtype == 6:
        mname, p = decode_name(msg, off)
        rname, p = decode_name(msg, p)
        _need(msg, p, 20, "SOA counters")
        serial, refresh, retry, expire, minimum = struct.unpack("!IIIII", msg[p:p + 20])
        return f"{mname} {rname} {serial} {refresh} {retry} {expire} {minimum}"
    return data.hex()


def _record(msg, off, section):
    name, off = decode_name(msg, off)
    _need(msg, off, 10, f"{section} record header")
    rtype, rclass, ttl, length = struct.unpack("!HHIH", msg[off:off + 10])
    off += 10
    _need(msg, off, length, f"{section} rdata")
    rec = {"name": name, "type": type_name(rtype), "ttl": ttl, "data": _rdata(msg, rtype, off, length)}
    if rclass != CLASS_IN:
        rec["class"] = rclass
    return rec, off + length


def parse_response(msg):
    """The whole message as a dict: id, flags, rcode, question, answer/authority/additional records."""
    _need(msg, 0, 12, "header")
    qid, flags, qd, an, ns, ar = struct.unpack("!HHHHHH", msg[:12])
    out = {
        "id": qid,
        "flags": {f: bool(flags & bit) for f, bit in
                  (("qr", 0x8000), ("aa", 0x0400), ("tc", 0x0200), ("rd", 0x0100), ("ra", 0x0080),
                   ("ad", 0x0020), ("cd", 0x0010))},
        "opcode": (flags >> 11) & 0xF,
        "rcode": RCODES.get(flags & 0xF, str(flags & 0xF)),
        "size": len(msg),
    }
    off, questions = 12, []
    for _ in range(qd):
        name, off = decode_name(msg, off)
        _need(msg, off, 4, "question type/class")
        qtype, _qclass = struct.unpack("!HH", msg[off:off + 4])
        questions.append({"name": name, "type": type_name(qtype)})
        off += 4
    out["question"] = questions
    for section, count in (("answer", an), ("authority", ns), ("additional", ar)):
        recs = []
        for _ in range(count):
            rec, off = _record(msg, off, section)
            if rec["type"] != "TYPE41":  # the EDNS OPT pseudo-record is not data
                recs.append(rec)
        out[section] = recs
    return out


def follow_chain(name, qtype, answer):
    """(CNAME chain as a list of names, final name, records of qtype at the final name) from an answer section."""
    chain, current, seen = [], name.rstrip(".").lower() + ".", set()
    while current not in seen:
        seen.add(current)
        cname = [r for r in answer if r["type"] == "CNAME" and r["name"].lower() == current]
        if not cname:
            break
        chain.append(cname[0]["data"])
        current = cname[0]["data"].lower()
    final = [r for r in answer if r["type"] == qtype and r["name"].lower() == current]
    return chain, current, final
