#!/usr/bin/env python3
"""Writes a pcap of known flows (and 5 ARP frames) and the truth (per flow: packets, IP-layer bytes) as CSV.

usage: make-pcap.py OUT.pcap OUT-truth.csv REPEAT
Every flow's packet count is multiplied by REPEAT. Deterministic: no randomness."""
import socket, struct, sys

out_pcap, out_truth, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
MAC_A, MAC_B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ipv4(src, dst, proto, l4, options=b""):
    ihl = 5 + len(options) // 4
    total = ihl * 4 + len(l4)
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, total, 1, 0, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst)) + options
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + l4

def ipv6(src, dst, proto, l4, hop_by_hop=False):
    payload, nxt = l4, proto
    if hop_by_hop:  # 8 bytes: next header, length 0, router alert option + padN
        payload = struct.pack("!BB", proto, 0) + bytes.fromhex("050200000100") + l4
        nxt = 0
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nxt, 64,
                       socket.inet_pton(socket.AF_INET6, src), socket.inet_pton(socket.AF_INET6, dst)) + payload

def eth(ethertype, payload, vlan=None):
    tag = struct.pack("!HH", 0x8100, vlan) if vlan is not None else b""
    frame = MAC_B + MAC_A + tag + struct.pack("!H", ethertype) + payload
    return frame + b"\0" * max(0, 60 - len(frame))  # Ethernet minimum: padding is not IP bytes

tcp = lambda sp, dp, n: struct.pack("!HHIIBBHHH", sp, dp, 1, 0, 5 << 4, 0x18, 65535, 0, 0) + b"x" * n
udp = lambda sp, dp, n: struct.pack("!HHHH", sp, dp, 8 + n, 0) + b"u" * n
icmp = lambda t, c, n: struct.pack("!BBHHH", t, c, 0, 1, 1) + b"i" * n

# (name, src, dst, proto, sport, dport, packets, builder(i) -> (frame, ip_bytes))
FLOWS = []
def flow(src, dst, proto, sport, dport, count, build):
    FLOWS.append((src, dst, proto, sport, dport, count, build))

size = lambda i, base: (i * 37) % base
flow("10.0.0.1", "192.0.2.10", 6, 40000, 443, 40,
     lambda i: eth(0x0800, ipv4("10.0.0.1", "192.0.2.10", 6, tcp(40000, 443, size(i, 1400)))))
flow("10.0.0.2", "198.51.100.7", 17, 5353, 53, 30,
     lambda i: eth(0x0800, ipv4("10.0.0.2", "198.51.100.7", 17, udp(5353, 53, size(i, 300)))))
flow("10.0.0.3", "203.0.113.9", 1, 0, 8 << 8, 20,
     lambda i: eth(0x0800, ipv4("10.0.0.3", "203.0.113.9", 1, icmp(8, 0, 56))))
flow("10.0.0.4", "192.0.2.20", 17, 1234, 4321, 20,  # IHL 6: a router-alert option
     lambda i: eth(0x0800, ipv4("10.0.0.4", "192.0.2.20", 17, udp(1234, 4321, size(i, 200)), b"\x94\x04\0\0")))
flow("10.0.1.1", "10.0.2.2", 17, 7000, 7001, 20,  # 802.1Q VLAN 42
     lambda i: eth(0x0800, ipv4("10.0.1.1", "10.0.2.2", 17, udp(7000, 7001, size(i, 500))), vlan=42))
flow("2001:db8::1", "2001:db8:ffff::80", 6, 50000, 80, 30,
     lambda i: eth(0x86DD, ipv6("2001:db8::1", "2001:db8:ffff::80", 6, tcp(50000, 80, size(i, 1200)))))
flow("2001:db8::2", "2001:db8:ffff::53", 17, 5000, 53, 20,
     lambda i: eth(0x86DD, ipv6("2001:db8::2", "2001:db8:ffff::53", 17, udp(5000, 53, size(i, 200)), hop_by_hop=True)))
flow("2001:db8::3", "2001:db8:ffff::1", 58, 0, 128 << 8, 10,
     lambda i: eth(0x86DD, ipv6("2001:db8::3", "2001:db8:ffff::1", 58, icmp(128, 0, 32))))

ARP = eth(0x0806, struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, MAC_A, socket.inet_aton("10.0.0.1"),
                                b"\0" * 6, socket.inet_aton("10.0.0.254")))

def ip_bytes(frame):
    off = 14 + (4 if frame[12:14] == b"\x81\x00" else 0)
    et = struct.unpack("!H", frame[off - 2:off])[0]
    if et == 0x0800: return struct.unpack("!H", frame[off + 2:off + 4])[0]
    if et == 0x86DD: return 40 + struct.unpack("!H", frame[off + 4:off + 6])[0]
    raise ValueError(et)

frames, truth = [], []
for (src, dst, proto, sport, dport, count, build) in FLOWS:
    n, b, b2 = count * repeat, 0, 0
    for i in range(n):
        f = build(i)
        frames.append(f); b += ip_bytes(f); b2 += ip_bytes(f) ** 2
    truth.append((src, dst, proto, sport, dport, n, b, b2))
frames.extend([ARP] * 5)
# interleave deterministically so flows overlap in time
frames = [f for _, f in sorted(enumerate(frames), key=lambda p: (p[0] * 7919) % len(frames))]
# pmacctd's sfprobe does not send its last, partly filled datagram when the pcap ends: a tail of
# filler packets (its own flow, marked "tail" in the truth) pushes the flows above out before it.
TAIL = 100
frames.extend(eth(0x0800, ipv4("192.0.2.254", "192.0.2.253", 17, udp(9, 9, 10))) for _ in range(TAIL))

with open(out_pcap, "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for k, f in enumerate(frames):
        out.write(struct.pack("<IIII", 1700000000 + k // 100, (k % 100) * 10000, len(f), len(f)) + f)
with open(out_truth, "w") as out:
    out.write("role,src,dst,proto,srcPort,dstPort,packets,ipBytes,ipBytesSquared\n")
    for t in truth: out.write("flow," + ",".join(map(str, t)) + "\n")
    out.write("tail,192.0.2.254,192.0.2.253,17,9,9,%d,%d,%d\n" % (TAIL, TAIL * 38, TAIL * 38 * 38))
print(len(frames), "frames")
