#!/usr/bin/env python3
"""Receives UDP datagrams on 127.0.0.1:PORT until IDLE seconds pass without one (after the first),
or, if given, MAX seconds have passed since the start, and writes them as
[u32 big-endian length][payload]... to OUT.

usage: capture.py PORT OUT [IDLE [MAX]]"""
import socket, struct, sys, time
port, out, idle = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 4.0
deadline = time.time() + (float(sys.argv[4]) if len(sys.argv) > 4 else 1e9)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", port))
s.settimeout(30.0)
n = 0
with open(out, "wb") as f:
    while True:
        try: d = s.recv(65535)
        except socket.timeout: break
        f.write(struct.pack("!I", len(d)) + d); f.flush(); n += 1; s.settimeout(idle)
        if time.time() > deadline: break
print(n, "datagrams to", out)
