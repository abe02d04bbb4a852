"""The far end of `nat64h bench`'s own measurements, on the IPv4-only echo server (stdlib only).

TCP PORT (5202): the client's first line, JSON, says what the connection is for:
  {"mode": "sink"}                   count what arrives until EOF, then answer one JSON line: the receiver's
                                     samples [seconds since the first byte, bytes so far], every SAMPLE seconds
                                     and at the last byte; the client measures its upload from them
  {"mode": "source", "seconds": S}   send for S seconds, then close our side; the client samples what arrives
  {"mode": "udp-sink", "test": ID}   count the datagrams of test ID arriving on UDP PORT until the client
                                     writes a line (or closes), then answer one JSON line with the counts
TCP PORT+1 (5203): accept and close, nothing else, for the connection setup rate.
UDP PORT: datagrams of a registered test (the probe's marker, then test id and sequence, network order).

Everything binds to the IPv4 address only: the NAT64 router stays the only way an IPv6 client gets here.
"""
import json
import socket
import struct
import sys
import threading
import time

MARKER = b"NAT64H-PROBE"
SAMPLE = 0.1
CHUNK = 128 * 1024
UDP_BUFFER = 4 << 20


class UdpCounters:
    """Counts per registered test id; datagrams of unknown tests are ignored."""

    def __init__(self):
        self.lock = threading.Lock()
        self.tests = {}

    def register(self, test):
        with self.lock:
            self.tests[test] = {"received": 0, "received_bytes": 0, "reordered": 0, "max_seq": -1,
                                "first_ns": 0, "last_ns": 0}

    def take(self, test):
        with self.lock:
            return self.tests.pop(test, None)


def udp_loop(sock, counters):
    # Counted inline, with names bound to locals: at 30,000 datagrams a second the receiver's CPU is CPU the
    # router on the same machine does not get.
    buf = bytearray(65535)
    recv, now_ns, tests = sock.recv_into, time.monotonic_ns, counters.tests
    header = struct.Struct("!II").unpack_from
    offset, shortest = len(MARKER), len(MARKER) + 8
    while True:
        n = recv(buf)
        if n < shortest:
            continue
        test, seq = header(buf, offset)
        c = tests.get(test)
        if c is None:
            continue
        now = now_ns()
        c["received"] += 1
        c["received_bytes"] += n
        if seq < c["max_seq"]:
            c["reordered"] += 1
        else:
            c["max_seq"] = seq
        if not c["first_ns"]:
            c["first_ns"] = now
        c["last_ns"] = now


def read_line(conn, limit=4096):
    line = bytearray()
    while not line.endswith(b"\n"):
        b = conn.recv(1)
        if not b:
            break
        line += b
        if len(line) > limit:
            raise ValueError("request line too long")
    return bytes(line)


def sink(conn):
    buf = bytearray(256 * 1024)
    total, samples, t0, next_sample = 0, [], None, 0.0
    while True:
        n = conn.recv_into(buf)
        now = time.monotonic()
        if not n:
            break
        if t0 is None:
            # The first chunk marks time zero: what arrives with it is counted from the next sample on.
            t0, samples = now, [[0.0, 0]]
            next_sample = SAMPLE
        total += n
        if now - t0 >= next_sample:
            samples.append([round(now - t0, 6), total])
            next_sample = (now - t0) + SAMPLE
    last = [round((now - t0) if t0 is not None else 0.0, 6), total]
    if samples and samples[-1] != last:
        samples.append(last)
    conn.sendall((json.dumps({"ok": True, "bytes": total, "samples": samples}) + "\n").encode())


def source(conn, seconds):
    block = (MARKER * (CHUNK // len(MARKER) + 1))[:CHUNK]
    view = memoryview(block)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        conn.sendall(view)
    conn.shutdown(socket.SHUT_WR)
    while conn.recv(65536):
        pass


def udp_sink(conn, counters, test, rcvbuf):
    counters.register(test)
    conn.sendall(json.dumps({"ok": True, "rcvbuf": rcvbuf}).encode() + b"\n")
    read_line(conn)
    c = counters.take(test) or {}
    c["receiver_seconds"] = round((c.get("last_ns", 0) - c.get("first_ns", 0)) / 1e9, 6)
    c["ok"] = True
    conn.sendall((json.dumps(c) + "\n").encode())


def serve(conn, counters, rcvbuf):
    try:
        request = json.loads(read_line(conn) or b"{}")
        mode = request.get("mode")
        if mode == "sink":
            sink(conn)
        elif mode == "source":
            source(conn, float(request["seconds"]))
        elif mode == "udp-sink":
            udp_sink(conn, counters, int(request["test"]), rcvbuf)
        else:
            conn.sendall(json.dumps({"ok": False, "error": f"unknown mode {mode!r}"}).encode() + b"\n")
    except (OSError, ValueError, KeyError) as e:
        try:
            conn.sendall(json.dumps({"ok": False, "error": f"{type(e).__name__}: {e}"}).encode() + b"\n")
        except OSError:
            pass
    finally:
        conn.close()


def listener(addr, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(4096)
    return s


def accept_close(s):
    while True:
        conn, _ = s.accept()
        conn.close()


def main():
    addr, port = sys.argv[1], int(sys.argv[2])
    counters = UdpCounters()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, UDP_BUFFER)
    udp.bind((addr, port))
    rcvbuf = udp.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
    control = listener(addr, port)
    handshakes = listener(addr, port + 1)
    threading.Thread(target=udp_loop, args=(udp, counters), daemon=True).start()
    threading.Thread(target=accept_close, args=(handshakes,), daemon=True).start()
    print(f"nat64h: bench tcp+udp {addr}:{port}, handshakes tcp {addr}:{port + 1}", flush=True)
    while True:
        conn, _ = control.accept()
        threading.Thread(target=serve, args=(conn, counters, rcvbuf), daemon=True).start()


if __name__ == "__main__":
    main()
