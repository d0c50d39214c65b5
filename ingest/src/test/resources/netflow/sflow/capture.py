#!/usr/bin/env python3
"""Receives UDP datagrams on 127.0.0.1:PORT until IDLE seconds pass without one (after the first),
and writes them as [u32 big-endian length][payload]... to OUT."""
import socket, struct, sys
port, out, idle = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 4.0
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", port))
s.settimeout(30.0)
n = 0
with open(out, "wb") as f:
    while True:
        try: d = s.recv(65535)
        except socket.timeout: break
        f.write(struct.pack("!I", len(d)) + d); n += 1; s.settimeout(idle)
print(n, "datagrams to", out)
