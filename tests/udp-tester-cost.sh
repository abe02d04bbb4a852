#!/usr/bin/env bash
# The CPU each UDP tester spends at one offered rate, beside Tayga's: the harness's own sender and receiver
# (nat64h-probe bench-udp, the echo server's bench_server.py) and iperf3's client and server, taking turns on one
# topology left up by `harness/nat64h up --vpn none`. Explains a gap between the two tools' UDP figures in
# `nat64h bench`: on a two-core machine a tester's CPU is CPU Tayga (single-threaded, in user space) does not get.
#
#   tests/udp-tester-cost.sh [RATE_BITS_PER_S] [REPETITIONS]      default 300000000 and 3
#
# Per trial (2 s of 1200-byte payloads): datagrams sent and received, the sender's user+system seconds (bash's
# `time` around the command in the probe, start-up included), and the receiver's and Tayga's CPU seconds (their
# processes' utime+stime in /proc on this host). Run as root, with nothing else measuring on the machine.
set -euo pipefail
rate=${1:-300000000}
reps=${2:-3}

one() { docker ps --format '{{.Names}}' | grep -E "^nat64h-[0-9]+-$1\$" | head -n1; }
probe=$(one probe) echo=$(one echo) tayga=$(one tayga)
if [ -z "$probe" ] || [ -z "$echo" ] || [ -z "$tayga" ]; then
    echo "udp-tester-cost: no topology with a probe, echo and tayga is up: run harness/nat64h up --vpn none first" >&2
    exit 2
fi
# Host pids of the processes, by their command lines in `docker top`.
pid() { docker top "$1" -eo pid,args | awk -v m="$2" 'NR > 1 && index($0, m) { print $1; exit }'; }
tayga_pid=$(pid "$tayga" "tayga --nodetach") server_pid=$(pid "$echo" "bench_server.py") iperf_pid=$(pid "$echo" "iperf3 -s")
# The echo's IPv4 address in `up`'s default prefix, 64:ff9b::/96 (RFC 6052: the address in the last 32 bits).
v4=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' "$echo" | awk '{ print $1 }')
target=$(printf '64:ff9b::%02x%02x:%02x%02x' ${v4//./ })
cpu() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat"; }
seconds() { awk '/^(user|sys)/ { split($2, t, /[ms]/); s += t[1] * 60 + t[2] } END { printf "%.2f", s }'; }
echo "target $target, $rate bit/s, 2 s trials of 1200 bytes; CPU seconds per trial"
printf '%-7s %8s %8s %8s %9s %7s\n' tool sent received sender receiver tayga
for _ in $(seq "$reps"); do
    for tool in own iperf3; do
        t0=$(cpu "$tayga_pid") s0=$(cpu "$server_pid") i0=$(cpu "$iperf_pid")
        if [ "$tool" = own ]; then
            out=$(docker exec "$probe" bash -c "time nat64h-probe bench-udp --target $target --rate $rate --size 1200 --seconds 2" 2>&1)
            counts=$(printf '%s' "$out" | python3 -c 'import json,sys; t=sys.stdin.read(); j=json.loads(t[t.index("{"):t.rindex("}")+1]); print(j["sent"], j["received"])')
        else
            out=$(docker exec "$probe" bash -c "time iperf3 -c $target -p 5201 -u -b $rate -l 1200 -w 4M -t 2 -J" 2>&1)
            counts=$(printf '%s' "$out" | python3 -c 'import json,sys; t=sys.stdin.read(); s=json.loads(t[t.index("{"):t.rindex("}")+1])["end"]["sum"]; print(s["packets"], s["packets"]-s["lost_packets"])')
        fi
        t1=$(cpu "$tayga_pid") s1=$(cpu "$server_pid") i1=$(cpu "$iperf_pid")
        receiver=$(awk -v a="$s0" -v b="$s1" -v c="$i0" -v d="$i1" -v own="$tool" 'BEGIN { printf "%.2f", own == "own" ? b - a : d - c }')
        read -r sent received <<<"$counts"
        printf '%-7s %8s %8s %8s %9s %7s\n' "$tool" "$sent" "$received" "$(printf '%s\n' "$out" | seconds)" "$receiver" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
    done
done
