#!/usr/bin/python3
"""receive.py HOST PORT OUT IDLE_SECONDS: writes every UDP datagram received on HOST:PORT to OUT, each
as a 4-byte big-endian length then the payload, until IDLE_SECONDS pass without one (after the first)."""
import socket, struct, sys

host, port, out, idle = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
s = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET, socket.SOCK_DGRAM)
s.bind((host, port))
s.settimeout(60)
n = 0
with open(out, 'wb') as f:
    try:
        while True:
            data = s.recv(65535)
            f.write(struct.pack('!I', len(data)) + data)
            n += 1
            s.settimeout(idle)
    except socket.timeout:
        pass
print('%s: %d datagrams' % (out, n))
