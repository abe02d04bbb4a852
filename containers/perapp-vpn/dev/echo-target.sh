#!/bin/sh
# Echo target for hand tests: holds $TARGET_V6 (inside the NAT64 prefix) on lo and serves
# TCP+UDP echo on 7, a sha256 sink on 9000 and a 50 MiB source on 9001.
set -eu
while ip -4 route del default 2>/dev/null; do :; done
while ip -6 route del default 2>/dev/null; do :; done
ip -6 addr add "$TARGET_V6/128" dev lo
head -c 52428800 /dev/urandom > /blob
sha256sum /blob | cut -d' ' -f1 > /blob.sha256
echo "target: blob $(cat /blob.sha256)"
# -t 30: socat's default 0.5 s closing wait cut echoes short under load (cat still held data).
# backlog=1024: with socat's default 5, 200 simultaneous connects overflowed the accept queue and were reset.
socat -t 30 TCP6-LISTEN:7,fork,reuseaddr,backlog=1024 EXEC:cat &
socat UDP6-RECVFROM:7,bind=[$TARGET_V6],fork EXEC:cat &
socat -u TCP6-LISTEN:9000,fork,reuseaddr,backlog=1024 SYSTEM:'sha256sum >> /upload.sha256' &
socat -U TCP6-LISTEN:9001,fork,reuseaddr,backlog=1024 OPEN:/blob,rdonly &
echo "target: ready"
wait
