"""IPv4-only echo server: TCP echo (one thread per connection) and UDP echo on the same port.

It binds only to its IPv4 address: the NAT64 router is the only way an IPv6 client reaches it.
"""
import socket
import signal
import socketserver
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


def main():
    addr, port = sys.argv[1], int(sys.argv[2])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    threading.Thread(target=udp_echo, args=(addr, port), daemon=True).start()
    server = TcpServer((addr, port), TcpEcho)
    print(f"nat64h: echo tcp+udp {addr}:{port}", flush=True)
    print("nat64h: ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
