"""RFC 6052 §2.2 IPv4-embedded IPv6 addresses: embed and extract at each prefix length.

    +--+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
    |PL| 0-------------32--40--48--56--64--72--80--88--96--104---------|
    |32|     prefix    |v4(32)         | u | suffix                    |
    |40|     prefix        |v4(24)     | u |(8)| suffix                |
    |48|     prefix            |v4(16) | u | (16)  | suffix            |
    |56|     prefix                |(8)| u |  v4(24)   | suffix        |
    |64|     prefix                    | u |   v4(32)      | suffix    |
    |96|     prefix                                    |    v4(32)     |
    +--+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+---+
Bits 64-71 (u) are zero; the IPv4 address skips them.
"""
import ipaddress

LENGTHS = (32, 40, 48, 56, 64, 96)


def _positions(length):
    pos, out = length // 8, []
    for _ in range(4):
        if pos == 8:
            pos += 1
        out.append(pos)
        pos += 1
    return out


def embed(prefix, v4):
    """IPv6 address of v4 inside prefix (an ipaddress.IPv6Network of an RFC 6052 length)."""
    b = bytearray(prefix.network_address.packed)
    for pos, octet in zip(_positions(prefix.prefixlen), ipaddress.IPv4Address(v4).packed):
        b[pos] = octet
    return ipaddress.IPv6Address(bytes(b))


def extract(addr, length):
    """(IPv4 address, prefix network, u octet) read from addr at one prefix length."""
    raw = ipaddress.IPv6Address(addr).packed
    v4 = ipaddress.IPv4Address(bytes(raw[p] for p in _positions(length)))
    prefix = ipaddress.IPv6Network((raw[:length // 8] + bytes(16 - length // 8), length))
    return v4, prefix, raw[8]


def prefix_of(text):
    """Parses 'addr/len' and checks it is an RFC 6052 prefix; ValueError says why not."""
    net = ipaddress.IPv6Network(text, strict=True)
    if net.prefixlen not in LENGTHS:
        raise ValueError(f"{text}: RFC 6052 allows prefix lengths {', '.join(map(str, LENGTHS))}")
    return net
