"""The probe's measurement commands for `nat64h bench` (stdlib only); one JSON object on stdout, as every command.

  nat64h-probe bench-tcp     --target ADDR [--port 5202] --direction up|down|both --seconds S
  nat64h-probe bench-udp     --target ADDR [--port 5202] --rate BITS_PER_S --size BYTES --seconds S [--drain S]
  nat64h-probe bench-latency --target ADDR [--port 7] --rate PACKETS_PER_S --size BYTES --seconds S
  nat64h-probe bench-connect --target ADDR [--port 5203] --flows K --seconds S

The far end is the echo server's bench server (containers/echo/bench_server.py) or its UDP echo. Results carry
raw observations (byte samples, counts, per-packet round trips); the harness does the arithmetic, so that it is
tested in one place. "ok" says the measurement ran, not that the path was fast or lossless.
"""
import argparse
import time

from . import bench_connect
from . import bench_latency
from . import bench_tcp
from . import bench_udp

COMMANDS = {
    "bench-tcp": (bench_tcp.run, 5202),
    "bench-udp": (bench_udp.run, 5202),
    "bench-latency": (bench_latency.run, 7),
    "bench-connect": (bench_connect.run, 5203),
}


def parse(argv):
    p = argparse.ArgumentParser(prog="nat64h-probe")
    p.add_argument("kind", choices=sorted(COMMANDS))
    p.add_argument("--target", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--direction", choices=["up", "down", "both"], default="up")
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--rate", type=float, default=0.0)
    p.add_argument("--size", type=int, default=1200)
    p.add_argument("--drain", type=float, default=0.5)
    p.add_argument("--flows", type=int, default=8)
    p.add_argument("--timeout", type=float, default=5.0)
    args = p.parse_args(argv)
    if args.seconds <= 0 or args.timeout <= 0 or args.flows < 1 or args.size < 0 or args.rate < 0:
        p.error("--seconds and --timeout must be positive, --flows at least 1, --size and --rate not negative")
    run, port = COMMANDS[args.kind]
    args.port = args.port or port
    return args, run


def main(argv):
    """Runs one measurement; returns its result (a dict), never raises."""
    args, run = parse(argv)
    t0 = time.monotonic()
    try:
        res = run(args)
    except OSError as e:  # a socket refused or unreachable: the path failed, not the probe
        res = {"ok": False, "error": f"{type(e).__name__}: {e}"}
    except Exception as e:  # the harness must always get JSON back, never a traceback
        res = {"ok": False, "error": f"probe crashed: {type(e).__name__}: {e}"}
    res.setdefault("elapsed_ms", round((time.monotonic() - t0) * 1000, 3))
    res.setdefault("kind", args.kind)
    res.setdefault("target", args.target)
    res.setdefault("port", args.port)
    return res
