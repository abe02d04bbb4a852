#!/bin/sh
# OpenVPN 2.6 server or client for Nat64Harness (contract: ../vpn-contract.md).
# Point-to-point TLS mode: one server, one client, fixed tunnel addresses from the
# environment; certificates are self-signed per run and pinned with peer-fingerprint.
# shellcheck disable=SC2317  # functions reached through trap and wait_tunnel look unreachable to it
set -eu

TUN_IF=tun-nat64h               # the device OpenVPN creates; existing devices are found by address
PORT=${NAT64H_OVPN_PORT:-1194}
MTU=${NAT64H_TUNNEL_MTU:-1420}  # 1420 + 24 (AEAD data channel) + 8 (UDP) + 20 (IPv4) = 1472 <= 1500: never fragments the underlay
READY_TIMEOUT=${NAT64H_READY_TIMEOUT:-30}
STATE=/run/nat64h
OVPN_PID=
LOG_TAG=nat64h-openvpn
. /usr/local/lib/nat64h/common.sh   # say, fail, need, if_by_addr, drop_default_routes, find_underlay, check_tun

stop() { if [ -n "$OVPN_PID" ]; then kill "$OVPN_PID" 2>/dev/null || true; OVPN_PID=; fi; }
trap stop EXIT
trap 'stop; exit 0' TERM INT

fingerprint() { openssl x509 -in "$1" -noout -fingerprint -sha256 | cut -d= -f2; }

# Self-signed P-256 certificate, valid two days: nothing outlives a run.
make_cert() { # name
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -subj "/CN=nat64h-$1" -keyout "$STATE/$1.key" -out "$STATE/$1.crt" 2>/dev/null \
        || fail "openssl could not make the $1 certificate"
}

# Settings shared by both ends. mssfix 0: the harness compares packets bit for bit,
# so OpenVPN must not rewrite TCP MSS options; PMTUD (Packet Too Big at tun-mtu) does the job.
common_conf() {
    cat <<CONF
dev $TUN_IF
dev-type tun
disable-dco
proto udp4
tun-mtu $MTU
mssfix 0
ifconfig-ipv6 $NAT64H_TUNNEL_ADDR/${NAT64H_TUNNEL_V6_NET#*/} $NAT64H_PEER_TUNNEL_ADDR
keepalive 10 60
verb 3
CONF
}

start_openvpn() { # conf-file
    openvpn --config "$1" &
    OVPN_PID=$!
}

# Poll until OpenVPN has configured the tun device (and any routes we expect).
wait_tunnel() { # description command...
    what=$1; shift
    deadline=$(($(date +%s) + READY_TIMEOUT))
    until "$@"; do
        kill -0 "$OVPN_PID" 2>/dev/null || { OVPN_PID=; fail "openvpn exited before $what"; }
        [ "$(date +%s)" -lt "$deadline" ] || fail "$what not done in ${READY_TIMEOUT}s"
        sleep 0.1
    done
}
ping_peer() { ping -6 -c 1 -W 0.5 -q -I "$TUN_IF" "$NAT64H_PEER_TUNNEL_ADDR" >/dev/null 2>&1; }
tun_has_addr() { [ "$(if_by_addr 6 "$NAT64H_TUNNEL_ADDR")" = "$TUN_IF" ]; }

server() {
    need NAT64H_ACCESS_V6_ADDR NAT64H_ROUTER_V6
    [ "$(cat /proc/sys/net/ipv6/conf/all/forwarding)" = 1 ] || fail "needs sysctl net.ipv6.conf.all.forwarding=1"
    check_tun "$TUN_IF"
    drop_default_routes
    find_underlay
    acc=$(if_by_addr 6 "$NAT64H_ACCESS_V6_ADDR")
    [ -n "$acc" ] || fail "no interface holds NAT64H_ACCESS_V6_ADDR=$NAT64H_ACCESS_V6_ADDR"
    [ "$acc" != "$ul" ] || fail "underlay and access share interface $acc"
    ip -4 addr flush dev "$acc"      # Docker's mandatory IPv4 on the access net is not ours to use

    # Fresh TLS material for both sides on every run.
    mkdir -p "$STATE"; chmod 700 "$STATE"; umask 077
    make_cert server; make_cert client
    # Routes the client sends into the tunnel besides the connected tunnel net: the prefix, the router's /128
    # (the source of its Time Exceeded), and the network's resolver (NAT64H_DNS_V6/128) when there is one.
    routes="$NAT64H_PREFIX,$NAT64H_ROUTER_V6/128"
    [ -z "${NAT64H_DNS_V6:-}" ] || routes="$routes,$NAT64H_DNS_V6/128"
    cat > "$STATE/client.env.tmp" <<ENV
NAT64H_OVPN_CLIENT_CERT=$(base64 -w0 "$STATE/client.crt")
NAT64H_OVPN_CLIENT_KEY=$(base64 -w0 "$STATE/client.key")
NAT64H_OVPN_SERVER_FINGERPRINT=$(fingerprint "$STATE/server.crt")
NAT64H_OVPN_PORT=$PORT
NAT64H_OVPN_CLIENT_ROUTES=$routes
ENV
    mv "$STATE/client.env.tmp" "$STATE/client.env"

    { common_conf; cat <<CONF
tls-server
dh none
local $NAT64H_UNDERLAY_ADDR
lport $PORT
cert $STATE/server.crt
key $STATE/server.key
peer-fingerprint $(fingerprint "$STATE/client.crt")
CONF
    } > "$STATE/server.conf"
    start_openvpn "$STATE/server.conf"
    wait_tunnel "$TUN_IF with $NAT64H_TUNNEL_ADDR" tun_has_addr
    ip -6 route add "$NAT64H_PREFIX" via "$NAT64H_ROUTER_V6" dev "$acc"
    say "server $NAT64H_TUNNEL_ADDR on $TUN_IF (mtu $MTU), underlay $ul $NAT64H_UNDERLAY_ADDR:$PORT, $NAT64H_PREFIX via $NAT64H_ROUTER_V6 on $acc"
}

client_routes_in() {
    for net in $(echo "$NAT64H_OVPN_CLIENT_ROUTES" | tr ',' ' '); do
        ip -6 route show "$net" | grep -q "dev $TUN_IF" || return 1
    done
}

client() {
    need NAT64H_OVPN_CLIENT_CERT NAT64H_OVPN_CLIENT_KEY NAT64H_OVPN_SERVER_FINGERPRINT NAT64H_OVPN_CLIENT_ROUTES
    check_tun "$TUN_IF"
    drop_default_routes
    find_underlay
    mkdir -p "$STATE"; chmod 700 "$STATE"; umask 077
    echo "$NAT64H_OVPN_CLIENT_CERT" | base64 -d > "$STATE/client.crt"
    echo "$NAT64H_OVPN_CLIENT_KEY" | base64 -d > "$STATE/client.key"
    { common_conf; cat <<CONF
tls-client
remote $NAT64H_PEER_UNDERLAY_ADDR $PORT
nobind
cert $STATE/client.crt
key $STATE/client.key
peer-fingerprint $NAT64H_OVPN_SERVER_FINGERPRINT
CONF
      for net in $(echo "$NAT64H_OVPN_CLIENT_ROUTES" | tr ',' ' '); do echo "route-ipv6 $net"; done
    } > "$STATE/client.conf"
    start_openvpn "$STATE/client.conf"
    wait_tunnel "$TUN_IF with $NAT64H_TUNNEL_ADDR" tun_has_addr
    wait_tunnel "routes $NAT64H_OVPN_CLIENT_ROUTES into $TUN_IF" client_routes_in
    # Ready only once the server's tunnel address answers through the tunnel.
    wait_tunnel "ping $NAT64H_PEER_TUNNEL_ADDR through $TUN_IF" ping_peer
    say "client $NAT64H_TUNNEL_ADDR on $TUN_IF (mtu $MTU), underlay $ul -> $NAT64H_PEER_UNDERLAY_ADDR:$PORT, routes: $NAT64H_OVPN_CLIENT_ROUTES"
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
wait "$OVPN_PID" || true
OVPN_PID=
fail "openvpn exited"
