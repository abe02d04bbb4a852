#!/bin/sh
# PREF64 RA sender on the IPv6 access network. See README.md in containers/dns64/.
#   NAT64H_V6_ADDR          its address on the access network (finds the interface; RAs leave from its link-local)
#   NAT64H_PREF64           the prefix advertised, default NAT64H_PREFIX, default 64:ff9b::/96 (RFC 6052 length)
#   NAT64H_RA_INTERVAL      seconds between unsolicited RAs (default 4; RFC 4861 allows no less than 3)
#   NAT64H_PREF64_LIFETIME  seconds, rounded up to a multiple of 8 (default 3 x interval, RFC 8781 §4.1)
set -eu
. /usr/local/lib/nat64h/common.sh
: "${NAT64H_V6_ADDR:?}"
prefix=${NAT64H_PREF64:-${NAT64H_PREFIX:-64:ff9b::/96}}
interval=${NAT64H_RA_INTERVAL:-4}
dev=$(iface_of "$NAT64H_V6_ADDR" 20) || fail "no interface holds $NAT64H_V6_ADDR"
drop_default_routes
flush_ipv4_on "$dev"
# An RA must leave from a link-local address (RFC 4861 §4.2): wait until duplicate address detection is done.
i=0
until ip -6 addr show dev "$dev" scope link | grep -q inet6 && ! ip -6 addr show dev "$dev" scope link | grep -q tentative; do
    i=$((i + 1)); [ "$i" -lt 50 ] || fail "no usable link-local address on $dev (needs net.ipv6.conf.default.disable_ipv6=0)"
    sleep 0.1
done
exec python3 -u /usr/local/lib/nat64h/pref64-ra.py --device "$dev" --prefix "$prefix" --interval "$interval" \
    --lifetime "${NAT64H_PREF64_LIFETIME:-$((3 * interval))}"
