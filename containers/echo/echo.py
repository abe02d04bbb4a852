"""IPv4-only echo server: TCP echo (one thread per connection) and UDP echo on the same port; beside it, on
port + 1, a UDP peer port that answers each datagram with the address and port it came from (the flow as the
server sees it, through the VPN and the NAT64), and on port + 3, a TCP reset port that reads once and then
resets the connection (SO_LINGER 0). Port + 2 stays closed (a refused port).

It binds only to its IPv4 address: the NAT64 router is the only way an IPv6 client reaches it.
"""
import socket
import signal
import socketserver
import struct
import sys
import threading


class TcpEcho(socketserver.BaseRequestHandler):
    def handle(self):
        conn = self.request
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while True:
            data = conn.recv(65536)
            if not data:
                break
            conn.sendall(data)
        conn.shutdown(socket.SHUT_WR)


class TcpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 256


def udp_echo(addr, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.bind((addr, port))
    while True:
        data, peer = sock.recvfrom(65535)
        sock.sendto(data, peer)


def udp_peer(addr, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((addr, port))
    while True:
        _, peer = sock.recvfrom(65535)
        sock.sendto(f"{peer[0]} {peer[1]}".encode("ascii"), peer)


class TcpReset(socketserver.BaseRequestHandler):
    def handle(self):
        conn = self.request
        conn.recv(65536)
        # Linger on, timeout 0: close() discards the connection with an RST instead of a FIN (RFC 9293 §3.10.4).
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()


def main():
    addr, port = sys.argv[1], int(sys.argv[2])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    threading.Thread(target=udp_echo, args=(addr, port), daemon=True).start()
    threading.Thread(target=udp_peer, args=(addr, port + 1), daemon=True).start()
    reset = TcpServer((addr, port + 3), TcpReset)
    threading.Thread(target=reset.serve_forever, daemon=True).start()
    server = TcpServer((addr, port), TcpEcho)
    print(f"nat64h: echo tcp+udp {addr}:{port}, udp peer :{port + 1}, tcp reset :{port + 3}", flush=True)
    print("nat64h: ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
