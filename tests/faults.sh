#!/usr/bin/env bash
# Faults a test cannot cause from inside its own process, each checked end to end with the real CLI and engine:
#
#   tests/faults.sh engine-restart   the Docker engine restarted during a 200 MiB transfer: the run fails naming the
#                                    engine (exit 2), and after the next run nothing of it is left
#   tests/faults.sh host-kill        a test host (dotnet test of the Jool class) killed with SIGKILL once its Jool
#                                    micro-VM is up: the next run reaps its containers and networks, the block it held
#                                    is claimed again, and no host interface or lease of it remains
#   tests/faults.sh disk-full        the captures folder on a 2 MiB disk: the run fails naming the pcap and the
#                                    disk's error (exit 2), and every *.pcap left in the run folder reads whole
#   tests/faults.sh all              the three in turn
#
# Each prints what it saw and ends with "faults: <name>: ok" or exits 1 naming what was wrong. The engine must be up
# (harness/setup-host.sh); engine-restart restarts it, so run nothing else on the engine meanwhile. Run as root.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d /tmp/nat64h-faults-XXXXXX)
failed=0
mounted=
trap '[ -z "$mounted" ] || umount -l "$mounted"' EXIT

say() { echo "faults: $*"; }
bad() { echo "faults: $1: FAILED: $2" >&2; failed=1; }

# Containers and networks of ours whose owner process is the given pid (labels written by the harness).
owned_by() { # pid
    { docker ps -aq --filter label=nat64harness.owner-pid="$1"; docker network ls -q --filter label=nat64harness.owner-pid="$1"; } | wc -l
}

# Waits up to $2 seconds for a line matching $3 in file $1.
wait_for() {
    local i
    for ((i = 0; i < $2 * 5; i++)); do
        grep -qE "$3" "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    return 1
}

restart_engine() {
    if command -v systemctl >/dev/null && systemctl is-active --quiet docker 2>/dev/null; then
        systemctl restart docker
        return
    fi
    # harness/setup-host.sh started it in the background: stop it as an administrator would, and start it again.
    pkill -TERM -x dockerd || true
    for _ in $(seq 1 150); do pgrep -x dockerd >/dev/null || break; sleep 0.2; done
    harness/setup-host.sh >"$work/setup-host.log" 2>&1
}

engine_restart() {
    local log=$work/engine-restart.log code was=$failed
    failed=0
    harness/nat64h run --transfer-mib 200 >"$log" 2>&1 &
    local run=$!
    if ! wait_for "$log" 180 '^icmpv6-echo'; then
        kill "$run" 2>/dev/null; wait "$run"
        bad engine-restart "the run never reached its transfer:"; sed 's/^/  /' "$log" >&2; return
    fi
    sleep 1
    say "engine-restart: restarting the engine 1 s into the transfer"
    restart_engine
    timeout 300 tail --pid="$run" -f /dev/null
    wait "$run"; code=$?
    sed 's/^/  | /' "$log"
    [ "$code" -eq 2 ] || bad engine-restart "the run exited $code, not 2"
    grep -q 'FAILED: .*Docker engine' "$log" || bad engine-restart "the run's output does not name the Docker engine"
    local pid
    pid=$(grep -oE 'block [0-9]+' "$log" | head -1)
    # The next run reaps what the failed one could not remove, and passes.
    harness/nat64h run --transfer-mib 0 >"$work/engine-next.log" 2>&1 || { bad engine-restart "the next run failed:"; sed 's/^/  /' "$work/engine-next.log" >&2; }
    local left
    left=$(( $(docker ps -aq --filter label=nat64harness.run | wc -l) + $(docker network ls -q --filter label=nat64harness.run | wc -l) ))
    [ "$left" -eq 0 ] || bad engine-restart "$left container(s) and network(s) of ours left after the next run"
    [ "$failed" -eq 0 ] && say "engine-restart: ok (the run on $pid failed with exit $code naming the engine; the next run passed; nothing left)"
    failed=$((failed | was))
}

host_kill() {
    local log=$work/host-kill.log host= was=$failed
    failed=0
    dotnet build tests/Nat64Harness.Tests/Nat64Harness.Tests.csproj >"$work/build.log" 2>&1 || { bad host-kill "build failed, see $work/build.log"; return; }
    local links_before
    links_before=$(ip -o link show | grep -c ' n64h' || true)
    NAT64H_REQUIRE_DOCKER=1 dotnet test tests/Nat64Harness.Tests/Nat64Harness.Tests.csproj --no-build \
        --filter "FullyQualifiedName~Nat64Harness.Tests.Conformance.JoolConformanceTests" >"$log" 2>&1 &
    local test=$!
    # The test host is the process whose pid the Jool router's labels name; wait until that router is running.
    local i jool=
    for ((i = 0; i < 600; i++)); do
        jool=$(docker ps -q --filter label=nat64harness.run --filter name=-jool 2>/dev/null | head -1)
        [ -n "$jool" ] && docker logs "$jool" 2>&1 | grep -q 'nat64h: ready' && break
        jool=
        sleep 0.5
    done
    if [ -z "$jool" ]; then
        kill "$test" 2>/dev/null; wait "$test"
        bad host-kill "no Jool router got ready within 300 s:"; tail -20 "$log" >&2; return
    fi
    host=$(docker inspect -f '{{index .Config.Labels "nat64harness.owner-pid"}}' "$jool")
    local block   # containers are named nat64h-<block>-<role>
    block=$(docker inspect -f '{{.Name}}' "$jool" | sed -E 's#^/nat64h-([0-9]+)-.*#\1#')
    say "host-kill: test host $host holds block $block and $(owned_by "$host") containers and networks; SIGKILL"
    kill -KILL "$host"
    wait "$test" 2>/dev/null
    # Without leftovers the reaper would have nothing to prove: that is a failed check, not a pass.
    [ "$(owned_by "$host")" -gt 0 ] || { bad host-kill "the killed test host left nothing to reap (the kill came after its teardown)"; return; }
    # The next run, on the very block the dead host held: the reaper must free it first.
    harness/nat64h run --transfer-mib 0 --block "$block" >"$work/host-next.log" 2>&1 || { bad host-kill "the next run on block $block failed:"; sed 's/^/  /' "$work/host-next.log" >&2; }
    local left links_after
    left=$(owned_by "$host")
    [ "$left" -eq 0 ] || bad host-kill "$left container(s)/network(s) of the killed test host $host remain after the next run"
    links_after=$(ip -o link show | grep -c ' n64h' || true)
    [ "$links_after" -le "$links_before" ] || bad host-kill "host interfaces of ours: $links_before before, $links_after after"
    [ "$failed" -eq 0 ] && say "host-kill: ok (the next run reaped test host $host's resources and ran on its block $block; host interfaces of ours $links_before before, $links_after after)"
    failed=$((failed | was))
}

disk_full() {
    local disk=$work/disk log=$work/disk-full.log code was=$failed
    failed=0
    mkdir -p "$disk"
    mount -t tmpfs -o size=2m nat64h-faults "$disk" || { bad disk-full "cannot mount a tmpfs (root needed)"; return; }
    mounted=$disk
    NAT64H_CAPTURES=$disk harness/nat64h run --transfer-mib 20 >"$log" 2>&1; code=$?
    sed 's/^/  | /' "$log"
    [ "$code" -eq 2 ] || bad disk-full "the run exited $code, not 2"
    grep -qE 'FAILED: capture .*\.pcap: writing failed .*No space left on device' "$log" || bad disk-full "the failure does not name the pcap and the disk's error"
    local f n=0
    while IFS= read -r f; do
        n=$((n + 1))
        tcpdump -r "$f" >/dev/null 2>"$work/tcpdump.err" && ! grep -q 'truncated' "$work/tcpdump.err" || bad disk-full "$f is left as a pcap but does not read whole: $(cat "$work/tcpdump.err")"
    done < <(find "$disk" -name '*.pcap')
    local partial
    partial=$(find "$disk" -name '*.pcap.partial' | wc -l)
    [ "$partial" -gt 0 ] || bad disk-full "no .partial file: where did the incomplete capture go?"
    umount "$disk" && mounted=
    [ "$failed" -eq 0 ] && say "disk-full: ok (exit $code naming the pcap; $n whole pcap(s) kept, $partial incomplete one(s) set aside as .partial)"
    failed=$((failed | was))
}

case "${1:-}" in
    engine-restart) engine_restart ;;
    host-kill) host_kill ;;
    disk-full) disk_full ;;
    all) disk_full; host_kill; engine_restart ;;
    *) echo "usage: tests/faults.sh engine-restart|host-kill|disk-full|all" >&2; exit 64 ;;
esac
if [ "$failed" -eq 0 ]; then rm -rf "$work"; else echo "faults: logs kept in $work" >&2; fi
exit "$failed"
