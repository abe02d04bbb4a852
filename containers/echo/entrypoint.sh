#!/bin/sh
# IPv4-only echo server. NAT64H_V4_ADDR: its address; NAT64H_ECHO_PORT: TCP and UDP port (default 7);
# optional NAT64H_POOL4 and NAT64H_POOL4_VIA: the NAT64 pool is routed via the router, as a server on the
# IPv4 internet reaches it through its gateway (proxy ARP would answer too, after up to 0.8 s per contact).
set -eu
. /usr/local/lib/nat64h/common.sh
: "${NAT64H_V4_ADDR:?}"
dev=$(iface_of "$NAT64H_V4_ADDR" 20) || fail "no interface holds $NAT64H_V4_ADDR"
checksums_in_software "$dev"
drop_default_routes
if [ -n "${NAT64H_POOL4:-}" ]; then
    ip route add "$NAT64H_POOL4" via "${NAT64H_POOL4_VIA:?}" dev "$dev"
fi
exec python3 -u /usr/local/lib/nat64h/echo.py "$NAT64H_V4_ADDR" "${NAT64H_ECHO_PORT:-7}"
