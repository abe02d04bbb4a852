#!/bin/sh
# Probe container. Two modes:
#  - own namespace (baseline): NAT64H_V6_ADDR is its address on the IPv6 access network; it drops default
#    routes and IPv4, and routes NAT64H_PREFIX via NAT64H_ROUTER_V6;
#  - NAT64H_SHARED_NAMESPACE=1: it lives in a VPN client's namespace and touches no route (the VPN owns them).
# NAT64H_DNS_V6 (optional, either mode): the resolver the system resolver uses, written to /etc/resolv.conf with
# glibc's timeout 1 s and one attempt, so a silent resolver fails in about a second. Without it, in its own
# namespace the probe's resolv.conf is emptied (Docker's embedded DNS would forward out of our networks).
# Then it idles; the harness runs exchanges with `docker exec ... nat64h-probe`.
set -eu
. /usr/local/lib/nat64h/common.sh
if [ "${NAT64H_SHARED_NAMESPACE:-0}" != 1 ]; then
    : "${NAT64H_V6_ADDR:?}" "${NAT64H_ROUTER_V6:?}"
    dev=$(iface_of "$NAT64H_V6_ADDR" 20) || fail "no interface holds $NAT64H_V6_ADDR"
    drop_default_routes
    flush_ipv4_on "$dev"
    checksums_in_software "$dev"
    ip -6 route add "${NAT64H_PREFIX:-64:ff9b::/96}" via "$NAT64H_ROUTER_V6" dev "$dev"
fi
if [ -n "${NAT64H_DNS_V6:-}" ]; then
    # Docker bind-mounts resolv.conf: rewrite it in place, a rename cannot replace a mount point.
    printf 'nameserver %s\noptions timeout:1 attempts:1\n' "$NAT64H_DNS_V6" > /etc/resolv.conf
elif [ "${NAT64H_SHARED_NAMESPACE:-0}" != 1 ]; then
    printf '# no resolver given (NAT64H_DNS_V6)\n' > /etc/resolv.conf
fi
say "ready"
trap 'exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
