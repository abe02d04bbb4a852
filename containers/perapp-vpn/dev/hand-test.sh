#!/usr/bin/env bash
# Hand test of the per-app VPN on a private Docker network (not used by the harness).
# Usage: dev/hand-test.sh [fault] [quick]   (after ./build-image.sh appdev-perapp-vpn:dev)
# "quick" runs only the basic exchanges (for faults, whose point is that some of them fail).
# Creates appdev-* resources labelled nat64h.dev=perapp and removes them on exit.
set -u
FAULT=${1:-none}
MODE=${2:-full}
MTU=${MTU:-1500}
BASE_IMAGE=${BASE_IMAGE:-nat64harness/base:bookworm}
VPN_IMAGE=${VPN_IMAGE:-appdev-perapp-vpn:dev}
TOOLS_IMAGE=appdev-perapp-tools:dev
LABEL=(--label nat64h.dev=perapp)
NET=appdev-v6 VPN=appdev-vpn TARGET=appdev-target
TARGET_V6=64:ff9b::6440:a # RFC 6052 /96 form of 100.64.0.10
here=$(cd "$(dirname "$0")" && pwd)

cleanup() {
    docker rm -f "$VPN" "$TARGET" >/dev/null 2>&1
    docker network rm "$NET" >/dev/null 2>&1
}
trap cleanup EXIT
cleanup

docker build -q --network host --build-arg "BASE_IMAGE=$BASE_IMAGE" "${LABEL[@]}" -t "$TOOLS_IMAGE" -f "$here/Dockerfile.tools" "$here" >/dev/null 2>&1
docker network create "${LABEL[@]}" --ipv6 --subnet 100.65.251.0/24 --subnet 2001:db8:fb::/64 \
    --internal -o com.docker.network.bridge.inhibit_ipv4=true "$NET" >/dev/null
docker run -d "${LABEL[@]}" --name "$TARGET" --network "$NET" --ip6 2001:db8:fb::10 --cap-add NET_ADMIN \
    -e TARGET_V6="$TARGET_V6" "$TOOLS_IMAGE" echo-target >/dev/null
docker run -d "${LABEL[@]}" --name "$VPN" --network "$NET" --ip6 2001:db8:fb::2 \
    --cap-add NET_ADMIN --device /dev/net/tun --sysctl net.ipv6.conf.default.disable_ipv6=0 \
    -e NAT64H_PREFIX=64:ff9b::/96 -e NAT64H_ROUTER_V6=2001:db8:fb::10 -e NAT64H_TUNNEL_MTU="$MTU" \
    -e NAT64H_ECHO_V4_NET=100.64.0.0/24 -e NAT64H_FAULT="$FAULT" "$VPN_IMAGE" >/dev/null

for _ in $(seq 1 200); do
    docker logs "$VPN" 2>&1 | grep -q 'nat64h: \(ready\|failed\)' && break
    sleep 0.05
done
docker logs "$VPN"
started=$(date -d "$(docker inspect -f '{{.State.StartedAt}}' "$VPN")" +%s%N)
ready=$(date -d "$(docker logs -t "$VPN" 2>&1 | grep 'nat64h: ready' | cut -d' ' -f1)" +%s%N)
echo "MEASURED ready: $(( (ready - started) / 1000000 )) ms after container start"
for _ in $(seq 1 600); do docker logs "$TARGET" 2>&1 | grep -q 'target: ready' && break; sleep 0.1; done
docker logs "$TARGET" 2>&1 | grep -q 'target: ready' || { echo "FAIL echo target not ready after 60 s"; exit 1; }

run_as() { docker run --rm "${LABEL[@]}" --network "container:$VPN" -u "$1:$1" "$TOOLS_IMAGE" bash -c "$2"; }
counter() { local v; v=$(docker exec "$VPN" cat /run/nat64h/vpn-stats.json | grep "\"$1\"" | tr -dc 0-9); echo "${v:-0}"; }
check() { if [ "$2" = "$3" ]; then echo "PASS $1"; else echo "FAIL $1: expected '$3', got '$2'"; fi; }

check "uid 1000 ping -6 $TARGET_V6" "$(run_as 1000 "ping -6 -c 3 -W 2 $TARGET_V6 | grep -c 'bytes from'")" 3
check "uid 1000 TCP echo over IPv6" "$(run_as 1000 "echo hello-tcp6 | timeout 10 socat -t 3 - TCP6:[$TARGET_V6]:7")" hello-tcp6
check "uid 1000 UDP echo over IPv6" "$(run_as 1000 "echo hello-udp6 | timeout 10 socat -t 3 - UDP6:[$TARGET_V6]:7")" hello-udp6
check "uid 1000 ping -6 of a full-MTU packet ($MTU bytes)" "$(run_as 1000 "ping -6 -c 2 -W 2 -s $((MTU - 48)) $TARGET_V6 | grep -c 'bytes from'")" 2
check "uid 1000 TCP to a closed port is refused (upstream RST becomes an RST to the app)" \
    "$(run_as 1000 "timeout 10 socat -T 5 - TCP6:[$TARGET_V6]:9 </dev/null 2>&1 | grep -c 'Connection refused'")" 1
check "uid 1000 TCP MSS announced by the VPN is TUN MTU - 60" \
    "$(run_as 1000 "(sleep 1 | socat - TCP6:[$TARGET_V6]:7 >/dev/null &) ; sleep 0.5; ss -Htni src [2001:db8:0:77::2] dst [$TARGET_V6] | grep -ow 'mss:[0-9]*' | head -1")" "mss:$((MTU - 60))"
check "uid 1000 TCP echo over IPv4 (VPN maps into the prefix)" "$(run_as 1000 "echo hello-tcp4 | timeout 10 socat -t 3 - TCP4:100.64.0.10:7")" hello-tcp4

sleep 2.5 # let earlier flows finish and the status file (rewritten every 2 s) catch up
app_packets() { # one read of the status file, so the numbers are from the same instant
    docker exec "$VPN" cat /run/nat64h/vpn-stats.json | awk -F'[:,]' '
        /"TunPacketsIn"/ { p = $2 } /"IcmpNotEchoRequest"/ { i = $2 } /"TcpSessionsOpened"/ { t = $2 } /"EchoSessionsOpened"/ { e = $2 }
        END { printf "%d/%d/%d\n", p - i, t, e }'
}
before=$(app_packets)
other=$(run_as 1001 "ping -6 -c 3 -W 2 $TARGET_V6 | grep -c 'bytes from'; echo bypass | timeout 10 socat -t 3 - TCP6:[$TARGET_V6]:7")
sleep 2.5 # the status file is rewritten every 2 s
after=$(app_packets)
echo "uid 1001 (bypasses the VPN, reaches the target directly): $(echo "$other" | tr '\n' ' ')"
# The kernel's own router solicitations and MLD reports on the TUN are counted as IcmpNotEchoRequest, not app traffic.
check "uid 1001 traffic does not enter the TUN (TunPacketsIn-IcmpNotEchoRequest/TcpSessionsOpened/EchoSessionsOpened unchanged)" "$after" "$before"

if [ "$MODE" = quick ]; then
    check "uid 1000 TCP close completes (no socket left in FIN-WAIT-1 after 2 s)" \
        "$(run_as 1000 "echo fin | timeout 5 socat -t 1 - TCP6:[$TARGET_V6]:7 >/dev/null; sleep 2; ss -Htn state fin-wait-1 | wc -l")" 0
    check "uid 1000 ping -6 went through the TUN (EchoSessionsOpened > 0)" "$([ "$(counter EchoSessionsOpened)" -gt 0 ] && echo yes || echo no)" yes
    echo "ping -6 as seen by the app: $(run_as 1000 "ping -6 -c 1 -W 2 $TARGET_V6 | grep 'bytes from'")"
    docker kill -s USR1 "$VPN" >/dev/null; sleep 0.5
    docker logs "$VPN" 2>&1 | grep 'nat64h: stats' | tail -1 | grep -o '"drops": {[^}]*}'
    exit 0
fi

check "120 concurrent TCP + 120 concurrent UDP echo flows" "$(run_as 1000 "
    for i in \$(seq 1 120); do
        ( [ \"\$(echo tcp-\$i | timeout 30 socat -t 5 - TCP6:[$TARGET_V6]:7)\" = tcp-\$i ] && touch /tmp/t\$i ) &
        ( [ \"\$(echo udp-\$i | timeout 30 socat -t 5 - UDP6:[$TARGET_V6]:7)\" = udp-\$i ] && touch /tmp/u\$i ) &
    done; wait; echo \$(ls /tmp/t* 2>/dev/null | wc -l)/\$(ls /tmp/u* 2>/dev/null | wc -l)")" 120/120

concurrent=$(run_as 1000 "
    head -c 4194304 /dev/urandom > /tmp/blob; want=\$(sha256sum < /tmp/blob); s=\$(date +%s%N)
    for i in \$(seq 1 200); do
        ( [ \"\$(timeout 120 socat -t 60 - TCP6:[$TARGET_V6]:7 < /tmp/blob | sha256sum)\" = \"\$want\" ] && touch /tmp/t\$i ) &
    done; wait; e=\$(date +%s%N); echo \$(ls /tmp/t* 2>/dev/null | wc -l) \$(( (e - s) / 1000000 ))")
check "200 concurrent 4 MiB TCP echoes (sha256 of each echo)" "${concurrent% *}" 200
echo "MEASURED 200 x 4 MiB echoes (1.6 GB through the VPN): ${concurrent#* } ms"

bulk=$(run_as 1000 "
    head -c 52428800 /dev/urandom > /tmp/up; echo up=\$(sha256sum < /tmp/up | cut -c1-64)
    s=\$(date +%s%N); timeout 300 socat -u OPEN:/tmp/up TCP6:[$TARGET_V6]:9000; e=\$(date +%s%N); echo up_ms=\$(( (e - s) / 1000000 ))
    s=\$(date +%s%N); echo down=\$(timeout 300 socat -u TCP6:[$TARGET_V6]:9001 - | sha256sum | cut -c1-64); e=\$(date +%s%N); echo down_ms=\$(( (e - s) / 1000000 ))")
sleep 1
echo "$bulk"
check "50 MiB upload sha256" "$(echo "$bulk" | sed -n 's/^up=//p')" "$(docker exec "$TARGET" sh -c 'tail -1 /upload.sha256 | cut -c1-64')"
check "50 MiB download sha256" "$(echo "$bulk" | sed -n 's/^down=//p')" "$(docker exec "$TARGET" cat /blob.sha256)"
echo "MEASURED 50 MiB upload: $(echo "$bulk" | sed -n 's/^up_ms=//p') ms, download: $(echo "$bulk" | sed -n 's/^down_ms=//p') ms"

docker kill -s USR1 "$VPN" >/dev/null
sleep 0.5
docker logs "$VPN" 2>&1 | grep 'nat64h: stats' | tail -1 | cut -c1-2000
docker exec "$VPN" ip -s link show nat64h0 | sed -n '/TX:/,$p' 
