"""TCP bulk throughput through the path: up (probe → server), down (server → probe), or both at once.

Each stream reports its receiver's samples, [seconds since its first byte, bytes so far] every 0.1 s and at the
last byte: for "up" the bench server's, for "down" the probe's own. The sender sends for --seconds (the harness
adds its warm-up) and the harness computes the rate over the samples after the warm-up.
"""
import json
import socket
import threading
import time

from .bench_udp import MARKER

CHUNK = 128 * 1024
SAMPLE = 0.1


def open_stream(args, request):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.settimeout(args.timeout)
    s.connect((args.target, args.port))
    s.sendall((json.dumps(request) + "\n").encode())
    return s


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


def up(args):
    block = memoryview((MARKER * (CHUNK // len(MARKER) + 1))[:CHUNK])
    s = open_stream(args, {"mode": "sink"})
    try:
        sent, end = 0, time.monotonic() + args.seconds
        while time.monotonic() < end:
            s.sendall(block)
            sent += CHUNK
        s.shutdown(socket.SHUT_WR)
        # The server answers after the last byte has arrived: allow the queue to drain.
        s.settimeout(args.timeout + args.seconds)
        report = read_json_line(s)
    finally:
        s.close()
    if not report.get("ok"):
        raise OSError(f"bench server: {report.get('error')}")
    return {"direction": "up", "sender_bytes": sent, "bytes": report["bytes"], "samples": report["samples"]}


def down(args):
    s = open_stream(args, {"mode": "source", "seconds": args.seconds})
    buf = bytearray(256 * 1024)
    total, samples, t0, next_sample = 0, [], None, 0.0
    try:
        s.settimeout(args.timeout)
        while True:
            n = s.recv_into(buf)
            now = time.monotonic()
            if not n:
                break
            if t0 is None:
                t0, samples, next_sample = now, [[0.0, 0]], SAMPLE
            total += n
            if now - t0 >= next_sample:
                samples.append([round(now - t0, 6), total])
                next_sample = (now - t0) + SAMPLE
    finally:
        s.close()
    if t0 is None:
        raise OSError("no byte arrived from the bench server")
    last = [round(now - t0, 6), total]
    if samples[-1] != last:
        samples.append(last)
    return {"direction": "down", "bytes": total, "samples": samples}


def run(args):
    streams = {"up": [up], "down": [down], "both": [up, down]}[args.direction]
    results, errors = [None] * len(streams), []

    def one(k, fn):
        try:
            results[k] = fn(args)
        except (OSError, ValueError) as e:
            errors.append(f"{fn.__name__}: {type(e).__name__}: {e}")

    threads = [threading.Thread(target=one, args=(k, fn)) for k, fn in enumerate(streams)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        return {"ok": False, "direction": args.direction, "error": "; ".join(errors)}
    return {"ok": True, "direction": args.direction, "streams": results}
