"""Hostile traffic against a running Portico server, measured from outside.

Called by abuse.sh, which starts the servers; standard library only. Each
check prints one JSON line: what was done, what was measured, and whether it
met the target from SECURITY.md.
"""

import asyncio
import json
import os
import socket
import sys
import time

DEMO_PASSWORD = "portico-demo"


def rss_mb(pid, key="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


async def request(port, method, path, body=None, headers=None, timeout=30.0, raw_body=None):
    """One HTTP/1.1 request on a fresh connection: (status, headers, body)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        data = raw_body if raw_body is not None else (json.dumps(body).encode() if body is not None else b"")
        head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close",
                f"Content-Length: {len(data)}"]
        if body is not None:
            head.append("Content-Type: application/json")
        for k, v in (headers or {}).items():
            head.append(f"{k}: {v}")
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    status_line, _, rest = raw.partition(b"\r\n")
    parts = status_line.split()
    status = int(parts[1]) if len(parts) > 1 else 0
    header_blob, _, payload = rest.partition(b"\r\n\r\n")
    hdrs = {}
    for line in header_blob.split(b"\r\n"):
        k, _, v = line.partition(b":")
        hdrs[k.strip().lower().decode()] = v.strip().decode()
    return status, hdrs, payload


async def login(port, email, password=DEMO_PASSWORD, headers=None):
    s, _, body = await request(port, "POST", "/api/v1/auth/login",
                               {"email": email, "password": password}, headers)
    return s, (json.loads(body)["token"] if s == 200 else None)


async def status_of(coro):
    try:
        return (await coro)[0]
    except Exception:
        return 0


def report(name, target_met, **measured):
    print(json.dumps({"check": name, "met": bool(target_met), **measured}), flush=True)


async def flood(port, pid):
    """1,200 concurrent bogus invite codes and sign-ins; health probed throughout."""
    before = rss_mb(pid)
    probes, done = [], asyncio.Event()

    async def probe():
        while not done.is_set():
            t = time.monotonic()
            s = await status_of(request(port, "GET", "/healthz", timeout=2.0))
            probes.append((s, time.monotonic() - t))
            await asyncio.sleep(0.25)

    peak = [before]

    async def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb(pid))
            await asyncio.sleep(0.05)

    watchers = [asyncio.create_task(probe()), asyncio.create_task(sample())]
    calls = []
    for i in range(600):
        calls.append(status_of(request(port, "POST", "/api/v1/invites/accept",
                                       {"code": f"{i:064x}", "password": "a long enough password"})))
        calls.append(status_of(request(port, "POST", "/api/v1/auth/login",
                                       {"email": f"nobody{i}@example.com", "password": "wrong password!"})))
    t0 = time.monotonic()
    statuses = await asyncio.gather(*calls)
    took = time.monotonic() - t0
    await asyncio.sleep(0.5)
    done.set()
    await asyncio.gather(*watchers)
    await asyncio.sleep(10)
    after = rss_mb(pid)
    failed_probes = sum(1 for s, _ in probes if s != 200)
    counts = {str(s): statuses.count(s) for s in sorted(set(statuses))}
    report("flood: 1,200 concurrent bogus codes and sign-ins", failed_probes == 0 and peak[0] < 150 and after < 60,
           answers=counts, seconds=round(took, 1), health_probes=len(probes), health_failed=failed_probes,
           slowest_probe_ms=round(max((d for _, d in probes), default=0) * 1000, 1),
           rss_before_mb=round(before, 1), rss_peak_mb=round(peak[0], 1), rss_10s_after_mb=round(after, 1))


async def concurrent_guesses(port):
    statuses = await asyncio.gather(*[
        status_of(request(port, "POST", "/api/v1/auth/login",
                          {"email": "ana@northwind.example", "password": "wrong password!"}))
        for _ in range(40)])
    evaluated = statuses.count(401)
    report("40 concurrent wrong passwords for one account", evaluated <= 6,
           evaluated=evaluated, refused_429=statuses.count(429), busy_503=statuses.count(503))


async def forged_forwarded_for(port):
    for i in range(5):
        await request(port, "POST", "/api/v1/auth/login",
                      {"email": "ben@northwind.example", "password": "wrong password!"},
                      {"X-Forwarded-For": f"203.0.113.{i}"})
    s, _ = await login(port, "ben@northwind.example", headers={"X-Forwarded-For": "198.51.100.9"})
    report("forged X-Forwarded-For from an untrusted peer", s == 429, status_with_new_forged_address=s)


async def trusted_proxy(port):
    attacker = {"X-Forwarded-For": "203.0.113.66"}
    statuses = [await status_of(request(port, "POST", "/api/v1/auth/login",
                                        {"email": "ana@northwind.example", "password": "wrong password!"},
                                        attacker)) for _ in range(10)]
    attacker_right, _ = await login(port, "ana@northwind.example", headers=attacker)
    owner, _ = await login(port, "ana@northwind.example", headers={"X-Forwarded-For": "198.51.100.20"})
    report("trusted proxy: owner signs in after 10 failures from an attacker", owner == 200 and attacker_right == 429,
           attacker_statuses={str(s): statuses.count(s) for s in set(statuses)},
           attacker_with_right_password=attacker_right, owner_from_elsewhere=owner)


async def password_change(port):
    _, token = await login(port, "carla@globex.example")
    auth = {"Authorization": f"Bearer {token}"}
    statuses = [await status_of(request(port, "POST", "/api/v1/auth/password",
                                        {"current_password": "not it at all", "new_password": "a new password here"},
                                        auth)) for _ in range(20)]
    report("20 wrong current passwords at /auth/password", statuses.count(429) >= 15,
           answers={str(s): statuses.count(s) for s in set(statuses)})


async def idle_sockets(port):
    socks = []
    for _ in range(1500):
        s = socket.socket()
        s.connect(("127.0.0.1", port))
        socks.append(s)
    t = time.monotonic()
    health = await status_of(request(port, "GET", "/healthz", timeout=2.0))
    health_ms = (time.monotonic() - t) * 1000
    start = time.monotonic()
    open_socks = list(socks)
    while open_socks and time.monotonic() - start < 60:
        await asyncio.sleep(1)
        still = []
        for s in open_socks:
            s.setblocking(False)
            try:
                if s.recv(1) == b"":
                    s.close()
                    continue
            except BlockingIOError:
                pass
            except OSError:
                s.close()
                continue
            still.append(s)
        open_socks = still
    closed_after = time.monotonic() - start
    for s in open_socks:
        s.close()
    report("1,500 idle sockets", health == 200 and not open_socks and closed_after <= 45,
           healthz=health, healthz_ms=round(health_ms, 1), all_closed_after_s=round(closed_after, 1),
           still_open=len(open_socks))


async def streams(port):
    _, ana = await login(port, "ana@northwind.example")
    _, ben = await login(port, "ben@northwind.example")
    held, statuses = [], []
    for _ in range(60):
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(f"GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {ana}\r\n\r\n".encode())
        await w.drain()
        line = await r.readline()
        status = int(line.split()[1])
        statuses.append(status)
        if status == 200:
            held.append(w)
        else:
            w.close()
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(f"GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {ben}\r\n\r\n".encode())
    await w.drain()
    other = int((await r.readline()).split()[1])
    w.close()
    for w in held:
        w.close()
    report("60 event streams by one person", statuses.count(200) <= 32 and other == 200,
           opened=statuses.count(200), refused_429=statuses.count(429), another_person=other)


async def uploads(port, pid):
    _, token = await login(port, "sam@portico.example")
    size = 20 * 1024 * 1024
    boundary = "portico-bench-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    body = head + os.urandom(size) + f"\r\n--{boundary}--\r\n".encode()
    hdrs = {"Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"}
    before = rss_mb(pid)
    peak = [before]
    done = asyncio.Event()

    async def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb(pid))
            await asyncio.sleep(0.02)

    watcher = asyncio.create_task(sample())
    statuses = await asyncio.gather(*[status_of(request(port, "POST", "/api/v1/attachments", headers=hdrs,
                                                        raw_body=body, timeout=120)) for _ in range(12)])
    done.set()
    await watcher
    added = peak[0] - before
    report("12 parallel 20 MB uploads", added < 100 and statuses.count(201) == 12,
           created=statuses.count(201), rss_before_mb=round(before, 1), rss_peak_mb=round(peak[0], 1),
           added_mb=round(added, 1))


async def hostile_search(port):
    _, token = await login(port, "sam@portico.example")
    auth = {"Authorization": f"Bearer {token}"}
    words = ["%00", "%22", "%22%22%22", "a%20AND%20", "NEAR(a%20b)", "*", "-x", "body:x", "(", "^", "x" * 3000,
             "%27%3B%20DROP%20TABLE%20tickets%3B--"]
    statuses = [await status_of(request(port, "GET", f"/api/v1/tickets?view=all&q={w}", headers=auth)) for w in words]
    report("hostile search strings", all(200 <= s < 500 for s in statuses), statuses=statuses)


async def main():
    kind, port, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if kind == "open":
        await flood(port, pid)
        await uploads(port, pid)
        await streams(port)
        await hostile_search(port)
        await idle_sockets(port)
    elif kind == "throttled":
        await concurrent_guesses(port)
        await forged_forwarded_for(port)
        await password_change(port)
    elif kind == "proxied":
        await trusted_proxy(port)


asyncio.run(main())
