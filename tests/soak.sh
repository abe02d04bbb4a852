#!/usr/bin/env bash
# Soak: runs the Docker suite (or the tests a filter picks) N times in a row from one build, to find flakes.
# A failed run stops nothing. After each run it records pass/fail, duration, the failed tests (with the
# captures folder their messages name), and what the run left on the engine: containers and networks whose
# owning test host (in this PID namespace) is gone, and new images that are neither the current tag of a containers/ folder nor a
# kept build stage. Every leftover count must be zero. Writes summary.tsv and summary.txt; exits non-zero when
# any run failed or left anything behind.
#
#   tests/soak.sh N [dotnet-test-filter]      e.g. tests/soak.sh 20
#                                                  tests/soak.sh 2 "FullyQualifiedName~LifecycleTests"
# NAT64H_SOAK_DIR chooses where results go (default /tmp/nat64h-soak-<time>).
set -uo pipefail
cd "$(dirname "$0")/.."

runs=${1:?usage: tests/soak.sh N [dotnet-test-filter]}
filter=${2:-"FullyQualifiedName~Nat64Harness.Tests.Live.|FullyQualifiedName~Nat64Harness.Tests.Conformance.|Category=Docker"}
out=${NAT64H_SOAK_DIR:-/tmp/nat64h-soak-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
export NAT64H_REQUIRE_DOCKER=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# One build: every run tests the same binaries.
if ! dotnet build tests/Nat64Harness.Tests/Nat64Harness.Tests.csproj >"$out/build.log" 2>&1; then
    echo "soak: build failed, see $out/build.log" >&2
    exit 2
fi

# Resources labelled by the harness in this PID namespace whose owner process (pid and start tick, labels the
# harness writes) is gone: nobody will remove them but the next run's reaper. Resources of live runs, and of runs
# in other PID namespaces (other checkouts' sandboxes, whose pids mean nothing here), are not counted.
pidns=$(readlink /proc/self/ns/pid | tr -dc 0-9)
orphans() { # kind: container|network
    local ids labels
    if [ "$1" = container ]; then ids=$(docker ps -aq --filter label=nat64harness.run); labels=.Config.Labels
    else ids=$(docker network ls -q --filter label=nat64harness.run); labels=.Labels; fi
    for id in $ids; do
        local pid ns start now
        read -r pid ns start < <(docker "$1" inspect -f "{{index $labels \"nat64harness.owner-pid\"}} {{index $labels \"nat64harness.owner-pidns\"}} {{index $labels \"nat64harness.owner-start\"}}" "$id" 2>/dev/null) || continue
        [ "$ns" = "$pidns" ] || continue
        now=$(awk '{print $22}' "/proc/$pid/stat" 2>/dev/null || true)
        if [ -z "$now" ] || [ "$start" != "$now" ]; then
            echo "$id"
        fi
    done
}

# Top-level images (tagged or dangling) that appeared during the run and are not a current image of ours.
new_images() { # before-file
    local folders
    folders=$(find containers -mindepth 1 -maxdepth 1 -type d -printf '%f\n')
    comm -13 "$1" <(docker images -q --no-trunc | sort -u) | while read -r id; do
        local label stage tags
        label=$(docker image inspect -f '{{index .Config.Labels "nat64harness.image"}}' "$id" 2>/dev/null) || continue
        stage=$(docker image inspect -f '{{index .Config.Labels "nat64harness.stage"}}' "$id" 2>/dev/null)
        tags=$(docker image inspect -f '{{join .RepoTags " "}}' "$id" 2>/dev/null)
        [ -n "$stage" ] && continue
        if [ -n "$tags" ] && [ -n "$label" ] && grep -qx "$label" <<<"$folders"; then continue; fi
        echo "$id ${tags:-<untagged>} ${label:-<no harness label>}"
    done
}

printf 'run\tresult\tseconds\tpassed\tfailed\tskipped\tleft_containers\tleft_networks\tleft_images\n' >"$out/summary.tsv"
bad=0
for i in $(seq 1 "$runs"); do
    run="$out/run-$i"
    mkdir -p "$run"
    docker images -q --no-trunc | sort -u >"$run/images-before"
    started=$(date +%s)
    dotnet test tests/Nat64Harness.Tests/Nat64Harness.Tests.csproj --no-build --filter "$filter" \
        --logger trx --results-directory "$run" >"$run/test.log" 2>&1
    code=$?
    seconds=$(( $(date +%s) - started ))
    orphans container >"$run/left-containers"
    orphans network >"$run/left-networks"
    new_images "$run/images-before" >"$run/left-images"
    python3 - "$run" >"$run/counts" <<'EOF'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
with open(sys.argv[1] + "/failed-tests", "w") as f:
    for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
        for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
            o = r.get("outcome")
            if o == "Passed":
                passed += 1
            elif o == "NotExecuted":
                skipped += 1
            else:
                failed += 1
                msg = r.findtext(".//t:Message", default="", namespaces=ns)
                captures = [w for w in msg.split() if "captures" in w]
                f.write(f"{r.get('testName')}\t{o}\t{captures[0] if captures else '-'}\t{msg.strip().splitlines()[0] if msg.strip() else ''}\n")
print(passed, failed, skipped)
EOF
    read -r passed failed skipped <"$run/counts"
    lc=$(wc -l <"$run/left-containers"); ln=$(wc -l <"$run/left-networks"); li=$(wc -l <"$run/left-images")
    result=pass
    if [ "$code" -ne 0 ] || [ "$failed" -gt 0 ] || [ "$skipped" -gt 0 ] || [ "$passed" -eq 0 ]; then result=fail; fi
    if [ "$lc" -gt 0 ] || [ "$ln" -gt 0 ] || [ "$li" -gt 0 ]; then result="$result+leftovers"; fi
    [ "$result" = pass ] || bad=1
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$result" "$seconds" "$passed" "$failed" "$skipped" "$lc" "$ln" "$li" | tee -a "$out/summary.tsv"
done

{
    echo "soak: $runs run(s) of filter '$filter' from one build, $(git rev-parse --short HEAD)$(git diff --quiet || echo +dirty)"
    column -t -s $'\t' "$out/summary.tsv"
    echo
    echo "failures per test (runs it failed in):"
    cat "$out"/run-*/failed-tests 2>/dev/null | cut -f1 | sort | uniq -c | sort -rn || true
    for i in $(seq 1 "$runs"); do
        if [ -s "$out/run-$i/failed-tests" ]; then echo "run $i:"; sed 's/^/  /' "$out/run-$i/failed-tests"; fi
        for kind in containers networks images; do
            if [ -s "$out/run-$i/left-$kind" ]; then echo "run $i left $kind:"; sed 's/^/  /' "$out/run-$i/left-$kind"; fi
        done
    done
    echo
    echo "passing runs: $(grep -c $'\tpass\t' "$out/summary.tsv") of $runs"
} | tee "$out/summary.txt"
echo "soak: results in $out"
exit "$bad"
