#!/usr/bin/python3
"""Writes flows.pcap (Ethernet frames) and truth.csv (per flow: packets and IP-layer bytes) for the
fixture captures. Each flow's packets are consecutive, of one size, and even in number, so a
deterministic 1-in-2 sampler keeps exactly half of each flow."""
import ipaddress, struct, sys

BASE = 1767225600  # 2026-01-01T00:00:00Z

def checksum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def l4(proto, sport, dport, payload, typecode):
    if proto == 6:   # TCP, ACK|PSH
        return struct.pack('!HHIIBBHHH', sport, dport, 1, 1, 5 << 4, 0x18, 65535, 0, 0) + payload
    if proto == 17:
        return struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
    return struct.pack('!BBHHH', typecode >> 8, typecode & 0xff, 0, 1, 1) + payload  # ICMP / ICMPv6 echo

def frame(src, dst, proto, sport, dport, size, typecode):
    s, d = ipaddress.ip_address(src), ipaddress.ip_address(dst)
    if s.version == 4:
        body = l4(proto, sport, dport, b'', typecode)
        body += b'x' * (size - 20 - len(body))
        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, size, 1, 0, 64, proto, 0, s.packed, d.packed)
        ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
        return b'\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00' + ip + body
    body = l4(proto, sport, dport, b'', typecode)
    body += b'x' * (size - 40 - len(body))
    ip = struct.pack('!IHBB16s16s', 6 << 28, len(body), proto, 64, s.packed, d.packed)
    return b'\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x86\xdd' + ip + body

# src, dst, proto, sport, dport (ICMP: type<<8|code), packets, IP bytes per packet
FLOWS = [
    ('10.0.1.1', '10.0.2.2', 6, 40000, 443, 6, 1000),
    ('10.0.2.2', '10.0.1.1', 6, 443, 40000, 4, 60),
    ('10.0.1.1', '10.0.2.3', 17, 5353, 53, 2, 120),
    ('10.0.1.4', '10.0.2.2', 1, 0, 8 << 8, 4, 84),
    ('192.168.7.9', '10.0.2.2', 17, 123, 123, 8, 76),
    ('2001:db8::1', '2001:db8::2', 6, 50000, 80, 4, 1300),
    ('2001:db8::3', '2001:db8::4', 17, 9999, 53, 2, 200),
    ('2001:db8::1', '2001:db8::5', 58, 0, 128 << 8, 6, 104),
]

def main(out):
    t = 0
    with open(out + '/flows.pcap', 'wb') as f, open(out + '/truth.csv', 'w') as truth:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        truth.write('src,dst,protocol,srcPort,dstPort,packets,bytes\n')
        for src, dst, proto, sport, dport, n, size in FLOWS:
            fr = frame(src, dst, proto, sport, dport, size, dport)
            for _ in range(n):
                t += 100_000  # 100 ms apart
                f.write(struct.pack('<IIII', BASE + t // 1_000_000, t % 1_000_000, len(fr), len(fr)) + fr)
            truth.write('%s,%s,%d,%d,%d,%d,%d\n' % (src, dst, proto, sport, dport, n, n * size))

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
