#!/bin/bash
# Jool NAT64 router: a QEMU micro-VM (TCG, no /dev/kvm) running Debian's kernel with jool-dkms, wired so that
# from outside this container is the Tayga router container: same addresses, same env, same readiness line.
#   NAT64H_PREFIX    NAT64 prefix (RFC 6052), default 64:ff9b::/96 (Jool pool6)
#   NAT64H_V6_ADDR   this router's address on the IPv6 access network
#   NAT64H_V4_ADDR   this router's address on the IPv4-only network
#   NAT64H_POOL4     Jool pool4 (stateful NAT64: addresses x ports), inside the IPv4 network's subnet; with
#                    NAT64H_JOOL_XLAT=siit optional: the IPv4 addresses standing for IPv6 hosts, answered by proxy ARP
#   NAT64H_TAYGA_V4  accepted and unused (Jool has no address of its own inside the pool)
#   NAT64H_ROUTES6   optional, space-separated "net,via" pairs: IPv6 networks behind other hops (a VPN's tunnel)
#   NAT64H_ROUTES4   optional, space-separated "net,via" pairs: IPv4 networks behind other hops
#   NAT64H_JOOL_XLAT          nat64 (default): stateful NAT64 (jool, RFC 6146); siit: stateless SIIT (jool_siit,
#                             RFC 7915) with pool6 = NAT64H_PREFIX, so both addresses of a packet are mapped
#                             through the prefix unless an EAM entry says otherwise
#   NAT64H_JOOL_EAM           siit only, optional space-separated "ipv6prefix,ipv4prefix" EAM entries (RFC 7757)
#   NAT64H_JOOL_PORTS         pool4 port range, default 61001-65535
#   NAT64H_JOOL_OFFLOADS      0 (default): the VM computes every checksum and sends MTU-sized packets, so a
#                             capture on the Docker bridge sees real packets; 1: virtio checksum/GSO offloads on
#                             (much faster on an idle machine per docs/jool-vm.md, no clear gain measured under load;
#                             the wire then carries unfinished checksums and frames larger than the MTU)
#   NAT64H_JOOL_BOOT_TIMEOUT  seconds to wait for the VM's ready line, default 90
#   NAT64H_JOOL_APPEND        extra guest kernel arguments (debugging: e.g. "loglevel=7" shows kernel messages)
#   NAT64H_JOOL_MODE          auto (default): Jool in this container's namespace when the host kernel has the jool
#                             module loaded (/sys/module/jool), else the micro-VM; "vm" forces the VM
# Wiring: Docker's address moves from each ethX into the VM. ethX gets a new MAC, is bridged with a tap of
# QEMU's, and the VM's NIC takes ethX's original MAC and address, so Docker's peers see the same
# address at the same MAC. Console: /run/nat64h/console.log. Jool's tables: nat64h-jool-bib, nat64h-jool.
# MTU scenarios: nat64h-jool-mtu v4|v6 <bytes> (the container's ethX are bridge ports: lowering their MTU
# would drop frames silently instead of making the VM send ICMP errors).
set -eu
. /usr/local/lib/nat64h/common.sh

prefix=${NAT64H_PREFIX:-64:ff9b::/96}
: "${NAT64H_V6_ADDR:?}" "${NAT64H_V4_ADDR:?}"
xlat=${NAT64H_JOOL_XLAT:-nat64}
case "$xlat" in
    nat64) : "${NAT64H_POOL4:?}" ;;
    siit) ;;
    *) fail "NAT64H_JOOL_XLAT=$xlat: expected nat64 or siit" ;;
esac
pool4=${NAT64H_POOL4:-}
ports=${NAT64H_JOOL_PORTS:-61001-65535}
timeout_s=${NAT64H_JOOL_BOOT_TIMEOUT:-90}
vm=/usr/local/lib/nat64h/jool-vm
run=/run/nat64h
console=$run/console.log
mkdir -p "$run"

fail_vm() {
    echo "nat64h: failed: $*"
    if [ -s "$console" ]; then
        echo "nat64h: VM console (last 30 lines):"; tail -n 30 "$console" | sed 's/^/  | /'
    else
        echo "nat64h: VM console: empty (the VM printed nothing yet)"
    fi
    [ -n "${qemu:-}" ] && kill "$qemu" 2>/dev/null
    exit 1
}

ip link set dev lo up 2>/dev/null || fail "no NET_ADMIN (run with --cap-add NET_ADMIN)"
[ -c /dev/net/tun ] || fail "no /dev/net/tun (run with --device /dev/net/tun)"
command -v qemu-system-x86_64 >/dev/null || fail "qemu-system-x86_64 missing from the image"
[ -r "$vm/vmlinux" ] && [ -r "$vm/initrd.gz" ] || fail "VM boot image missing from $vm"

# Before waiting for anything: this container forwards from its start (its sysctls), so Docker's default routes go
# first, or a packet for an unrouted address leaves through the host meanwhile.
drop_default_routes
v6if=$(iface_of "$NAT64H_V6_ADDR" 20) || fail "no interface holds $NAT64H_V6_ADDR (is the IPv6 network attached?)"
v4if=$(iface_of "$NAT64H_V4_ADDR" 20) || fail "no interface holds $NAT64H_V4_ADDR (is the IPv4 network attached?)"
[ "$v6if" != "$v4if" ] || fail "$NAT64H_V6_ADDR and $NAT64H_V4_ADDR are on the same interface $v6if"

plen_of() { ip -o addr show dev "$1" | awk -v a="$2" '{split($4, p, "/"); if (p[1] == a) {print p[2]; exit}}'; }
mac6=$(cat "/sys/class/net/$v6if/address"); mac4=$(cat "/sys/class/net/$v4if/address")
v6=$NAT64H_V6_ADDR/$(plen_of "$v6if" "$NAT64H_V6_ADDR")
v4=$NAT64H_V4_ADDR/$(plen_of "$v4if" "$NAT64H_V4_ADDR")
routes6=$(echo "${NAT64H_ROUTES6:-}" | xargs | tr ' ' ';')
routes4=$(echo "${NAT64H_ROUTES4:-}" | xargs | tr ' ' ';')
eam=$(echo "${NAT64H_JOOL_EAM:-}" | xargs | tr ' ' ';')

# A host whose kernel has Jool loaded needs no VM: Jool runs in this namespace with the image's jool-tools.
# (The development machine's kernel cannot load modules, so only the VM path was measured there.)
if [ "$xlat" = siit ]; then jool=jool_siit; else jool=jool; fi
if [ "${NAT64H_JOOL_MODE:-auto}" = auto ] && [ -d "/sys/module/$jool" ]; then
    ip -4 addr flush dev "$v6if"
    $jool instance add default --netfilter --pool6 "$prefix" || fail "$jool instance add (host module $(cat "/sys/module/$jool/version" 2>/dev/null))"
    if [ "$xlat" = nat64 ]; then
        for p in --tcp --udp --icmp; do
            jool -i default pool4 add "$p" "$pool4" "$ports" || fail "jool pool4 add $p $pool4 $ports"
        done
    fi
    for e in ${NAT64H_JOOL_EAM:-}; do jool_siit -i default eamt add "${e%%,*}" "${e#*,}" || fail "jool_siit eamt add $e"; done
    for r in ${NAT64H_ROUTES6:-}; do ip -6 route add "${r%%,*}" via "${r#*,}"; done
    for r in ${NAT64H_ROUTES4:-}; do ip route add "${r%%,*}" via "${r#*,}"; done
    say "jool $($jool --version 2>/dev/null | head -n 1) mode=host-module xlat=$xlat prefix=$prefix pool4=$pool4 ports=$ports"
    say "ready"
    trap '$jool instance remove default 2>/dev/null; exit 0' TERM INT
    while :; do sleep 3600 & wait $!; done
fi
say "mode=vm: the host kernel has no $jool module loaded (/sys/module/$jool), so Jool runs in a QEMU micro-VM"

# The container gives up its addresses and its MACs (a locally administered variant), and sends nothing of its
# own: no IPv6 link-local (addrgenmode none) on any device of the two bridges.
release() {
    ip link set "$1" down
    ip addr flush dev "$1"
    ip link set "$1" addrgenmode none
    ip link set "$1" address "$2"
}
release "$v6if" "0e:${mac6#*:}" || fail "cannot release $v6if"
release "$v4if" "0e:${mac4#*:}" || fail "cannot release $v4if"

if [ "${NAT64H_JOOL_OFFLOADS:-0}" = 1 ]; then nicopt=""; else nicopt=",csum=off,guest_csum=off"; fi
rm -f "$run/ctl.in" "$run/ctl.out" "$console"
mkfifo "$run/ctl.in" "$run/ctl.out"
# cryptomgr.notests: the crypto self-tests cost 1.3 s of boot under TCG and guard nothing this VM relies on.
cmdline="console=ttyS0 quiet panic=-1 cryptomgr.notests=1 nat64h.mac6=$mac6 nat64h.mac4=$mac4 nat64h.v6=$v6 nat64h.v4=$v4"
cmdline="$cmdline nat64h.mtu6=$(cat "/sys/class/net/$v6if/mtu") nat64h.mtu4=$(cat "/sys/class/net/$v4if/mtu")"
cmdline="$cmdline nat64h.prefix=$prefix nat64h.ports=$ports"
[ "$xlat" = nat64 ] || cmdline="$cmdline nat64h.xlat=$xlat"
[ -n "$pool4" ] && cmdline="$cmdline nat64h.pool4=$pool4"
[ -n "$routes6" ] && cmdline="$cmdline nat64h.routes6=$routes6"
[ -n "$routes4" ] && cmdline="$cmdline nat64h.routes4=$routes4"
[ -n "$eam" ] && cmdline="$cmdline nat64h.eam=$eam"
cmdline="$cmdline ${NAT64H_JOOL_APPEND:-}"

# event_idx=off: works around a virtio-net receive stall of QEMU 7.2 under load (docs/jool-vm.md).
# romfile=: no iPXE option ROM; the kernel boots directly (PVH entry of the uncompressed vmlinux).
qemu-system-x86_64 -accel tcg,tb-size=64 -m 256 -smp 1 -nodefaults -no-user-config -display none \
    -kernel "$vm/vmlinux" -initrd "$vm/initrd.gz" -append "$cmdline" \
    -serial "file:$console" -chardev "pipe,id=ctl,path=$run/ctl" -serial chardev:ctl \
    -netdev tap,id=n6,ifname=jtap6,script=no,downscript=no \
    -device "virtio-net-pci,netdev=n6,mac=$mac6,romfile=,event_idx=off$nicopt" \
    -netdev tap,id=n4,ifname=jtap4,script=no,downscript=no \
    -device "virtio-net-pci,netdev=n4,mac=$mac4,romfile=,event_idx=off$nicopt" \
    > "$run/qemu.log" 2>&1 &
qemu=$!
trap 'kill "$qemu" 2>/dev/null; wait "$qemu"; exit 0' TERM INT

# QEMU creates the taps; join each with its ethX in a bridge (no address, no link-local, no snooping).
i=0
until [ -e /sys/class/net/jtap6 ] && [ -e /sys/class/net/jtap4 ]; do
    kill -0 "$qemu" 2>/dev/null || fail_vm "qemu exited at start: $(tail -n 5 "$run/qemu.log")"
    i=$((i + 1)); [ "$i" -lt 100 ] || fail_vm "QEMU created no taps within 10 s"
    sleep 0.1
done
# QEMU brings its taps up itself, so they already hold an IPv6 link-local: remove it, or the container would
# send router solicitations and MLD reports of its own into the VM.
join() {
    ip link set "$3" addrgenmode none
    ip -6 addr flush dev "$3"
    ip link add "$1" type bridge stp_state 0 mcast_snooping 0
    ip link set "$1" addrgenmode none
    ip link set "$2" addrgenmode none
    ip link set "$2" master "$1"
    ip link set "$3" master "$1"
    ip link set "$1" up; ip link set "$2" up; ip link set "$3" up
}
join jbr6 "$v6if" jtap6
join jbr4 "$v4if" jtap4

start=$(date +%s)
until grep -q '^nat64h-vm: ready' "$console" 2>/dev/null; do
    kill -0 "$qemu" 2>/dev/null || fail_vm "qemu exited during boot: $(tail -n 5 "$run/qemu.log")"
    if reason=$(grep -m1 '^nat64h-vm: failed' "$console" 2>/dev/null); then fail_vm "VM: ${reason#nat64h-vm: failed: }"; fi
    [ $(( $(date +%s) - start )) -lt "$timeout_s" ] || fail_vm "VM not ready within $timeout_s s"
    sleep 0.1
done
for l in jtap6 jtap4 "$v6if" "$v4if"; do
    ip link show "$l" | grep -q 'UP,LOWER_UP' || fail_vm "$l has no carrier after boot"
done
say "$(grep -m1 '^nat64h-vm: jool' "$console" | sed 's/^nat64h-vm: //') prefix=$prefix pool4=$pool4 ports=$ports"
say "ready"
wait "$qemu" || true
fail_vm "qemu exited: $(tail -n 5 "$run/qemu.log")"
