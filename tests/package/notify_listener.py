#!/usr/bin/env python3
"""Stands where systemd's NOTIFY_SOCKET would be: binds a datagram socket at PATH (writable by everyone, so a
kiosk running as another user can send), and prints every message it receives, one per line, with the
seconds since it started, until SECONDS have passed. Usage: notify_listener.py PATH SECONDS"""
import os
import socket
import sys
import time

path, seconds = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o777)
print("LISTENING", flush=True)
start = time.monotonic()
while True:
    left = seconds - (time.monotonic() - start)
    if left <= 0:
        break
    s.settimeout(left)
    try:
        data = s.recv(4096)
    except socket.timeout:
        break
    for line in data.decode("utf-8", "replace").splitlines():
        print("%.3f %s" % (time.monotonic() - start, line), flush=True)
