#!/bin/sh
# nat64h-jool-mtu v4|v6 <bytes>: sets the MTU of the Jool VM's IPv4-side or IPv6-side NIC, so that the router
# itself sends "fragmentation needed" / Packet Too Big. Lowering the container's ethX instead would make
# the bridge drop oversize frames silently.
[ $# -eq 2 ] && { [ "$1" = v4 ] || [ "$1" = v6 ]; } || { echo "usage: nat64h-jool-mtu v4|v6 <bytes>" >&2; exit 2; }
exec nat64h-jool @mtu "$1" "$2"
