#!/bin/bash
# nat64h-jool <jool args>: runs `jool -i default <args>` inside the Jool VM and prints its output (exit code
# = jool's), e.g.
#   nat64h-jool bib display --tcp --numeric      nat64h-jool session display --udp --numeric
# Talks to the VM's second serial port (QEMU pipe chardev /run/nat64h/ctl.in|.out); one request at a time.
set -eu
ctl=/run/nat64h/ctl
[ -p "$ctl.in" ] || { echo "nat64h-jool: no control channel ($ctl.in): is the VM running?" >&2; exit 2; }
exec 9>"$ctl.lock"
flock -w 20 9 || { echo "nat64h-jool: control channel busy" >&2; exit 2; }
nonce=$$.$RANDOM
exec 5<>"$ctl.out"
printf '%s %s\n' "$nonce" "$*" > "$ctl.in"
started=0
while IFS= read -r -t 20 line <&5; do
    line=${line%$'\r'}
    if [ "$started" = 0 ]; then
        [ "$line" = "@@begin $nonce" ] && started=1
        continue
    fi
    case "$line" in
        "@@end $nonce rc="*) exit "${line##*rc=}" ;;
        *) printf '%s\n' "$line" ;;
    esac
done
echo "nat64h-jool: no answer from the VM within 20 s" >&2
exit 2
