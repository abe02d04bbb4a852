"""One UDP trial at an offered rate, for the harness's throughput search (RFC 2544 §26.1 style).

Registers a test id with the bench server over TCP, sends --size-byte datagrams (the marker, test id and
sequence number, then padding) paced to --rate bits per second of UDP payload for --seconds, waits --drain
seconds for stragglers, and asks the server what arrived. Pacing keeps a running deficit: at every moment the
datagrams sent are those due by then, so a late wake-up sends a short burst, not a lower rate. When the
sender cannot keep up (a loaded machine), "sent_bps" says how far it got: the harness reports such a trial as
sender-limited instead of as the path's rate.
"""
import json
import random
import socket
import struct
import time

MARKER = b"NAT64H-PROBE"
HEADER = len(MARKER) + 8
BUFFER = 4 << 20


def control(args, test):
    c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    c.settimeout(args.timeout)
    c.connect((args.target, args.port))
    c.sendall((json.dumps({"mode": "udp-sink", "test": test}) + "\n").encode())
    return c


def read_json_line(s):
    line = bytearray()
    while not line.endswith(b"\n"):
        chunk = s.recv(65536)
        if not chunk:
            break
        line += chunk
    if not line:
        raise OSError("the bench server closed without an answer")
    return json.loads(line)


def run(args):
    size = max(args.size, HEADER)
    if args.rate <= 0:
        return {"ok": False, "error": "--rate must be positive bits per second"}
    pps = args.rate / (size * 8)
    test = random.getrandbits(32)
    c = control(args, test)
    try:
        hello = read_json_line(c)
        if not hello.get("ok"):
            return {"ok": False, "error": f"bench server: {hello.get('error')}"}
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, BUFFER)
        s.connect((args.target, args.port))
        buf = bytearray((MARKER * (size // len(MARKER) + 1))[:size])
        sent, errors, first_error = 0, 0, None
        t0 = time.monotonic()
        end = t0 + args.seconds
        while True:
            now = time.monotonic()
            if now >= end:
                break
            due = int((now - t0) * pps) + 1
            if sent >= due:
                time.sleep(min(t0 + sent / pps - now, end - now))
                continue
            while sent < due:
                struct.pack_into("!II", buf, len(MARKER), test, sent)
                try:
                    s.send(buf)
                except OSError as e:  # ENOBUFS and the like: the datagram never left, count it as sent and lost
                    errors += 1
                    first_error = first_error or f"{type(e).__name__}: {e}"
                sent += 1
        send_seconds = time.monotonic() - t0
        s.close()
        time.sleep(args.drain)
        c.sendall(b"end\n")
        counts = read_json_line(c)
    finally:
        c.close()
    if not counts.get("ok"):
        return {"ok": False, "error": f"bench server: {counts.get('error')}"}
    res = {"ok": True, "offered_bps": args.rate, "size": size, "sent": sent, "send_errors": errors,
           "send_seconds": round(send_seconds, 6), "sent_bps": round(sent * size * 8 / send_seconds, 1),
           "received": counts.get("received", 0), "received_bytes": counts.get("received_bytes", 0),
           "reordered": counts.get("reordered", 0), "receiver_seconds": counts.get("receiver_seconds", 0.0),
           "receiver_buffer": hello.get("rcvbuf")}
    if first_error:
        res["first_send_error"] = first_error
    return res
