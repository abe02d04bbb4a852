#!/bin/sh
# PID 1 of the Jool VM (busybox sh). Everything it needs arrives on the kernel command line as nat64h.*=value:
#   nat64h.mac6 / nat64h.mac4   MACs of the IPv6-side and IPv4-side NICs (NICs are found by MAC, never by name)
#   nat64h.v6 / nat64h.v4       the router's addresses with prefix length (the container's Docker addresses)
#   nat64h.prefix               NAT64 prefix (pool6);  nat64h.pool4: Jool pool4;  nat64h.ports: pool4 port range
#   nat64h.routes6 / routes4    optional "net,via;net,via" IPv6 / IPv4 routes behind other hops
#   nat64h.xlat                 nat64 (default: stateful NAT64, module jool) or siit (stateless SIIT, module
#                               jool_siit; pool4 is then optional and only answered by proxy ARP)
#   nat64h.eam                  siit only, optional "ipv6prefix,ipv4prefix;..." EAM table entries (RFC 7757)
# Console (ttyS0): "nat64h-vm: ready" or "nat64h-vm: failed: <reason>". Control channel (ttyS1): see the end of this file.
export PATH=/sbin:/bin
# Debian's busybox-static runs its own applets before PATH: use iproute2's ip (busybox ip lacks flags like nodad).
ip() { /sbin/ip "$@"; }
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev

say() { echo "nat64h-vm: $*" > /dev/console; }
fail() { say "failed: $*"; while :; do sleep 3600; done; }

for kv in $(cat /proc/cmdline); do
    case "$kv" in nat64h.*=*) k=${kv%%=*}; k=${k#nat64h.}; eval "arg_$k=\${kv#*=}" ;; esac
done

# Both translators' modules are in the image; load only the one this VM runs (each costs boot time under TCG).
xlat=${arg_xlat:-nat64}
case "$xlat" in
    nat64) skip=jool_siit.ko; jool=jool ;;
    siit) skip=jool.ko; jool=jool_siit ;;
    *) fail "nat64h.xlat=$xlat: expected nat64 or siit" ;;
esac
while read -r m; do
    [ "$m" = "$skip" ] && continue
    insmod "/modules/$m" 2>/tmp/err || fail "insmod $m: $(cat /tmp/err)"
done < /modules/order

nic_of() {
    for d in /sys/class/net/*; do
        [ "$(cat "$d/address")" = "$1" ] && { basename "$d"; return 0; }
    done
    return 1
}
i=0
until v6if=$(nic_of "$arg_mac6") && v4if=$(nic_of "$arg_mac4"); do
    i=$((i + 1)); [ "$i" -lt 50 ] || fail "no NIC with MAC $arg_mac6 / $arg_mac4"; sleep 0.1
done

# Router, not host: forward, no DAD (the address is the container's, already unique on the wire), no router
# solicitations or autoconfiguration; announce the address when the link comes up (ndisc_notify), since the
# peers may have cached a MAC for it. The IPv4-side NIC is IPv4-only.
echo 1 > /proc/sys/net/ipv4/ip_forward
for c in all default "$v6if"; do
    echo 1 > /proc/sys/net/ipv6/conf/$c/forwarding
    echo 0 > /proc/sys/net/ipv6/conf/$c/accept_dad
    echo 0 > /proc/sys/net/ipv6/conf/$c/accept_ra
    echo 0 > /proc/sys/net/ipv6/conf/$c/autoconf
    echo 1 > /proc/sys/net/ipv6/conf/$c/ndisc_notify
done
echo 1 > /proc/sys/net/ipv6/conf/"$v4if"/disable_ipv6
echo 1 > /proc/sys/net/ipv4/conf/all/arp_notify

ip link set lo up
ip link set "$v6if" mtu "${arg_mtu6:-1500}" up || fail "ip link set $v6if mtu ${arg_mtu6:-}"
ip link set "$v4if" mtu "${arg_mtu4:-1500}" up || fail "ip link set $v4if mtu ${arg_mtu4:-}"
ip -6 addr add "$arg_v6" dev "$v6if" nodad || fail "ip -6 addr add $arg_v6"
ip -4 addr add "$arg_v4" dev "$v4if" || fail "ip addr add $arg_v4"
# Like Tayga with proxy_arp: answer ARP for the pool4 addresses, so an IPv4 host with no route via the router
# still reaches the pool. Jool takes the packets in PREROUTING; the lo route exists only for the ARP decision.
# SIIT: pool4 (optional) names the IPv4 addresses that stand for IPv6 hosts, answered the same way.
if [ -n "${arg_pool4:-}" ]; then
    echo 1 > /proc/sys/net/ipv4/conf/"$v4if"/proxy_arp
    ip route add "$arg_pool4" dev lo || fail "ip route add $arg_pool4 dev lo"
elif [ "$xlat" = nat64 ]; then
    fail "nat64h.pool4 missing (stateful NAT64 needs pool4)"
fi
for r in $(echo "${arg_routes6:-}" | tr ';' ' '); do
    ip -6 route add "${r%%,*}" via "${r#*,}" dev "$v6if" || fail "ip -6 route add $r"
done
for r in $(echo "${arg_routes4:-}" | tr ';' ' '); do
    ip route add "${r%%,*}" via "${r#*,}" dev "$v4if" || fail "ip route add $r"
done

out=$($jool instance add default --netfilter --pool6 "$arg_prefix" 2>&1) || fail "$jool instance add: $out"
if [ "$xlat" = nat64 ]; then
    for p in tcp udp icmp; do
        out=$(jool -i default pool4 add --$p "$arg_pool4" "${arg_ports:-61001-65535}" 2>&1) \
            || fail "jool pool4 add --$p: $out"
    done
else
    for e in $(echo "${arg_eam:-}" | tr ';' ' '); do
        out=$(jool_siit -i default eamt add "${e%%,*}" "${e#*,}" 2>&1) || fail "jool_siit eamt add $e: $out"
    done
fi
say "jool $(cat /sys/module/$jool/version 2>/dev/null) xlat=$xlat v6if=$v6if v4if=$v4if uptime=$(cut -d' ' -f1 /proc/uptime)"
say "ready"

# Control channel on ttyS1 (a pipe chardev in the container): one request per line, "<nonce> <request>";
# the answer is its output between "@@begin <nonce>" and "@@end <nonce> rc=<code>". A request is either
# "@mtu v4|v6 <bytes>" (MTU scenarios: the container's own interfaces are only bridge ports) or the arguments
# of this VM's jool binary (jool, or jool_siit in SIIT mode). Nothing else runs here.
set -f  # a request's words are never globbed
stty -F /dev/ttyS1 raw -echo
exec 3<>/dev/ttyS1
while read -r nonce args <&3; do
    echo "@@begin $nonce" >&3
    # shellcheck disable=SC2086  # the request's words, split on purpose
    set -- $args
    case "${1:-}" in
        @mtu)
            case "${2:-}" in v4) dev=$v4if ;; v6) dev=$v6if ;; *) dev= ;; esac
            if [ -n "$dev" ] && [ -n "${3:-}" ]; then ip link set "$dev" mtu "$3" >&3 2>&1; else false; fi ;;
        @*) echo "unknown request $1" >&3; false ;;
        *) $jool -i default "$@" >&3 2>&1 ;;
    esac
    echo "@@end $nonce rc=$?" >&3
done
fail "control channel closed"
