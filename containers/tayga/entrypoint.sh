#!/bin/sh
# Tayga NAT64 router. The harness gives every address; interfaces are found by address, never by name.
#   NAT64H_PREFIX    NAT64 prefix (RFC 6052), default 64:ff9b::/96
#   NAT64H_V6_ADDR   this router's address on the IPv6 access network
#   NAT64H_V4_ADDR   this router's address on the IPv4-only network; source of the ICMPv4 errors it originates
#   NAT64H_POOL4     dynamic IPv4 pool, inside the IPv4 network's subnet so Docker's isolation rules let it through
#   NAT64H_TAYGA_V4  Tayga's own IPv4 address, inside the pool
#   NAT64H_ROUTES6   optional, space-separated "net,via" pairs: IPv6 networks behind other hops (a VPN's tunnel)
set -eu
. /usr/local/lib/nat64h/common.sh

prefix=${NAT64H_PREFIX:-64:ff9b::/96}
: "${NAT64H_V6_ADDR:?}" "${NAT64H_V4_ADDR:?}" "${NAT64H_POOL4:?}" "${NAT64H_TAYGA_V4:?}"

# First of all: this container forwards from its start (its sysctls), so Docker's default routes must go before
# anything else, or a packet for an unrouted address leaves through the host meanwhile.
drop_default_routes
v6if=$(iface_of "$NAT64H_V6_ADDR" 20) || fail "no interface holds $NAT64H_V6_ADDR (is the IPv6 network attached?)"
v4if=$(iface_of "$NAT64H_V4_ADDR" 20) || fail "no interface holds $NAT64H_V4_ADDR (is the IPv4 network attached?)"
flush_ipv4_on "$v6if"

mkdir -p /var/lib/tayga
cat > /etc/tayga.conf <<CONF
tun-device nat64
ipv4-addr $NAT64H_TAYGA_V4
prefix $prefix
dynamic-pool $NAT64H_POOL4
data-dir /var/lib/tayga
CONF

# A prefix Tayga will not use is said as such, in Tayga's words: the harness reports it as the router's refusal
# (Tayga 0.9.2 takes only /32 /40 /48 /56 /64 /96 and refuses reserved space, 64:ff9b:1::/48 of RFC 8215 included).
if ! out=$(tayga --mktun 2>&1); then
    case "$out" in
        *"prefix directive"* | *"NAT prefix"*) fail "prefix refused: $out" ;;
        *) fail "tayga --mktun: $out (the TUN needs NET_ADMIN and /dev/net/tun)" ;;
    esac
fi
ip link set nat64 up
ip route add "$NAT64H_POOL4" dev nat64 src "$NAT64H_V4_ADDR"
ip -6 route add "$prefix" dev nat64
for r in ${NAT64H_ROUTES6:-}; do
    ip -6 route add "${r%%,*}" via "${r#*,}"
done

tayga --nodetach --config /etc/tayga.conf &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid"; exit 0' TERM INT

# Tayga is translating once it holds its TUN: the device loses NO-CARRIER.
i=0
while ip link show nat64 | grep -q NO-CARRIER; do
    kill -0 "$pid" 2>/dev/null || fail "tayga exited during start"
    i=$((i + 1)); [ "$i" -lt 100 ] || fail "nat64 TUN still NO-CARRIER after 10 s"
    sleep 0.1
done
say "tayga prefix=$prefix pool=$NAT64H_POOL4 v6if=$v6if v4if=$v4if"
say "ready"
wait "$pid"
