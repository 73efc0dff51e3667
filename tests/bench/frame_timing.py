#!/usr/bin/env python3
"""Time the terminal app through a real pseudo-terminal: start to first frame,
and key press to redraw, against a running server.

usage: frame_timing.py PORTICO_BIN SERVER_URL TOKEN [PRESSES]
Prints one line: first_frame_ms p50_redraw_ms p99_redraw_ms presses
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


def read_for(fd, seconds):
    """Everything the app writes within `seconds`."""
    out = b""
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return out
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                return out


def main():
    binary, server, token = sys.argv[1:4]
    presses = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    env = dict(os.environ, PORTICO_SERVER=server, PORTICO_TOKEN=token, TERM="xterm-256color")
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    # First frame: the first write that draws a screenful (not just mode switches).
    seen = b""
    first_frame = None
    while first_frame is None and time.monotonic() - started < 10:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            seen += os.read(fd, 65536)
            if len(seen) > 1000:
                first_frame = time.monotonic() - started
    # Let the dashboard load, open the inbox (`t`), then time each `j`/`k`.
    read_for(fd, 1.5)
    os.write(fd, b"t")
    read_for(fd, 1.5)
    redraws = []
    for i in range(presses):
        key = b"j" if (i // 20) % 2 == 0 else b"k"
        t0 = time.monotonic()
        os.write(fd, key)
        ready, _, _ = select.select([fd], [], [], 1.0)
        if ready:
            os.read(fd, 65536)
            redraws.append(time.monotonic() - t0)
        read_for(fd, 0.03)
    os.write(fd, b"q")
    read_for(fd, 0.5)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    redraws.sort()
    p = lambda q: redraws[min(len(redraws) - 1, int(q * len(redraws)))] * 1000 if redraws else float("nan")
    ff = first_frame * 1000 if first_frame else float("nan")
    print(f"{ff:.1f} {p(0.5):.2f} {p(0.99):.2f} {len(redraws)}")


main()
