#!/bin/sh
# IPv4-only echo server. NAT64H_V4_ADDR: its address; NAT64H_ECHO_PORT: TCP and UDP port (default 7).
set -eu
. /usr/local/lib/nat64h/common.sh
: "${NAT64H_V4_ADDR:?}"
dev=$(iface_of "$NAT64H_V4_ADDR" 20) || fail "no interface holds $NAT64H_V4_ADDR"
checksums_in_software "$dev"
drop_default_routes
exec python3 -u /usr/local/lib/nat64h/echo.py "$NAT64H_V4_ADDR" "${NAT64H_ECHO_PORT:-7}"
