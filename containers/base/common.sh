# Shared by every container of ours: find interfaces by address, drop default routes, report readiness, and
# the checks every VPN image of ours makes. Sourced, not executed.
# LOG_TAG (default nat64h) prefixes ordinary log lines; the failure line is always "nat64h: failed: ...",
# because the harness watches for exactly that (and for "nat64h: ready").

say() { echo "${LOG_TAG:-nat64h}: $*"; }
fail() { echo "nat64h: failed: $*"; exit 1; }

# Fails naming the first of the given variables that is unset or empty.
need() { for v in "$@"; do eval "[ -n \"\${$v:-}\" ]" || fail "$v is not set"; done; }

# Prints the interface holding address $2 of family $1 (4 or 6) now, or nothing. Names such as eth0/eth1 do
# not follow the order networks were attached in, so interfaces are always found by address.
if_by_addr() {
    ip -o "-$1" addr show | awk -v a="$2" '{ split($4, p, "/"); if (p[1] == a) { sub(/@.*/, "", $2); print $2; exit } }'
}

# Prints the interface holding address $1 (IPv4 or IPv6), waiting up to $2 seconds for it to appear.
iface_of() {
    addr=$1; wait_s=${2:-10}; i=0
    case $addr in *:*) family=6 ;; *) family=4 ;; esac
    while :; do
        dev=$(if_by_addr "$family" "$addr")
        [ -n "$dev" ] && { echo "$dev"; return 0; }
        [ "$i" -lt $((wait_s * 10)) ] || return 1
        sleep 0.1; i=$((i + 1))
    done
}

# Docker's internal networks keep a default route inside the container and do not filter IPv6:
# delete every default route so traffic can reach only our own containers, and make sure none is left.
drop_default_routes() {
    while ip -4 route del default 2>/dev/null; do :; done
    while ip -6 route del default 2>/dev/null; do :; done
    [ -z "$(ip -4 route show default)$(ip -6 route show default)" ] || fail "default routes remain"
}

# Docker 20.10 gives an IPv6 network an IPv4 subnet too; on the IPv6-only side that address must go.
flush_ipv4_on() {
    ip -4 addr flush dev "$1"
}

# veth devices offload transmit checksums: a capture on the bridge would see the pseudo-header sum instead
# of the checksum, and judge a correct packet wrong. Computing them in software puts the real value on the wire.
checksums_in_software() {
    ethtool -K "$1" tx off >/dev/null 2>&1 || fail "ethtool -K $1 tx off (needs NET_ADMIN and ethtool)"
}

# A VPN's tunnel device needs /dev/net/tun, and IPv6 on devices created from now on ($1 names the device).
check_tun() {
    [ -c /dev/net/tun ] || fail "/dev/net/tun missing (run with --device /dev/net/tun)"
    [ "$(cat /proc/sys/net/ipv6/conf/default/disable_ipv6)" = 0 ] \
        || fail "needs sysctl net.ipv6.conf.default.disable_ipv6=0 (else $1 gets no IPv6)"
}

# A tunnel VPN's underlay (NAT64H_UNDERLAY_ADDR): IPv4 only, whatever the sysctls gave the interface. Sets $ul.
find_underlay() {
    ul=$(if_by_addr 4 "$NAT64H_UNDERLAY_ADDR")
    [ -n "$ul" ] || fail "no interface holds NAT64H_UNDERLAY_ADDR=$NAT64H_UNDERLAY_ADDR"
    ip -6 addr flush dev "$ul" 2>/dev/null || true
    [ -z "$(ip -o -6 addr show dev "$ul")" ] || fail "underlay interface $ul keeps IPv6 addresses"
}
