#!/usr/bin/env python3
"""Prints Ethernet frames as hex, one a line, for `ovs-appctl netdev-dummy/receive p1 HEX`, and
writes their truth (same CSV layout as make-pcap.py's) to OUT-truth.csv.

usage: make-ovs-frames.py OUT-truth.csv > frames.txt"""
import socket, struct, sys

def ipv4(src, dst, proto, l4):
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, 0, 64, proto, 0,
                       socket.inet_aton(src), socket.inet_aton(dst)) + l4
def ipv6(src, dst, proto, l4):
    return struct.pack("!IHBB16s16s", 0x60000000, len(l4), proto, 64, socket.inet_pton(socket.AF_INET6, src),
                       socket.inet_pton(socket.AF_INET6, dst)) + l4
def eth(ethertype, payload):
    f = bytes.fromhex("020000000002020000000001") + struct.pack("!H", ethertype) + payload
    return f + b"\0" * max(0, 60 - len(f))
udp = lambda sp, dp, n: struct.pack("!HHHH", sp, dp, 8 + n, 0) + b"u" * n
tcp = lambda sp, dp, n: struct.pack("!HHIIBBHHH", sp, dp, 1, 0, 0x50, 0x18, 65535, 0, 0) + b"x" * n
icmp = lambda t, c, n: struct.pack("!BBHHH", t, c, 0, 1, 1) + b"i" * n

FLOWS = [  # src, dst, proto, sport, dport, [ip packets]
    ("10.0.0.1", "192.0.2.10", 17, 1111, 2222, [ipv4("10.0.0.1", "192.0.2.10", 17, udp(1111, 2222, 100 + i)) for i in range(10)]),
    ("10.0.0.3", "203.0.113.9", 1, 0, 8 << 8, [ipv4("10.0.0.3", "203.0.113.9", 1, icmp(8, 0, 8)) for _ in range(4)]),
    ("2001:db8::1", "2001:db8::2", 6, 3333, 443, [ipv6("2001:db8::1", "2001:db8::2", 6, tcp(3333, 443, 200 + i)) for i in range(5)]),
]
with open(sys.argv[1], "w") as out:
    out.write("role,src,dst,proto,srcPort,dstPort,packets,ipBytes,ipBytesSquared\n")
    for src, dst, proto, sport, dport, packets in FLOWS:
        out.write("flow,%s,%s,%d,%d,%d,%d,%d,%d\n" % (src, dst, proto, sport, dport, len(packets),
                  sum(map(len, packets)), sum(len(p) ** 2 for p in packets)))
for src, dst, proto, sport, dport, packets in FLOWS:
    for p in packets:
        print(eth(0x86DD if ":" in src else 0x0800, p).hex())
