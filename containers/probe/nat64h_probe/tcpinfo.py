"""The kernel's view of a TCP socket (getsockopt TCP_INFO, struct tcp_info of linux/tcp.h), as a dict.

Read by the probe itself, so a stalled or failed flow reports its own MSS, path MTU, segments lost and
retransmitted, and bytes acknowledged: what `ss -tin` would print, without a second process.
"""
import socket
import struct

STATES = {1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1", 5: "FIN_WAIT2", 6: "TIME_WAIT",
          7: "CLOSE", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING"}

# (offset, struct format, name) of the fields the diagnosis reads; the layout is the kernel's ABI.
FIELDS = [
    (0, "B", "state"), (2, "B", "retransmits"), (4, "B", "backoff"),
    (8, "I", "rto_us"), (16, "I", "snd_mss"), (20, "I", "rcv_mss"), (24, "I", "unacked"), (28, "I", "sacked"),
    (32, "I", "lost"), (36, "I", "retrans"), (44, "I", "last_data_sent_ms"), (52, "I", "last_data_recv_ms"),
    (56, "I", "last_ack_recv_ms"), (60, "I", "pmtu"), (68, "I", "rtt_us"), (80, "I", "snd_cwnd"),
    (84, "I", "advmss"), (100, "I", "total_retrans"), (120, "Q", "bytes_acked"), (128, "Q", "bytes_received"),
    (136, "I", "segs_out"), (140, "I", "segs_in"), (156, "I", "data_segs_out"), (200, "Q", "bytes_sent"),
    (208, "Q", "bytes_retrans"), (228, "I", "snd_wnd"),
]


def read(sock):
    """TCP_INFO of a socket as a dict; None when the socket is closed or the kernel refuses."""
    try:
        raw = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    except OSError:
        return None
    info = {}
    for offset, fmt, name in FIELDS:
        size = struct.calcsize(fmt)
        if offset + size <= len(raw):
            info[name] = struct.unpack_from("=" + fmt, raw, offset)[0]
    info["state"] = STATES.get(info.get("state"), str(info.get("state")))
    return info
