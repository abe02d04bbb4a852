#!/bin/sh
# Entry point of the per-app VPN container (contract: ../perapp-contract.md, kind per-app-uid): plumbs the TUN
# and uid policy routing, then execs the VPN. Prints "nat64h: failed: <reason>" and exits 1 on any failure;
# the VPN prints "nat64h: ready <facts>" with the facts this script exports in NAT64H_READY_FACTS.
set -u

# common.sh: in the image at /usr/local/lib/nat64h; run from a checkout (the entry script's own tests), in ../base.
lib=/usr/local/lib/nat64h/common.sh
[ -r "$lib" ] || lib="$(dirname "$0")/../base/common.sh"
. "$lib"   # fail, drop_default_routes, checksums_in_software

PREFIX=${NAT64H_PREFIX:-64:ff9b::/96}
ROUTER=${NAT64H_ROUTER_V6:-}
MTU=${NAT64H_TUNNEL_MTU:-1500}
FAULT=${NAT64H_FAULT:-none}
TUN=${NAT64H_TUN_NAME:-nat64h0}
TUN_V6=${NAT64H_APP_V6:-2001:db8:0:77::2/64}
TUN_V4=${NAT64H_APP_V4:-100.67.0.2/24}
ACCESS=${NAT64H_ACCESS_V6_ADDR:-}
V4_NET=${NAT64H_ECHO_V4_NET:-}
APP_UID=${NAT64H_APP_UID:-1000}
TABLE=100

[ -n "$ROUTER" ] || fail "NAT64H_ROUTER_V6 is not set (next hop toward the NAT64 router)"
[ -c /dev/net/tun ] || fail "/dev/net/tun is missing (run with --device /dev/net/tun)"
[ "$(cat /proc/sys/net/ipv6/conf/default/disable_ipv6 2>/dev/null)" = 0 ] ||
    fail "net.ipv6.conf.default.disable_ipv6 must be 0 (run with --sysctl net.ipv6.conf.default.disable_ipv6=0), or the TUN gets no IPv6"
ip link show >/dev/null 2>&1 || fail "ip(8) does not work"

# Nothing may leave toward anything but our own containers: no default route, no IPv4 on the v6 access network,
# and checksums computed in software so a bridge capture sees what the NAT64 router receives.
drop_default_routes
for dev in $(ls /sys/class/net); do
    [ "$dev" = lo ] && continue
    flush_ipv4_on "$dev" 2>/dev/null
    checksums_in_software "$dev"
done

ip tuntap add dev "$TUN" mode tun || fail "cannot create TUN $TUN (needs CAP_NET_ADMIN)"
# A long queue (default 500): 100 flows x a 64 KiB window is ~4500 packets in one burst toward the reader.
ip link set dev "$TUN" mtu "$MTU" txqueuelen 20000 up || fail "cannot set $TUN mtu $MTU"
ip -6 addr add "$TUN_V6" dev "$TUN" nodad || fail "cannot add $TUN_V6 to $TUN"
ip -4 addr add "$TUN_V4" dev "$TUN" || fail "cannot add $TUN_V4 to $TUN"

# The VPN itself (root) reaches the NAT64 router through the physical interface.
if [ -n "$ACCESS" ]; then
    ip -o -6 addr show | grep -q " inet6 $ACCESS/" || fail "no interface holds NAT64H_ACCESS_V6_ADDR=$ACCESS"
fi
ip -6 route replace "$PREFIX" via "$ROUTER" || fail "cannot route $PREFIX via $ROUTER (is the router on-link?)"

# Only the app uid is steered into the TUN.
if [ "$FAULT" = leak-prefix ]; then
    echo "nat64h: fault leak-prefix: $PREFIX of uid $APP_UID stays on the physical interface" # FAULT: leak-prefix
else
    ip -6 route add "$PREFIX" dev "$TUN" table "$TABLE" || fail "cannot route $PREFIX into $TUN"
fi
if [ -n "$V4_NET" ]; then
    ip -4 route add "$V4_NET" dev "$TUN" table "$TABLE" || fail "cannot route $V4_NET into $TUN"
fi
# The app's DNS (perapp-contract.md, NAT64H_DNS_V6): its queries to the network's resolver enter the TUN like any
# flow and leave from the VPN's own socket; without it they would bypass the VPN through the main table.
DNS=${NAT64H_DNS_V6:-}
if [ -n "$DNS" ]; then
    ip -6 route add "$DNS/128" dev "$TUN" table "$TABLE" || fail "cannot route the resolver $DNS into $TUN"
fi
ip -6 rule add uidrange "$APP_UID-$APP_UID" lookup "$TABLE" priority 100 || fail "cannot add ip -6 uidrange rule"
ip -4 rule add uidrange "$APP_UID-$APP_UID" lookup "$TABLE" priority 100 || fail "cannot add ip -4 uidrange rule"
# The kernel answers for the app's closed and TIME-WAIT sockets (their ACKs, RSTs, ICMPv6 errors) as uid 0, not as
# the app: steered by uid alone they left through the access network with the app's address as source (measured).
if [ "$FAULT" = leak-time-wait ]; then
    echo "nat64h: fault leak-time-wait: only uid $APP_UID is steered, not the app's addresses" # FAULT: leak-time-wait
else
    ip -6 rule add from "${TUN_V6%/*}" lookup "$TABLE" priority 101 || fail "cannot add ip -6 rule from ${TUN_V6%/*}"
    ip -4 rule add from "${TUN_V4%/*}" lookup "$TABLE" priority 101 || fail "cannot add ip -4 rule from ${TUN_V4%/*}"
fi

# The readiness facts of the contract: what the app really gets (the MTU as the kernel holds it).
mtu=$(ip -o link show "$TUN" | sed -n 's/.* mtu \([0-9]*\) .*/\1/p')
NAT64H_READY_FACTS="device=$TUN link=tun mtu=$mtu app_v6=${TUN_V6%/*} gateway_v6=none app_v4=${TUN_V4%/*} dns=${DNS:-none}"
export NAT64H_PREFIX="$PREFIX" NAT64H_TUNNEL_MTU="$MTU" NAT64H_FAULT="$FAULT" NAT64H_TUN_NAME="$TUN" NAT64H_READY_FACTS
exec "${NAT64H_VPN_BIN:-/opt/nat64h/nat64h-perapp-vpn}"
