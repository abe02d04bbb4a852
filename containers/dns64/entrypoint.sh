#!/bin/sh
# DNS64 resolver (unbound, module-config "dns64 iterator") on the IPv6 access network. It has IPv6 only and
# reaches the IPv4-only authoritative server through the NAT64, at that server's prefix-mapped address, so
# its queries cross the translator. No recursion to the world: every name outside the two test zones is
# refused locally, no root hint is ever used. See README.md beside this file.
#   NAT64H_V6_ADDR         this resolver's address on the access network (it listens there, UDP and TCP 53)
#   NAT64H_ROUTER_V6       the NAT64 router's address on the access network: next hop for NAT64H_PREFIX
#   NAT64H_PREFIX          the network's NAT64 prefix (routing toward the authoritative server), default 64:ff9b::/96
#   NAT64H_AUTH_V6         the authoritative server as this resolver dials it: NAT64H_PREFIX + its IPv4 (RFC 6052)
#   NAT64H_DNS_CLIENTS     space-separated IPv6 networks allowed to query (access-control); all others refused
#   NAT64H_DNS64_PREFIX    optional, the prefix it synthesises with (dns64-prefix), default NAT64H_PREFIX;
#                          a different value makes a deliberately wrong DNS64
#   NAT64H_DNS64_IGNORE_AAAA  optional, space-separated names whose AAAA is ignored and synthesised from A
#                          (dns64-ignore-aaaa), default mapped.nat64h.test.; "none" for none
#   NAT64H_DNS64_SYNTHALL  optional, 1: dns64-synthall (a debug switch: every AAAA synthesised, real ones ignored,
#                          RFC 6147 §5.1.1 broken on purpose for the negative tests)
#   NAT64H_UPSTREAM_TCP    optional, 1: queries to the authoritative server over TCP (tcp-upstream)
#   NAT64H_ROUTES6         optional, space-separated "net,via" pairs: clients behind other hops (a VPN's tunnel)
#   NAT64H_READY_TIMEOUT   optional, seconds to wait for the first synthesised answer (default 20)
set -eu
. /usr/local/lib/nat64h/common.sh
prefix=${NAT64H_PREFIX:-64:ff9b::/96}
dns64_prefix=${NAT64H_DNS64_PREFIX:-$prefix}
ignore=${NAT64H_DNS64_IGNORE_AAAA:-mapped.nat64h.test.}
: "${NAT64H_V6_ADDR:?}" "${NAT64H_ROUTER_V6:?}" "${NAT64H_AUTH_V6:?}" "${NAT64H_DNS_CLIENTS:?}"

dev=$(iface_of "$NAT64H_V6_ADDR" 20) || fail "no interface holds $NAT64H_V6_ADDR"
drop_default_routes
flush_ipv4_on "$dev"
checksums_in_software "$dev"
ip -6 route add "$prefix" via "$NAT64H_ROUTER_V6" dev "$dev"
for r in ${NAT64H_ROUTES6:-}; do
    ip -6 route add "${r%%,*}" via "${r#*,}" dev "$dev"
done

conf=/etc/nat64h/unbound.conf
mkdir -p /etc/nat64h
{
    cat <<CONF
server:
    username: ""
    chroot: ""
    directory: /etc/nat64h
    pidfile: ""
    use-syslog: no
    logfile: ""
    verbosity: 1
    log-servfail: yes
    interface: $NAT64H_V6_ADDR
    interface: ::1
    outgoing-interface: $NAT64H_V6_ADDR
    port: 53
    do-ip4: no
    do-ip6: yes
    do-udp: yes
    do-tcp: yes
    tcp-upstream: $([ "${NAT64H_UPSTREAM_TCP:-0}" = 1 ] && echo yes || echo no)
    access-control: ::/0 refuse
    access-control: ::1/128 allow
CONF
    for c in $NAT64H_DNS_CLIENTS; do echo "    access-control: $c allow"; done
    cat <<CONF
    module-config: "dns64 iterator"
    dns64-prefix: $dns64_prefix
CONF
    [ "$ignore" = none ] || for n in $ignore; do echo "    dns64-ignore-aaaa: $n"; done
    [ "${NAT64H_DNS64_SYNTHALL:-0}" != 1 ] || echo "    dns64-synthall: yes"
    cat <<CONF
    # One query per resolution, straight to the authoritative server: predictable packets to judge.
    qname-minimisation: no
    # Nothing leaves for a name outside the two test zones: the root is refused locally, so no root hint
    # is ever queried. test. is one of unbound's default local zones (static NXDOMAIN): nat64h.test. is
    # opened as transparent, so its queries reach the stub below.
    local-zone: "." refuse
    local-zone: "nat64h.test." transparent
    local-zone: "ipv4only.arpa." transparent
    # The authoritative server is unreachable until the NAT64 is up (a Jool micro-VM boots for 5-18 s while this
    # resolver starts): keep probing it instead of marking it down, and cap the retransmission timeout, which
    # otherwise doubles with each unanswered query up to 120 s (measured: no answer within 60 s of the VM's boot).
    infra-keep-probing: yes
    infra-host-ttl: 30
    infra-cache-max-rtt: 2000
remote-control:
    control-enable: yes
    control-interface: /run/unbound.ctl
    control-use-cert: no
stub-zone:
    name: "nat64h.test."
    stub-addr: $NAT64H_AUTH_V6
stub-zone:
    name: "ipv4only.arpa."
    stub-addr: $NAT64H_AUTH_V6
CONF
} > "$conf"
out=$(unbound-checkconf "$conf" 2>&1) || fail "unbound.conf: $out"

unbound -d -c "$conf" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid"; exit 0' TERM INT

# Ready once the echo name (A only at the authoritative server) comes back with a synthesised AAAA: the
# listener works, the path through the NAT64 to the authoritative server works, dns64 synthesises.
timeout_s=${NAT64H_READY_TIMEOUT:-20}
start=$(date +%s)
while :; do
    kill -0 "$pid" 2>/dev/null || fail "unbound exited during start"
    [ $(($(date +%s) - start)) -lt "$timeout_s" ] ||
        fail "no AAAA for echo.nat64h.test. from $NAT64H_V6_ADDR in ${timeout_s}s (authoritative server $NAT64H_AUTH_V6 reached through the NAT64 via $NAT64H_ROUTER_V6?)"
    # A query before unbound listens would only time out.
    [ -n "$(ss -Hlnu "sport = :53")" ] || { sleep 0.1; continue; }
    aaaa=$(timeout 3 drill -Q -6 echo.nat64h.test. @"$NAT64H_V6_ADDR" AAAA 2>/dev/null | head -n 1 || true)
    [ -n "$aaaa" ] && break
    sleep 0.3
done
# The readiness query filled the cache: empty it, so the harness's first query crosses the NAT64 again.
unbound-control -c "$conf" flush_zone nat64h.test. >/dev/null
say "dns64 dns64-prefix=$dns64_prefix synthall=${NAT64H_DNS64_SYNTHALL:-0} upstream=$NAT64H_AUTH_V6 echo.nat64h.test. AAAA $aaaa dev=$dev"
say "ready"
wait "$pid"
