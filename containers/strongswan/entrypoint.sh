#!/bin/sh
# strongSwan IKEv2 server or client for Nat64Harness (contract: ../vpn-contract.md).
# charon-systemd (no systemd needed) + swanctl; ESP in userspace (kernel-libipsec, TUN device ipsec0);
# the client's routes live in table 220 behind an "ip rule", never in the main table.
# shellcheck disable=SC2317  # functions reached through trap and wait_for look unreachable to it
set -eu

TUN_IF=ipsec0                   # created by kernel-libipsec; other devices are found by address
LIBIPSEC_MTU=1400               # kernel-libipsec's TUN MTU, fixed in strongSwan 5.9: it also sizes its read buffer
TABLE=220                       # strongswan.conf: charon.routing_table
FAULT=${NAT64H_FAULT:-none}     # a deliberate bug for the harness's negative tests (README)
READY_TIMEOUT=${NAT64H_READY_TIMEOUT:-30}
STATE=/run/nat64h
SWANCTL=/etc/swanctl
CHARON_PID=

say()  { echo "nat64h-strongswan: $*"; }
fail() { echo "nat64h: failed: $*"; exit 1; }
need() { for v in "$@"; do eval "[ -n \"\${$v:-}\" ]" || fail "$v is not set"; done; }

stop() { if [ -n "$CHARON_PID" ]; then kill "$CHARON_PID" 2>/dev/null || true; CHARON_PID=; fi; }
trap stop EXIT
trap 'stop; exit 0' TERM INT

# Interface holding an address (names such as eth0/eth1 do not follow attach order).
if_by_addr() { # family address
    ip -o "-$1" addr show | awk -v a="$2" '{ split($4, p, "/"); if (p[1] == a) { sub(/@.*/, "", $2); print $2; exit } }'
}

# Nothing may leave toward anything but the harness's containers.
drop_default_routes() {
    while ip -4 route del default 2>/dev/null; do :; done
    while ip -6 route del default 2>/dev/null; do :; done
    [ -z "$(ip -4 route show default)$(ip -6 route show default)" ] || fail "default routes remain"
}

# Underlay: IPv4 only, whatever the sysctls gave the interface. Sets $ul.
find_underlay() {
    ul=$(if_by_addr 4 "$NAT64H_UNDERLAY_ADDR")
    [ -n "$ul" ] || fail "no interface holds NAT64H_UNDERLAY_ADDR=$NAT64H_UNDERLAY_ADDR"
    ip -6 addr flush dev "$ul" 2>/dev/null || true
    [ -z "$(ip -o -6 addr show dev "$ul")" ] || fail "underlay interface $ul keeps IPv6 addresses"
}

check_tun() {
    [ -c /dev/net/tun ] || fail "/dev/net/tun missing (run with --device /dev/net/tun): kernel-libipsec needs a TUN device"
    [ "$(cat /proc/sys/net/ipv6/conf/default/disable_ipv6)" = 0 ] \
        || fail "needs sysctl net.ipv6.conf.default.disable_ipv6=0 (else $TUN_IF gets no IPv6)"
}

# Poll until a condition holds, charon still running.
wait_for() { # description command...
    what=$1; shift
    deadline=$(($(date +%s) + READY_TIMEOUT))
    until "$@"; do
        kill -0 "$CHARON_PID" 2>/dev/null || { CHARON_PID=; fail "charon exited before $what"; }
        [ "$(date +%s)" -lt "$deadline" ] || fail "$what not done in ${READY_TIMEOUT}s"
        sleep 0.1
    done
}
vici_up() { [ -S /run/charon.vici ]; }
ping_peer() { ping -6 -c 1 -W 0.5 -q "$NAT64H_PEER_TUNNEL_ADDR" >/dev/null 2>&1; }
tun_up() { ip link show dev "$TUN_IF" >/dev/null 2>&1; }
# charon's IKE sockets: UDP 500 and 4500 (hex in /proc/net/udp). Without CAP_NET_BIND_SERVICE its
# socket-default plugin refuses to load and charon runs on, deaf: never call that ready.
ike_sockets() { awk '$2 ~ /:01F4$/ { a = 1 } $2 ~ /:1194$/ { b = 1 } END { exit !(a && b) }' /proc/net/udp; }

start_charon() {
    charon-systemd &
    CHARON_PID=$!
    wait_for "charon's vici socket" vici_up
    wait_for "$TUN_IF (kernel-libipsec)" tun_up
    wait_for "charon listening on UDP 500 and 4500 (needs CAP_NET_BIND_SERVICE)" ike_sockets
}

# The tunnel MTU: NAT64H_TUNNEL_MTU when libipsec can carry it, else libipsec's own 1400 (it reads at most
# 1400 bytes from its TUN whatever the device says: a larger device MTU truncates packets, which the peer's
# kernel then drops as truncated). Sets $mtu, the value the readiness line declares.
set_mtu() {
    mtu=${NAT64H_TUNNEL_MTU:-$LIBIPSEC_MTU}
    case "$mtu" in *[!0-9]*|'') fail "NAT64H_TUNNEL_MTU must be a number, not '$mtu'" ;; esac
    [ "$mtu" -ge 1280 ] || fail "NAT64H_TUNNEL_MTU=$mtu is below IPv6's minimum link MTU 1280"
    if [ "$mtu" -gt "$LIBIPSEC_MTU" ] && [ "$FAULT" != device-mtu ]; then
        say "NAT64H_TUNNEL_MTU=$mtu is more than kernel-libipsec carries: $TUN_IF keeps $LIBIPSEC_MTU"
        mtu=$LIBIPSEC_MTU
    fi
    ip link set dev "$TUN_IF" mtu "$mtu"
}

load_config() {
    swanctl --load-all --noprompt >/dev/null || fail "swanctl could not load $SWANCTL/swanctl.conf"
}

# Self-signed Ed25519 certificate, valid two days: nothing outlives a run.
make_cert() { # name
    pki --gen --type ed25519 --outform pem > "$STATE/$1.key" 2>/dev/null || fail "pki could not make the $1 key"
    pki --self --type ed25519 --in "$STATE/$1.key" --dn "CN=nat64h-$1" --lifetime 2 --outform pem \
        > "$STATE/$1.crt" 2>/dev/null || fail "pki could not make the $1 certificate"
}

# What both ends share: AES-256-GCM and X25519, UDP-encapsulated ESP from the start (libipsec needs it),
# DPD every 10 s when idle; rekeying keeps its defaults (hours, longer than any run).
conn_common() {
    cat <<CONF
        version = 2
        local_addrs = $NAT64H_UNDERLAY_ADDR
        remote_addrs = $NAT64H_PEER_UNDERLAY_ADDR
        encap = yes
        mobike = no
        proposals = aes256gcm16-prfsha256-x25519
        send_certreq = no
        dpd_delay = 10s
CONF
}

server() {
    need NAT64H_ACCESS_V6_ADDR NAT64H_ROUTER_V6
    [ "$(cat /proc/sys/net/ipv6/conf/all/forwarding)" = 1 ] || fail "needs sysctl net.ipv6.conf.all.forwarding=1"
    check_tun
    drop_default_routes
    find_underlay
    acc=$(if_by_addr 6 "$NAT64H_ACCESS_V6_ADDR")
    [ -n "$acc" ] || fail "no interface holds NAT64H_ACCESS_V6_ADDR=$NAT64H_ACCESS_V6_ADDR"
    [ "$acc" != "$ul" ] || fail "underlay and access share interface $acc"
    ip -4 addr flush dev "$acc"      # Docker's mandatory IPv4 on the access net is not ours to use

    mkdir -p "$STATE"; chmod 700 "$STATE"; umask 077
    make_cert server; make_cert client
    # What the client routes into the tunnel and accepts from it (its child SA's remote traffic selectors;
    # libipsec drops inbound packets outside them): the prefix, and the tunnel net (errors from this server,
    # which speaks from its tunnel address). Not the router's /128 (vpn-contract.md): strongSwan 5.9.8's
    # kernel-libipsec installs a child SA only if this server holds an address inside each of its own
    # selectors (fixed in 5.9.12), and it cannot hold the router's. Tunnel net last: the route toward the
    # client keeps the preferred source of the last selector installed, the server's tunnel address.
    ts="$NAT64H_PREFIX,$NAT64H_TUNNEL_V6_NET"
    [ "$FAULT" != route-all ] || ts=::/0
    cat > "$STATE/client.env.tmp" <<ENV
NAT64H_SWAN_CLIENT_CERT=$(base64 -w0 "$STATE/client.crt")
NAT64H_SWAN_CLIENT_KEY=$(base64 -w0 "$STATE/client.key")
NAT64H_SWAN_SERVER_CERT=$(base64 -w0 "$STATE/server.crt")
NAT64H_SWAN_REMOTE_TS=$ts
ENV
    mv "$STATE/client.env.tmp" "$STATE/client.env"

    cp "$STATE/server.crt" "$STATE/client.crt" "$SWANCTL/x509/"
    cp "$STATE/server.key" "$SWANCTL/private/"
    cat > "$SWANCTL/swanctl.conf" <<CONF
connections {
    tunnel {
$(conn_common)
        pools = client
        local {
            auth = pubkey
            certs = server.crt
            id = "CN=nat64h-server"
        }
        remote {
            auth = pubkey
            certs = client.crt
            id = "CN=nat64h-client"
        }
        children {
            tunnel {
                local_ts = $ts
                remote_ts = dynamic
                esp_proposals = aes256gcm16
                dpd_action = clear
            }
        }
    }
}
pools {
    client {
        addrs = $NAT64H_PEER_TUNNEL_ADDR/128
    }
}
CONF
    # The same 5.9.8 limit for the prefix: hold its first address (it maps 0.0.0.0, never a destination).
    ip -6 addr add "${NAT64H_PREFIX%/*}/128" dev lo nodad
    ip -6 route add "$NAT64H_PREFIX" via "$NAT64H_ROUTER_V6" dev "$acc"
    start_charon
    set_mtu
    ip -6 addr add "$NAT64H_TUNNEL_ADDR/128" dev "$TUN_IF" nodad
    load_config
    say "server $NAT64H_TUNNEL_ADDR on $TUN_IF (mtu $mtu), underlay $ul $NAT64H_UNDERLAY_ADDR:500/4500, $NAT64H_PREFIX via $NAT64H_ROUTER_V6 on $acc"
}

client() {
    need NAT64H_SWAN_CLIENT_CERT NAT64H_SWAN_CLIENT_KEY NAT64H_SWAN_SERVER_CERT NAT64H_SWAN_REMOTE_TS
    check_tun
    drop_default_routes
    find_underlay
    mkdir -p "$STATE"; chmod 700 "$STATE"; umask 077
    echo "$NAT64H_SWAN_CLIENT_CERT" | base64 -d > "$SWANCTL/x509/client.crt"
    echo "$NAT64H_SWAN_SERVER_CERT" | base64 -d > "$SWANCTL/x509/server.crt"
    echo "$NAT64H_SWAN_CLIENT_KEY" | base64 -d > "$SWANCTL/private/client.key"
    cat > "$SWANCTL/swanctl.conf" <<CONF
connections {
    tunnel {
$(conn_common)
        vips = $NAT64H_TUNNEL_ADDR
        local {
            auth = pubkey
            certs = client.crt
            id = "CN=nat64h-client"
        }
        remote {
            auth = pubkey
            certs = server.crt
            id = "CN=nat64h-server"
        }
        children {
            tunnel {
                local_ts = dynamic
                remote_ts = $NAT64H_SWAN_REMOTE_TS
                esp_proposals = aes256gcm16
                dpd_action = restart
            }
        }
    }
}
CONF
    start_charon
    set_mtu
    load_config
    swanctl --initiate --child tunnel --timeout "$READY_TIMEOUT" >/dev/null 2>&1 \
        || fail "no IKE_SA/CHILD_SA with $NAT64H_PEER_UNDERLAY_ADDR (swanctl --initiate failed or timed out after ${READY_TIMEOUT}s; charon's log above says why)"
    # The server assigns the virtual IP from a pool holding only our address; strongSwan puts it on ipsec0.
    [ "$(if_by_addr 6 "$NAT64H_TUNNEL_ADDR")" = "$TUN_IF" ] || fail "virtual IP $NAT64H_TUNNEL_ADDR is not on $TUN_IF"
    # strongSwan's routes: table 220 (ip rule priority 220), never the main table.
    for net in $(echo "$NAT64H_SWAN_REMOTE_TS" | tr ',' ' '); do
        ip -6 route show table "$TABLE" "$net" | grep -q "dev $TUN_IF" || fail "no route for $net into $TUN_IF in table $TABLE"
    done
    # Ready only once the server's tunnel address answers through the tunnel.
    wait_for "ping $NAT64H_PEER_TUNNEL_ADDR through $TUN_IF" ping_peer
    say "client $NAT64H_TUNNEL_ADDR on $TUN_IF (mtu $mtu), underlay $ul -> $NAT64H_PEER_UNDERLAY_ADDR:500/4500, table $TABLE: $NAT64H_SWAN_REMOTE_TS"
}

need NAT64H_ROLE NAT64H_PREFIX NAT64H_UNDERLAY_ADDR NAT64H_PEER_UNDERLAY_ADDR \
     NAT64H_TUNNEL_V6_NET NAT64H_TUNNEL_ADDR NAT64H_PEER_TUNNEL_ADDR
case "$FAULT" in
    none) ;;
    device-mtu|route-all) say "fault injected: $FAULT" ;;
    *) fail "NAT64H_FAULT must be none, device-mtu or route-all, not '$FAULT'" ;;
esac
case "$NAT64H_ROLE" in
    server) server ;;
    client) client ;;
    *) fail "NAT64H_ROLE must be server or client, not '$NAT64H_ROLE'" ;;
esac
# The MTU the tunnel carries, declared for the harness (vpn-contract.md, "Declared MTU").
echo "nat64h: ready mtu=$mtu"
wait "$CHARON_PID" || true
CHARON_PID=
fail "charon exited"
