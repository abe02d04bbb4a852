"""The kernel's protocol counters of the probe's network namespace (/proc/net/snmp and /proc/net/snmp6).

Read before and after an exchange, their changes say what the kernel did with packets no socket saw: dropped
as truncated (Ip6InTruncatedPkts), with a bad checksum (Tcp InCsumErrors, Udp6InCsumErrors), Packet Too Big
received (Icmp6InPktTooBigs). Behind a VPN the probe shares the VPN client's namespace, so these are its too.
"""


def read():
    """Every counter, named "Ip6InTruncatedPkts" (snmp6) or "Tcp.InCsumErrors" (snmp)."""
    counters = {}
    try:
        with open("/proc/net/snmp6") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and parts[1].lstrip("-").isdigit():
                    counters[parts[0]] = int(parts[1])
        with open("/proc/net/snmp") as f:
            lines = f.read().splitlines()
        for header, values in zip(lines[0::2], lines[1::2]):
            names, numbers = header.split(), values.split()
            for name, number in zip(names[1:], numbers[1:]):
                if number.lstrip("-").isdigit():
                    counters[names[0].rstrip(":") + "." + name] = int(number)
    except OSError:
        pass
    return counters


def delta(before, after):
    """The counters that changed, with by how much (gauges like Tcp.CurrEstab included)."""
    return {k: after[k] - before.get(k, 0) for k in sorted(after) if after[k] != before.get(k, 0)}
