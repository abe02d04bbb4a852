#!/bin/bash
# Manual end-to-end check of the Jool router image (not used by the harness): probe -> Jool VM -> echo on two
# internal Docker networks of block N, then TCP/UDP/ICMP exchanges, a 50 MiB transfer and the BIB.
#   smoke.sh <jool image> <echo image> <probe image> [block N, default 252] [name prefix, default jooldev]
# Creates <prefix>-v4/-v6 networks and <prefix>-router/-echo/-probe containers, labelled nat64h.dev=jool,
# and removes them at exit. Docker 20.10: the second network is attached between create and start.
set -eu
img=$1 echo_img=$2 probe_img=$3 n=${4:-252} p=${5:-jooldev}
label="--label nat64h.dev=jool"
v6net=2001:db8:$(printf '%x' "$n")::
router_v6=${v6net}3 router_v4=100.64.$n.3 pool=100.64.$n.128/26
cleanup() {
    docker rm -f "$p-router" "$p-echo" "$p-probe" >/dev/null 2>&1 || true
    [ "${KEEP_NETS:-0}" = 1 ] || docker network rm "$p-v4" "$p-v6" >/dev/null 2>&1 || true
}
trap cleanup EXIT
if ! docker network inspect "$p-v4" >/dev/null 2>&1; then
    docker network create --internal -o com.docker.network.bridge.inhibit_ipv4=true $label \
        --subnet 100.64.$n.0/24 --ip-range 100.64.$n.0/26 --gateway 100.64.$n.1 "$p-v4" >/dev/null
fi
if ! docker network inspect "$p-v6" >/dev/null 2>&1; then
    docker network create --internal -o com.docker.network.bridge.inhibit_ipv4=true $label --ipv6 \
        --subnet 100.65.$n.0/24 --gateway 100.65.$n.1 --subnet "${v6net}/64" --gateway "${v6net}1" "$p-v6" >/dev/null
fi

docker create --name "$p-router" $label --init --cap-add NET_ADMIN --device /dev/net/tun \
    --sysctl net.ipv6.conf.all.disable_ipv6=0 --sysctl net.ipv6.conf.default.disable_ipv6=0 \
    --sysctl net.ipv4.ip_forward=1 --sysctl net.ipv6.conf.all.forwarding=1 \
    -e NAT64H_V6_ADDR="$router_v6" -e NAT64H_V4_ADDR="$router_v4" -e NAT64H_POOL4="$pool" \
    -e NAT64H_TAYGA_V4=100.64.$n.129 ${NAT64H_PREFIX:+-e NAT64H_PREFIX=$NAT64H_PREFIX} ${NAT64H_JOOL_APPEND:+-e NAT64H_JOOL_APPEND="$NAT64H_JOOL_APPEND"} ${NAT64H_ROUTES6:+-e NAT64H_ROUTES6="$NAT64H_ROUTES6"} ${NAT64H_JOOL_OFFLOADS:+-e NAT64H_JOOL_OFFLOADS=$NAT64H_JOOL_OFFLOADS} \
    --network "$p-v6" --ip6 "$router_v6" "$img" >/dev/null
docker network connect --ip "$router_v4" "$p-v4" "$p-router"
# ECHO_ROUTES_POOL=0: the echo server has no route for the pool and must find it by ARP (the router's proxy ARP).
echo_pool=(-e NAT64H_POOL4="$pool" -e NAT64H_POOL4_VIA="$router_v4")
[ "${ECHO_ROUTES_POOL:-1}" = 1 ] || echo_pool=()
docker create --name "$p-echo" $label --init --cap-add NET_ADMIN --sysctl net.ipv6.conf.all.disable_ipv6=1 \
    -e NAT64H_V4_ADDR=100.64.$n.10 "${echo_pool[@]}" \
    --network "$p-v4" --ip 100.64.$n.10 "$echo_img" >/dev/null
docker create --name "$p-probe" $label --init --cap-add NET_ADMIN \
    --sysctl net.ipv6.conf.all.disable_ipv6=0 --sysctl net.ipv6.conf.default.disable_ipv6=0 \
    -e NAT64H_V6_ADDR="${v6net}20" -e NAT64H_ROUTER_V6="$router_v6" ${NAT64H_PREFIX:+-e NAT64H_PREFIX=$NAT64H_PREFIX} \
    --network "$p-v6" --ip6 "${v6net}20" "$probe_img" >/dev/null

t0=$(date +%s.%N)
docker start "$p-router" >/dev/null
until docker logs "$p-router" 2>&1 | grep -q 'nat64h: \(ready\|failed\)'; do sleep 0.1; done
t1=$(date +%s.%N)
docker logs "$p-router" 2>&1
docker logs "$p-router" 2>&1 | grep -q 'nat64h: ready' || exit 1
echo "ready after $(echo "$t1 - $t0" | bc) s (docker start -> nat64h: ready)"
docker start "$p-echo" "$p-probe" >/dev/null
for c in echo probe; do
    until docker logs "$p-$c" 2>&1 | grep -q 'nat64h: \(ready\|failed\)\|Traceback\|listening'; do sleep 0.1; done
done
sleep 1
# TARGET: the echo server's address under NAT64H_PREFIX (RFC 6052), default under 64:ff9b::/96.
target=${TARGET:-64:ff9b::6440:$(printf '%x' "$n")0a}
probe() { docker exec "$p-probe" nat64h-probe "$@" --target "$target"; }
probe tcp --size 1000
probe udp --count 3
probe icmp --count 3
s=$(date +%s.%N); probe tcp --size 52428800 --timeout 300; e=$(date +%s.%N)
echo "50 MiB each way: $(echo "$e - $s" | bc) s (docker exec included)"
docker exec "$p-router" nat64h-jool-bib
docker exec "$p-router" sh -c 'ip -br link; ip -br addr'
# MTU scenario: a 1500-byte IPv6 packet becomes a 1480-byte IPv4 one; with the VM's IPv4 MTU at 1400 the
# router must answer with Packet Too Big instead of forwarding it.
docker exec "$p-router" nat64h-jool-mtu v4 1400 && echo "v4 MTU 1400"
probe udp --size 1452 --timeout 2 || true
docker exec "$p-router" nat64h-jool-mtu v4 1500 && echo "v4 MTU 1500"
probe udp --size 1452 --timeout 2
docker exec "$p-router" sh -c 'ip -4 route; ip -6 route; tail -n 3 /run/nat64h/console.log'
if [ "${HOLD:-0}" = 1 ]; then echo "holding; Ctrl-C to clean up"; sleep infinity; fi
s=$(date +%s.%N); docker stop "$p-router" >/dev/null; e=$(date +%s.%N)
echo "docker stop: $(echo "$e - $s" | bc) s, exit code $(docker inspect -f '{{.State.ExitCode}}' "$p-router")"
