#!/usr/bin/env bash
# Makes the machine it runs on ready for Nat64Harness, installing or starting only what is missing, and saying so:
#   - the .NET SDK (checked only: Debian does not package it);
#   - the host programs the tests and runs use (table below: libpcap, debootstrap, iproute2, tcpdump, chromium);
#   - a Docker engine: an existing one is used as it is; otherwise Debian's docker.io is installed and
#     dockerd started in the background (no systemd needed).
# Run as root. Safe to run again: a ready machine takes about a second.
set -euo pipefail

started=$(date +%s%N)
say() { echo "setup-host: $*"; }
elapsed() { awk -v ns="$(( $(date +%s%N) - started ))" 'BEGIN { printf "%.1f", ns / 1e9 }'; }
ready() { say "host ready in $(elapsed) s (Docker engine API $(docker version --format '{{.Server.APIVersion}}'))"; }
die() { echo "setup-host: ERROR: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (sudo $0): it installs packages and starts dockerd"
command -v dotnet >/dev/null || die "the .NET SDK 10 is not on PATH (https://learn.microsoft.com/dotnet/core/install/linux-debian)"

engine_up() { docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

# Every program a test or a run uses on the host, as "command package" (a library as "dpkg:package").
# A fresh machine has none of them; a test that finds one missing fails in CI rather than skipping.
needs=(
    "dpkg:libpcap0.8 libpcap0.8"   # SharpPcap's live capture on the bridges
    "debootstrap debootstrap"      # the base image, when no registry is reachable
    "ip iproute2"                  # the address allocator reads the host's routes
    "tcpdump tcpdump"              # the pcaps we write must open in tcpdump (PcapWriterTests)
    "chromium chromium"            # the HTML report is opened in headless Chromium (HtmlReportBrowserTests)
    "ip6tables iptables"           # tests/egress-watch.sh counts packets leaving our bridges
    "python3 python3"              # .ci/run's TRX summary and privilege watch; the probe's own code run on the host (ProbeAllOnesChecksumTests, ProbeOuterLegChecksumTests, ProbeInFlightTests)
    "pkill procps"                 # tests/faults.sh stops dockerd to restart it (pkill, pgrep)
    "mount mount"                  # the disk-full checks mount a small tmpfs (CaptureDiskFullTests, tests/faults.sh)
)
missing=()
for need in "${needs[@]}"; do
    probe=${need%% *} package=${need#* }
    case "$probe" in
        dpkg:*) dpkg -s "${probe#dpkg:}" >/dev/null 2>&1 || missing+=("$package") ;;
        *) command -v "$probe" >/dev/null || missing+=("$package") ;;
    esac
done
if ! engine_up && ! command -v dockerd >/dev/null; then
    missing+=(docker.io)
fi
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if engine_up; then
    ready
    exit 0
fi

# No engine answers: start Debian's dockerd ourselves. Its default bridge (docker0, 172.17.0.0/16) and
# default address pools sit in ranges this harness must never use, so unless the machine already has a
# daemon.json, give it one without docker0 and with pools inside 100.68.0.0/16 (RFC 6598). Image builds
# use the host's network, so no default bridge is needed.
if [ ! -f /etc/docker/daemon.json ]; then
    say "writing /etc/docker/daemon.json (no default bridge; address pools in 100.68.0.0/16)"
    mkdir -p /etc/docker
    cat > /etc/docker/daemon.json <<'JSON'
{
  "bridge": "none",
  "default-address-pools": [{"base": "100.68.0.0/16", "size": 24}]
}
JSON
fi
say "starting dockerd in the background (log: /var/log/nat64h-dockerd.log)"
nohup dockerd >/var/log/nat64h-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
    engine_up && { ready; exit 0; }
    sleep 0.5
done
tail -n 30 /var/log/nat64h-dockerd.log >&2 || true
die "dockerd did not answer within 30 s (log above)"
