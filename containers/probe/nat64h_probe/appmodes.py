"""Exchange modes for per-app VPN behaviours: what the app does beyond a plain echo.

  tcp --close-first [--linger S]   read the whole echo, then close() at once: the app's kernel finishes the
                                   teardown (FIN, the ACK of the VPN's FIN, TIME-WAIT) for an orphaned socket
  tcp --expect-reset               the far end resets the connection (echo server's reset port): ok when the app's
                                   recv() fails with ECONNRESET, not with EOF or a timeout
  tcp --read-delay S               half-close: send, shutdown(SHUT_WR), wait S, then read the echo to EOF
  tcp --hold S                     read the echo, keep the connection open S seconds, then close (session counts)
  tcp|udp --idle S                 one message, S seconds of silence on the same socket, then another
  tcp --tcp-info                   report TCP_MAXSEG and TCP_INFO's MSS fields after connect
  udp --recverr                    IPV6_RECVERR: ICMPv6 errors for the socket are read from its error queue
  udp --frag-size N --device DEV   the datagram sent as IPv6 fragments of at most N bytes, built by the probe
                                   and written into DEV (a raw socket: root)
  udp --peer                       the server answers with the address and port it saw (echo's peer port)
  tcp|udp --hop-limit H            IPV6_UNICAST_HOPS on the flow's socket (and --tclass, as for a plain flow)

Each mode fills the same JSON fields as a plain flow (ok, error, sizes, local address and port) and adds its own.
"""
from nat64h_probe import tcpmodes, udpmodes


def add_arguments(parser):
    parser.add_argument("--close-first", action="store_true")
    parser.add_argument("--linger", type=float, default=1.0)
    parser.add_argument("--expect-reset", action="store_true")
    parser.add_argument("--read-delay", type=float, default=0.0)
    parser.add_argument("--hold", type=float, default=0.0)
    parser.add_argument("--idle", type=float, default=0.0)
    parser.add_argument("--tcp-info", action="store_true")
    parser.add_argument("--recverr", action="store_true")
    parser.add_argument("--frag-size", type=int, default=0)
    parser.add_argument("--peer", action="store_true")


def wanted(args):
    """True when a TCP or UDP exchange asks for any of these modes (or a hop limit, which a plain flow ignores)."""
    if args.kind == "tcp":
        return bool(args.close_first or args.expect_reset or args.read_delay or args.hold or args.idle
                    or args.tcp_info or args.hop_limit)
    if args.kind == "udp":
        return bool(args.recverr or args.frag_size or args.idle or args.peer or args.hop_limit)
    return False


def flow(kind, payload):
    """The flow function for kind, taking (args, seed) like the plain ones; payload is the probe's generator."""
    module = tcpmodes if kind == "tcp" else udpmodes
    return lambda args, seed: module.flow(args, seed, payload)
