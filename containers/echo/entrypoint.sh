#!/bin/sh
# IPv4-only echo server. NAT64H_V4_ADDR: its address; NAT64H_ECHO_PORT: TCP and UDP port (default 7);
# optional NAT64H_POOL4 and NAT64H_POOL4_VIA: the NAT64 pool is routed via the router, as a server on the
# IPv4 internet reaches it through its gateway (proxy ARP would answer too, after up to 0.8 s per contact).
# Beside the echo, for `nat64h bench`: iperf3's server (TCP 5201) and our bench server (bench_server.py, TCP and
# UDP 5202, TCP 5203), both bound to the IPv4 address only; the ready line comes once all of them listen.
set -eu
. /usr/local/lib/nat64h/common.sh
: "${NAT64H_V4_ADDR:?}"
dev=$(iface_of "$NAT64H_V4_ADDR" 20) || fail "no interface holds $NAT64H_V4_ADDR"
checksums_in_software "$dev"
drop_default_routes
if [ -n "${NAT64H_POOL4:-}" ]; then
    ip route add "$NAT64H_POOL4" via "${NAT64H_POOL4_VIA:?}" dev "$dev"
fi
# iperf3 serves one test at a time and exits on some client errors: a loop keeps one listening.
(while :; do iperf3 -s -B "$NAT64H_V4_ADDR" -p 5201 --logfile /var/log/nat64h-iperf3.log; sleep 0.2; done) &
python3 -u /usr/local/lib/nat64h/bench_server.py "$NAT64H_V4_ADDR" 5202 &
listening() { [ -n "$(ss -Hln "$1" "src $NAT64H_V4_ADDR and sport = :$2")" ]; }
i=0
until listening -t 5201 && listening -t 5202 && listening -u 5202 && listening -t 5203; do
    [ "$i" -lt 200 ] || fail "bench servers not listening after 20 s (iperf3 5201, bench 5202/5203): $(cat /var/log/nat64h-iperf3.log 2>/dev/null)"
    sleep 0.1; i=$((i + 1))
done
exec python3 -u /usr/local/lib/nat64h/echo.py "$NAT64H_V4_ADDR" "${NAT64H_ECHO_PORT:-7}"
