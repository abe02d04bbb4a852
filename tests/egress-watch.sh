#!/usr/bin/env bash
# Egress counted on the host, not probed: every bridge the harness makes is named n64h… (n64h<block>-v4, -v6, …).
# A packet the host routes from one of them to an interface that is not one of ours (the uplink, a default bridge,
# anything) has left our networks. "start" puts a chain NAT64H-EGRESS first in FORWARD (IPv4 and IPv6) that counts
# and drops every such packet, logging the first ones to the kernel log with the prefix "nat64h-egress: " (in and
# out interface, source, destination, protocol, ports, length); "check" prints the count and, when it is not zero,
# the logged packets, and fails; "stop" removes the chain.
# Bridged traffic inside one network (br_netfilter shows it as -i X -o X) and routing between two of our bridges
# are not egress and are not counted.
#
#   tests/egress-watch.sh start | check | stop     (root; .ci/run wraps the whole suite in start/check/stop)
#   tests/egress-watch.sh selftest                  (the negative: a container sends to an address of our own
#                                                   plan that nobody answers; the count must move, and the
#                                                   packet is dropped by the chain before it can leave)
set -euo pipefail
chain=NAT64H-EGRESS
ours=n64h+
logprefix="nat64h-egress: "

say() { echo "egress-watch: $*"; }

start() {
    for ipt in iptables ip6tables; do
        $ipt -N "$chain" 2>/dev/null || $ipt -F "$chain"
        # The log names each packet (rate-limited so a flood cannot fill the kernel log); the DROP counts them all.
        $ipt -A "$chain" -m limit --limit 20/second --limit-burst 50 -j LOG --log-prefix "$logprefix" --log-level warning
        $ipt -A "$chain" -j DROP
        $ipt -C FORWARD -i "$ours" ! -o "$ours" -j "$chain" 2>/dev/null || $ipt -I FORWARD 1 -i "$ours" ! -o "$ours" -j "$chain"
    done
    say "counting packets from $ours bridges to any other interface (IPv4 and IPv6), dropping them"
}

installed() {
    for ipt in iptables ip6tables; do
        $ipt -C FORWARD -i "$ours" ! -o "$ours" -j "$chain" 2>/dev/null || return 1
    done
}

count() { # packets counted by both families' DROP rules
    local total=0 n
    for ipt in iptables ip6tables; do
        n=$($ipt -L "$chain" -v -n -x | awk '$3 == "DROP" { print $1 }')
        total=$((total + ${n:-0}))
    done
    echo "$total"
}

check() {
    installed || { echo "egress-watch: the $chain chain is not installed: nothing was counted (run start first)" >&2; exit 2; }
    local n
    n=$(count)
    if [ "$n" -gt 0 ]; then
        echo "egress-watch: $n packet(s) left our networks (routed from an $ours bridge to another interface):" >&2
        iptables -L "$chain" -v -n -x >&2; ip6tables -L "$chain" -v -n -x >&2
        echo "egress-watch: the packets as the kernel logged them (the last 50; IN/OUT are the interfaces):" >&2
        dmesg 2>/dev/null | grep -F "$logprefix" | tail -n 50 >&2 || echo "egress-watch: (the kernel log is not readable here)" >&2
        exit 1
    fi
    say "0 packets left our networks"
}

stop() {
    for ipt in iptables ip6tables; do
        while $ipt -D FORWARD -i "$ours" ! -o "$ours" -j "$chain" 2>/dev/null; do :; done
        $ipt -F "$chain" 2>/dev/null || true
        $ipt -X "$chain" 2>/dev/null || true
    done
}

# A hand-made internal IPv6 network in block 206 (2001:db8:ce::/64, bridge n64hr206) and one container on it
# that routes 2001:db8:ce:99::/64 (inside our plan, answered by nobody) to the host and sends one UDP datagram
# there. The host's only route for it is its default one, so the chain sees it leave: the count must rise by
# at least one. The chain is checked to be in place before anything is sent, and drops the datagram.
selftest() {
    local net=nat64h-rel-egress image before after
    image=$(docker images nat64harness/probe --format '{{.Repository}}:{{.Tag}}' | head -1)
    [ -n "$image" ] || { echo "egress-watch: no nat64harness/probe image to send from (run any Docker test first)" >&2; exit 2; }
    start
    trap 'docker rm -f nat64h-rel-egress-sender >/dev/null 2>&1 || true; docker network rm '"$net"' >/dev/null 2>&1 || true; stop' EXIT
    docker network create --internal --ipv6 --subnet 100.65.206.0/24 --subnet 2001:db8:ce::/64 \
        -o com.docker.network.bridge.inhibit_ipv4=true -o com.docker.network.bridge.name=n64hr206 \
        --label nat64h.dev=reliability "$net" >/dev/null
    # The host answers for the gateway only once its address has passed duplicate address detection.
    for _ in $(seq 50); do ip -6 addr show dev n64hr206 | grep -q tentative || break; sleep 0.1; done
    installed || { echo "egress-watch: chain missing: refusing to send" >&2; exit 2; }
    before=$(count)
    docker run --rm --name nat64h-rel-egress-sender --network "$net" --cap-add NET_ADMIN --label nat64h.dev=reliability \
        --sysctl net.ipv6.conf.all.disable_ipv6=0 --entrypoint sh "$image" -c '
        ip route del default 2>/dev/null; ip -6 route del default 2>/dev/null
        ip -6 route add 2001:db8:ce:99::/64 via 2001:db8:ce::1
        # The host answers for the gateway only once its bridge address has passed duplicate address detection, which
        # starts when this container attaches: knock until the gateway neighbour resolves (10 s at most), then send 3.
        python3 -c "
import socket, subprocess, time
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
dst = (\"2001:db8:ce:99::1\", 9)
deadline = time.time() + 10
while time.time() < deadline:
    s.sendto(b\"nat64h egress selftest knock\", dst)
    state = subprocess.run([\"ip\", \"-6\", \"neigh\", \"show\", \"2001:db8:ce::1\"], capture_output=True, text=True).stdout
    if any(k in state for k in (\"REACHABLE\", \"STALE\", \"DELAY\", \"PROBE\")):
        break
    time.sleep(0.2)
for _ in range(3):
    s.sendto(b\"nat64h egress selftest\", dst)
"
        sleep 1  # let the datagrams go before the namespace does'

    after=$(count)
    if [ "$after" -le "$before" ]; then
        echo "egress-watch: selftest FAILED: 3 datagrams routed out of n64hr206 and the count stayed at $after" >&2
        exit 1
    fi
    say "selftest: the count rose from $before to $after when a container sent out of our networks"
}

case "${1:-}" in
    start) start ;;
    check) check ;;
    stop) stop ;;
    selftest) selftest ;;
    *) echo "usage: $0 start|check|stop|selftest" >&2; exit 2 ;;
esac
