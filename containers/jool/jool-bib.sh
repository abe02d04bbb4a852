#!/bin/sh
# nat64h-jool-bib: Jool's BIB and session tables (TCP, UDP, ICMP), read from the VM.
set -u
rc=0
for table in bib session; do
    for p in tcp udp icmp; do
        echo "# $table $p"
        nat64h-jool "$table" display --"$p" --numeric || rc=$?
    done
done
exit "$rc"
