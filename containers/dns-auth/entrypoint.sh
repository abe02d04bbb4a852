#!/bin/sh
# IPv4-only authoritative DNS server (NSD) for the test zone nat64h.test. and for ipv4only.arpa.
# The harness gives every address; the zone is written from them at start (README.md beside this file).
#   NAT64H_V4_ADDR      this server's address on the IPv4-only network (UDP and TCP port 53, IPv4 only)
#   NAT64H_ECHO_V4      the IPv4-only echo server: A of echo., dual., mapped. (and of the CNAME chain's end)
#   NAT64H_DUAL_AAAA    the real AAAA of dual.nat64h.test. (a DNS64 must return it unsynthesised)
#   NAT64H_POOL4        optional, with NAT64H_POOL4_VIA: route to the NAT64 pool via the router, as the echo
#   NAT64H_POOL4_VIA    server has (the DNS64 resolver's queries arrive from a pool address)
set -eu
. /usr/local/lib/nat64h/common.sh
: "${NAT64H_V4_ADDR:?}" "${NAT64H_ECHO_V4:?}" "${NAT64H_DUAL_AAAA:?}"

dev=$(iface_of "$NAT64H_V4_ADDR" 20) || fail "no interface holds $NAT64H_V4_ADDR"
checksums_in_software "$dev"
drop_default_routes
if [ -n "${NAT64H_POOL4:-}" ]; then
    ip route add "$NAT64H_POOL4" via "${NAT64H_POOL4_VIA:?}" dev "$dev"
fi
# IPv4 only: NSD listens on no IPv6 socket (do-ip6: no), and the container must hold no IPv6 address but
# loopback's (run it with net.ipv6.conf.all.disable_ipv6=1, or on a network without IPv6).
v6=$(ip -6 -o addr show scope global; ip -6 -o addr show scope link)
[ -z "$v6" ] || fail "IPv6 address present, this server must be IPv4-only: $v6"

zones=/etc/nat64h/zones
mkdir -p "$zones" /var/lib/nsd
# TTLs differ on purpose: the synthesised AAAA's TTL shows whether a DNS64 takes the A's TTL (300) or,
# as RFC 6147 §5.1.7 recommends, the smaller negative-caching TTL of the SOA (60).
cat > "$zones/nat64h.test.zone" <<ZONE
\$ORIGIN nat64h.test.
\$TTL 300
@       3600 IN SOA ns.nat64h.test. hostmaster.nat64h.test. 1 3600 600 86400 60
@       3600 IN NS  ns
ns           IN A    $NAT64H_V4_ADDR
; A only: a DNS64 synthesises its AAAA from the A (RFC 6147 §5.1.6, §5.1.7)
echo         IN A    $NAT64H_ECHO_V4
; A and AAAA: the real AAAA comes back, nothing synthesised (RFC 6147 §5.1.1)
dual         IN A    $NAT64H_ECHO_V4
dual         IN AAAA $NAT64H_DUAL_AAAA
; only AAAA is IPv4-mapped (::ffff:0:0/96, excluded by default, RFC 6147 §5.1.4): treated as no AAAA
mapped       IN A    $NAT64H_ECHO_V4
mapped       IN AAAA ::ffff:$NAT64H_ECHO_V4
; CNAME chain to an A-only name: the chain is kept, the AAAA synthesised for its end (RFC 6147 §5.1.5)
alias        IN CNAME alias2
alias2       IN CNAME echo
ZONE
cat > "$zones/ipv4only.arpa.zone" <<ZONE
\$ORIGIN ipv4only.arpa.
\$TTL 300
@       3600 IN SOA ns.nat64h.test. hostmaster.nat64h.test. 1 3600 600 86400 60
@       3600 IN NS  ns.nat64h.test.
; RFC 7050 §2.2: the well-known IPv4-only name and its two addresses
@            IN A    192.0.0.170
@            IN A    192.0.0.171
ZONE

cat > /etc/nat64h/nsd.conf <<CONF
server:
    ip-address: $NAT64H_V4_ADDR
    port: 53
    do-ip4: yes
    do-ip6: no
    server-count: 1
    username: ""
    database: ""
    zonelistfile: /var/lib/nsd/zone.list
    xfrdfile: /var/lib/nsd/xfrd.state
    pidfile: /run/nsd.pid
    zonesdir: $zones
    hide-version: yes
    refuse-any: yes
    verbosity: 1
remote-control:
    control-enable: no
zone:
    name: nat64h.test.
    zonefile: nat64h.test.zone
zone:
    name: ipv4only.arpa.
    zonefile: ipv4only.arpa.zone
CONF

for z in nat64h.test ipv4only.arpa; do
    out=$(nsd-checkzone "$z." "$zones/$z.zone" 2>&1) || fail "zone $z: $out"
done
out=$(nsd-checkconf /etc/nat64h/nsd.conf 2>&1) || fail "nsd.conf: $out"

nsd -d -c /etc/nat64h/nsd.conf &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid"; exit 0' TERM INT

# Ready once it answers the echo name's A over UDP and over TCP on its own address. Queries wait for both
# listening sockets: a query sent before would only time out.
i=0
while :; do
    kill -0 "$pid" 2>/dev/null || fail "nsd exited during start"
    if [ -z "$(ss -Hlnu "sport = :53")" ] || [ -z "$(ss -Hlnt "sport = :53")" ]; then
        i=$((i + 1)); [ "$i" -lt 100 ] || fail "nsd does not listen on $NAT64H_V4_ADDR:53 (udp and tcp) after 10 s"
        sleep 0.1; continue
    fi
    udp=$(timeout 2 drill -Q -4 -u echo.nat64h.test. @"$NAT64H_V4_ADDR" A 2>/dev/null || true)
    tcp=$(timeout 2 drill -Q -4 -t echo.nat64h.test. @"$NAT64H_V4_ADDR" A 2>/dev/null || true)
    [ "$udp" = "$NAT64H_ECHO_V4" ] && [ "$tcp" = "$NAT64H_ECHO_V4" ] && break
    i=$((i + 1)); [ "$i" -lt 50 ] || fail "nsd does not answer echo.nat64h.test. A on $NAT64H_V4_ADDR (udp '$udp', tcp '$tcp')"
    sleep 0.2
done
say "dns-auth zones nat64h.test. ipv4only.arpa. on $NAT64H_V4_ADDR:53 (udp, tcp) dev=$dev"
say "ready"
wait "$pid"
