#!/bin/sh
# WireGuard server or client for Nat64Harness (contract: ../vpn-contract.md).
# Runs wireguard-go + `wg setconf` + `ip` directly (no wg-quick): every route is ours.
# shellcheck disable=SC2317  # stop() is reached through trap only
set -eu

WG_IF=wg0                       # the device we create; existing devices are found by address
PORT=${NAT64H_WG_PORT:-51820}
MTU=${NAT64H_TUNNEL_MTU:-1420}  # wireguard-go's own default: 1500 - 20 (IPv4) - 8 (UDP) - 32 (WireGuard) - 20 spare
READY_TIMEOUT=${NAT64H_READY_TIMEOUT:-30}
STATE=/run/nat64h
WG_PID=
LOG_TAG=nat64h-wireguard
. /usr/local/lib/nat64h/common.sh   # say, fail, need, if_by_addr, drop_default_routes, find_underlay, check_tun

stop() { if [ -n "$WG_PID" ]; then kill "$WG_PID" 2>/dev/null || true; WG_PID=; fi; }
trap stop EXIT
trap 'stop; exit 0' TERM INT

start_wireguard_go() {
    check_tun "$WG_IF"
    WG_PROCESS_FOREGROUND=1 wireguard-go -f "$WG_IF" &
    WG_PID=$!
    i=0
    until [ -S "/var/run/wireguard/$WG_IF.sock" ]; do
        kill -0 "$WG_PID" 2>/dev/null || { WG_PID=; fail "wireguard-go exited at start"; }
        i=$((i + 1)); [ $i -le 100 ] || fail "wireguard-go socket did not appear"
        sleep 0.05
    done
}

# wg0 up with our tunnel address; the tunnel net becomes a connected route.
tunnel_up() { # conf-file
    wg setconf "$WG_IF" "$1"
    ip link set dev "$WG_IF" mtu "$MTU" up
    ip -6 addr add "$NAT64H_TUNNEL_ADDR/${NAT64H_TUNNEL_V6_NET#*/}" dev "$WG_IF" nodad
}

server() {
    need NAT64H_ACCESS_V6_ADDR NAT64H_ROUTER_V6
    [ "$(cat /proc/sys/net/ipv6/conf/all/forwarding)" = 1 ] || fail "needs sysctl net.ipv6.conf.all.forwarding=1"
    drop_default_routes
    find_underlay
    acc=$(if_by_addr 6 "$NAT64H_ACCESS_V6_ADDR")
    [ -n "$acc" ] || fail "no interface holds NAT64H_ACCESS_V6_ADDR=$NAT64H_ACCESS_V6_ADDR"
    [ "$acc" != "$ul" ] || fail "underlay and access share interface $acc"
    ip -4 addr flush dev "$acc"      # Docker's mandatory IPv4 on the access net is not ours to use

    # Fresh keys for both sides on every run.
    mkdir -p "$STATE"; chmod 700 "$STATE"; umask 077
    srv_key=$(wg genkey); cli_key=$(wg genkey)
    srv_pub=$(echo "$srv_key" | wg pubkey); cli_pub=$(echo "$cli_key" | wg pubkey)
    # What the client accepts from the tunnel: every source a reply or an ICMPv6 error can have.
    # NAT64H_PREFIX: answers, and errors from the NAT64 (Tayga speaks from a prefix address);
    # the tunnel net: errors from this server (it answers from its tunnel address);
    # NAT64H_ROUTER_V6/128: errors from the router's kernel (hop limit expiring before the NAT64).
    # Not ::/0: anything else arriving through the tunnel is a bug the harness must see dropped.
    allowed="$NAT64H_PREFIX,$NAT64H_TUNNEL_V6_NET,$NAT64H_ROUTER_V6/128"
    # NAT64H_DNS_V6/128: the network's resolver, reached through the tunnel; its answers come from there.
    [ -z "${NAT64H_DNS_V6:-}" ] || allowed="$allowed,$NAT64H_DNS_V6/128"
    cat > "$STATE/client.env.tmp" <<ENV
NAT64H_WG_CLIENT_PRIVATE_KEY=$cli_key
NAT64H_WG_SERVER_PUBLIC_KEY=$srv_pub
NAT64H_WG_PORT=$PORT
NAT64H_WG_CLIENT_ALLOWED_IPS=$allowed
ENV
    mv "$STATE/client.env.tmp" "$STATE/client.env"

    start_wireguard_go
    cat > "$STATE/$WG_IF.conf" <<CONF
[Interface]
PrivateKey = $srv_key
ListenPort = $PORT

[Peer]
PublicKey = $cli_pub
AllowedIPs = $NAT64H_PEER_TUNNEL_ADDR/128
Endpoint = $NAT64H_PEER_UNDERLAY_ADDR:$PORT
CONF
    tunnel_up "$STATE/$WG_IF.conf"
    ip -6 route add "$NAT64H_PREFIX" via "$NAT64H_ROUTER_V6" dev "$acc"
    say "server $NAT64H_TUNNEL_ADDR on $WG_IF (mtu $MTU), underlay $ul $NAT64H_UNDERLAY_ADDR:$PORT, $NAT64H_PREFIX via $NAT64H_ROUTER_V6 on $acc"
}

client() {
    need NAT64H_WG_CLIENT_PRIVATE_KEY NAT64H_WG_SERVER_PUBLIC_KEY NAT64H_WG_CLIENT_ALLOWED_IPS
    drop_default_routes
    find_underlay
    mkdir -p "$STATE"; chmod 700 "$STATE"; umask 077
    start_wireguard_go
    cat > "$STATE/$WG_IF.conf" <<CONF
[Interface]
PrivateKey = $NAT64H_WG_CLIENT_PRIVATE_KEY
ListenPort = $PORT

[Peer]
PublicKey = $NAT64H_WG_SERVER_PUBLIC_KEY
AllowedIPs = $NAT64H_WG_CLIENT_ALLOWED_IPS
Endpoint = $NAT64H_PEER_UNDERLAY_ADDR:$PORT
PersistentKeepalive = 25
CONF
    tunnel_up "$STATE/$WG_IF.conf"
    # Route into the tunnel what it may carry back (the tunnel net is already connected).
    for net in $(echo "$NAT64H_WG_CLIENT_ALLOWED_IPS" | tr ',' ' '); do
        [ "$net" = "$NAT64H_TUNNEL_V6_NET" ] || ip -6 route replace "$net" dev "$WG_IF"
    done
    # Ready only once the server's tunnel address answers through the tunnel (first packet = handshake).
    deadline=$(($(date +%s) + READY_TIMEOUT))
    until ping -6 -c 1 -W 0.5 -q -I "$WG_IF" "$NAT64H_PEER_TUNNEL_ADDR" >/dev/null 2>&1; do
        [ "$(date +%s)" -lt "$deadline" ] || fail "server $NAT64H_PEER_TUNNEL_ADDR not reached through $WG_IF in ${READY_TIMEOUT}s"
        sleep 0.2
    done
    say "client $NAT64H_TUNNEL_ADDR on $WG_IF (mtu $MTU), underlay $ul -> $NAT64H_PEER_UNDERLAY_ADDR:$PORT, routes: $NAT64H_WG_CLIENT_ALLOWED_IPS"
}

need NAT64H_ROLE NAT64H_PREFIX NAT64H_UNDERLAY_ADDR NAT64H_PEER_UNDERLAY_ADDR \
     NAT64H_TUNNEL_V6_NET NAT64H_TUNNEL_ADDR NAT64H_PEER_TUNNEL_ADDR
case "$NAT64H_ROLE" in
    server) server ;;
    client) client ;;
    *) fail "NAT64H_ROLE must be server or client, not '$NAT64H_ROLE'" ;;
esac
# The MTU the tunnel carries (its device's), declared for the harness (vpn-contract.md, "Declared MTU").
echo "nat64h: ready mtu=$MTU"
wait "$WG_PID" || true
WG_PID=
fail "wireguard-go exited"
