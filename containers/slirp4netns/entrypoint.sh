#!/bin/sh
# slirp4netns as a per-app VPN for Nat64Harness (contract: ../perapp-contract.md, kind per-app-netns).
# The app lives in its own network namespace (NAT64H_APP_NETNS, bind-mounted by the harness). slirp4netns
# creates its TAP there and answers every packet the app sends with its own (libslirp) stack, through this
# container's sockets. This script only configures: it runs `ip` itself instead of `--configure`, so the app
# gets exactly the contract's routes and no default route.
# shellcheck disable=SC2317  # stop() is reached through trap only
set -eu

DEV=nat64h0                                     # the TAP in the app's namespace
PREFIX=${NAT64H_PREFIX:-64:ff9b::/96}
ROUTER=${NAT64H_ROUTER_V6:-}
ACCESS=${NAT64H_ACCESS_V6_ADDR:-}
MTU=${NAT64H_TUNNEL_MTU:-1500}
APP_NS=${NAT64H_APP_NETNS:-/run/nat64h/app-netns}
APP_V6=${NAT64H_APP_V6:-2001:db8:0:77::2/64}
APP_V4=${NAT64H_APP_V4:-100.67.0.100/24}
V4_NET=${NAT64H_ECHO_V4_NET:-}
DNS=${NAT64H_DNS_V6:-}
READY_TIMEOUT=${NAT64H_READY_TIMEOUT:-10}
GW6=fe80::2                                     # libslirp's own link-local address on the TAP (fixed)
SLIRP_PID=

fail() { echo "nat64h: failed: $*"; exit 1; }
stop() { if [ -n "$SLIRP_PID" ]; then kill "$SLIRP_PID" 2>/dev/null || true; SLIRP_PID=; fi; }
trap stop EXIT
trap 'stop; exit 0' TERM INT
app() { nsenter --net="$APP_NS" "$@"; }

[ -n "$ROUTER" ] || fail "NAT64H_ROUTER_V6 is not set (next hop toward the NAT64 router)"
[ -e "$APP_NS" ] || fail "NAT64H_APP_NETNS=$APP_NS does not exist (the harness bind-mounts the app's /proc/<pid>/ns/net there)"
[ -c /dev/net/tun ] || fail "/dev/net/tun is missing (run with --device /dev/net/tun)"
case "$MTU" in ''|*[!0-9]*) fail "NAT64H_TUNNEL_MTU=$MTU is not a number";; esac
[ "$MTU" -ge 1280 ] && [ "$MTU" -le 65521 ] || fail "NAT64H_TUNNEL_MTU=$MTU: slirp4netns takes 1280..65521 (IPv6 minimum 1280)"

# slirp4netns takes an IPv4 network (--cidr); its gateway is .2 and its DNS .3, so the app needs a /24 host
# address above them.
case "$APP_V4" in
    *.*.*.*/24) net4=${APP_V4%.*/24}; host4=${APP_V4##*.}; host4=${host4%/24} ;;
    *) fail "NAT64H_APP_V4=$APP_V4: this image needs an IPv4 /24 (a.b.c.d/24)" ;;
esac
[ "$host4" -ge 4 ] && [ "$host4" -le 254 ] || fail "NAT64H_APP_V4=$APP_V4: .1-.3 are slirp4netns's own (gateway .2, DNS .3)"

# This container's side: no default route, no IPv4, the prefix via the router, checksums computed in software
# (so a capture on the bridge sees what the router receives, not the veth's offload placeholder).
while ip -4 route del default 2>/dev/null; do :; done
while ip -6 route del default 2>/dev/null; do :; done
[ -z "$(ip -4 route show default)$(ip -6 route show default)" ] || fail "default routes remain (deleting them needs NET_ADMIN)"
for dev in $(ls /sys/class/net); do
    [ "$dev" = lo ] && continue
    ip -4 addr flush dev "$dev" || fail "cannot flush IPv4 from $dev (needs NET_ADMIN)"
    ethtool -K "$dev" tx off >/dev/null 2>&1 || fail "ethtool -K $dev tx off (needs NET_ADMIN)"
done
if [ -n "$ACCESS" ]; then
    ip -o -6 addr show | grep -q " inet6 $ACCESS/" || fail "no interface holds NAT64H_ACCESS_V6_ADDR=$ACCESS"
fi
ip -6 route replace "$PREFIX" via "$ROUTER" || fail "cannot route $PREFIX via $ROUTER (is the router on-link?)"

# DNS: slirp4netns forwards queries sent to its .3 / fd00::3 to the nameservers of /etc/resolv.conf. Docker
# puts its embedded resolver there, which may forward out of our networks: only NAT64H_DNS_V6 may be used,
# and without it the forwarder is off.
dns_args=--disable-dns
dns_fact=none
if [ -n "$DNS" ]; then
    echo "nameserver $DNS" > /etc/resolv.conf || fail "cannot write /etc/resolv.conf"
    dns_args=
    dns_fact=fd00::3
else
    echo "nameserver ::1" > /etc/resolv.conf || fail "cannot write /etc/resolv.conf"
fi

# --disable-host-loopback: the app must not reach this container's 127.0.0.1 through the gateway address.
# shellcheck disable=SC2086  # dns_args is one word or none
slirp4netns --mtu="$MTU" --enable-ipv6 --disable-host-loopback --cidr="$net4.0/24" $dns_args \
    --netns-type=path "$APP_NS" "$DEV" &
SLIRP_PID=$!

i=0
until app ip link show "$DEV" >/dev/null 2>&1; do
    kill -0 "$SLIRP_PID" 2>/dev/null || { wait "$SLIRP_PID" || true; SLIRP_PID=; fail "slirp4netns exited during start (needs NET_ADMIN, SYS_ADMIN for setns, /dev/net/tun)"; }
    i=$((i + 1)); [ "$i" -lt $((READY_TIMEOUT * 10)) ] || fail "no $DEV in the app's namespace after ${READY_TIMEOUT}s"
    sleep 0.1
done

# The app's namespace must take IPv6 on a new device and ignore router advertisements (libslirp answers a router
# solicitation with one, whose default route would reach beyond the prefix). Only the harness can set that.
[ "$(app cat "/proc/sys/net/ipv6/conf/$DEV/disable_ipv6")" = 0 ] ||
    fail "IPv6 is disabled on $DEV in the app's namespace (create the app with --sysctl net.ipv6.conf.default.disable_ipv6=0)"
[ "$(app cat "/proc/sys/net/ipv6/conf/$DEV/accept_ra")" = 0 ] ||
    fail "the app's namespace accepts router advertisements (create the app with --sysctl net.ipv6.conf.default.accept_ra=0)"

# The app's side: its addresses, the prefix (and the optional IPv4 net) via slirp's gateway, nothing else.
app ip link set "$DEV" mtu "$MTU" up || fail "cannot bring $DEV up in the app's namespace"
app ip -6 addr add "$APP_V6" dev "$DEV" nodad || fail "cannot add $APP_V6 to $DEV (is IPv6 enabled in the app's namespace?)"
app ip -4 addr add "$APP_V4" dev "$DEV" || fail "cannot add $APP_V4 to $DEV"
app ip -6 route add "$PREFIX" via "$GW6" dev "$DEV" || fail "cannot route $PREFIX via $GW6 in the app's namespace"
if [ -n "$V4_NET" ]; then
    app ip -4 route add "$V4_NET" via "$net4.2" dev "$DEV" || fail "cannot route $V4_NET via $net4.2"
fi
if [ -n "$DNS" ]; then
    app ip -6 route add fd00::3/128 via "$GW6" dev "$DEV" || fail "cannot route the DNS forwarder fd00::3"
fi
[ -z "$(app ip -4 route show default)$(app ip -6 route show default)" ] ||
    fail "the app's namespace has a default route (the harness must set net.ipv6.conf.default.accept_ra=0 there)"

mtu=$(app ip -o link show "$DEV" | sed -n 's/.* mtu \([0-9]*\) .*/\1/p')
echo "nat64h: slirp4netns $(slirp4netns --version | sed -n 's/^slirp4netns version //p') libslirp $(slirp4netns --version | sed -n 's/^libslirp: //p'), pid $SLIRP_PID"
echo "nat64h: ready device=$DEV link=tap mtu=$mtu app_v6=${APP_V6%/*} gateway_v6=$GW6 app_v4=${APP_V4%/*} dns=$dns_fact"

status=0
wait "$SLIRP_PID" || status=$?
SLIRP_PID=
fail "slirp4netns exited with status $status"
