# Shared by every container of ours: find interfaces by address, drop default routes, report readiness.
# Sourced, not executed.

say() { echo "nat64h: $*"; }
fail() { echo "nat64h: failed: $*"; exit 1; }

# Prints the interface holding address $1 (IPv4 or IPv6), waiting up to $2 seconds for it to appear.
iface_of() {
    addr=$1; wait_s=${2:-10}; i=0
    while [ "$i" -lt $((wait_s * 10)) ]; do
        dev=$(ip -o addr show | awk -v a="$addr" '{split($4, p, "/"); if (p[1] == a) {print $2; exit}}')
        [ -n "$dev" ] && { echo "$dev"; return 0; }
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

# Docker's internal networks keep a default route inside the container and do not filter IPv6:
# delete every default route so traffic can reach only our own containers.
drop_default_routes() {
    while ip -4 route del default 2>/dev/null; do :; done
    while ip -6 route del default 2>/dev/null; do :; done
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
