#!/usr/bin/env python3
"""Raw-socket probes of feedd's protocol server, for tests/socket-*.sh.

    socket-probe.py proto SOCKET
        Bad input on one connection (garbage bytes, malformed JSON, a
        request that is not an object, no "cmd", an unknown command, ...),
        each followed by a ping: the answer to each, and whether the
        connection still answered.
    socket-probe.py bigline SOCKET PID MBYTES
        A request line of MBYTES MiB sent in 1 MiB chunks without a newline,
        then the newline, then a ping on the same connection; feedd's VmRSS
        sampled all along.
    socket-probe.py edge SOCKET
        Lines around the limit (PROTO_LINE_MAX, 1 MiB with the newline):
        exactly the limit, one byte over, and 100 bytes over sent in two
        writes so that the newline arrives in the same read as the end.
    socket-probe.py idle SOCKET PID N [PINGS]
        N idle connections held open; which of them got "busy"; then PINGS
        (default 20) pings, each from a new connection, timed from
        connect() to the answer; then a ping on the oldest and the newest
        idle connection; then all closed and one more ping.
    socket-probe.py peer SOCKET
        (run as another user) connect, send a ping, read: what happened.
    socket-probe.py slow SOCKET PID FEEDREF... --expect N [--stagger]
        [--tag T] [--pace FILE]
        A follower that never reads (after the "ok" of follow; cursor
        slowT) and one that reads (cursor fastT); a refresh of FEEDREFs
        (with wait; with --stagger, one refresh per feed, one after the
        other, each once the reader, and the follower writing FILE, have
        all the stories so far) on a third connection; a fourth pings every
        50 ms.  Expects N new stories.  Then the slow follower's socket is
        read to its end.
    socket-probe.py backlog SOCKET PID CURSOR N
        follow on CURSOR, which has N stories waiting, reading at once.
    socket-probe.py rss PID
        VmRSS and VmHWM of PID, in kB.

Each prints one JSON object (the results) on stdout; the shell test judges
them.  Times are from time.monotonic(), in milliseconds.  Every wait is
bounded.  Exit status 0 unless the probe itself could not run.
"""

import errno
import json
import os
import select
import socket
import statistics
import sys
import threading
import time

LINE_MAX = 1 << 20


def status_kb(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class RssSampler(threading.Thread):
    """VmRSS of pid every period seconds until stop()."""

    def __init__(self, pid, period=0.02):
        super().__init__(daemon=True)
        self.pid, self.period = pid, period
        self.max_kb = self.first_kb = status_kb(pid, "VmRSS")
        self.samples = 0
        self.halt = threading.Event()

    def sample(self):
        kb = status_kb(self.pid, "VmRSS")
        if kb is not None:
            self.samples += 1
            self.max_kb = max(self.max_kb or 0, kb)

    def run(self):
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(self.period)

    def stop(self):
        self.halt.set()
        self.join(5)
        return {"rss_first_kb": self.first_kb, "rss_max_kb": self.max_kb,
                "rss_samples": self.samples,
                "rss_end_kb": status_kb(self.pid, "VmRSS")}


class Conn:
    """One connection; lines read with a deadline."""

    def __init__(self, path, timeout=10):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # A blocking connect() waits while the listen backlog is full;
        # with a timeout set, Python makes it non-blocking: EAGAIN.
        self.s.connect(path)
        self.s.settimeout(timeout)
        self.buf = b""
        self.eof = False

    def send(self, data):
        if isinstance(data, dict):
            data = (json.dumps(data) + "\n").encode()
        self.s.sendall(data)

    def line(self, timeout=10):
        """The next line (bytes, without the newline), or None at EOF or
        when nothing came within timeout."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or self.eof:
                return None
            self.s.settimeout(left)
            try:
                chunk = self.s.recv(65536)
            except socket.timeout:
                return None
            except ConnectionResetError:
                self.eof = True
                return None
            if not chunk:
                self.eof = True
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line

    def msg(self, timeout=10):
        line = self.line(timeout)
        if line is None:
            return None
        try:
            return json.loads(line)
        except ValueError:
            return {"unparsable": line[:300].decode("utf-8", "replace")}

    def call(self, req, timeout=10):
        """Sends req; returns (events before, response)."""
        self.send(req)
        before = []
        deadline = time.monotonic() + timeout
        while True:
            m = self.msg(max(0.0, deadline - time.monotonic()))
            if m is None:
                return before, None
            if "ok" in m and m.get("id") == req.get("id"):
                return before, m
            before.append(m)

    def close(self):
        self.s.close()


def out(obj):
    json.dump(obj, sys.stdout)
    sys.stdout.write("\n")


# Under valgrind (make check-valgrind) every wait is this much longer.
SCALE = int(os.environ.get("FEEDD_TEST_TIMESCALE") or 1)


def ping_ms(path, timeout=5):
    """A new connection, a ping: (ms from connect to answer, response)."""
    timeout *= SCALE
    t0 = time.monotonic()
    try:
        c = Conn(path, timeout)
    except OSError as e:
        return (time.monotonic() - t0) * 1000, {"oserror": str(e)}
    try:
        before, r = c.call({"id": "p", "cmd": "ping"}, timeout)
        if r is None and before:
            r = before[-1]  # an answer with another id: "busy"
    except OSError as e:
        # Refused after accept ("busy"): what it said, if anything.
        try:
            r = c.msg(1) or {"oserror": str(e)}
        except OSError:
            r = {"oserror": str(e)}
    c.close()
    return (time.monotonic() - t0) * 1000, r


# ---- proto ----

CASES = [
    ("garbage", b"\x00\x01\xff\xfe\x80garbage \x1b[31m\x07\n", "bad_request",
     None),
    ("text", b"hello world\n", "bad_request", None),
    ("truncated", b'{"id": 3, "cmd": "ping", \n', "bad_request", None),
    ("array", b'[{"id": 4, "cmd": "ping"}]\n', "bad_request", None),
    ("string", b'"ping"\n', "bad_request", None),
    ("nul", b'{"id": 6, "cmd": "ping"\x00}\n', "bad_request", None),
    ("bad_utf8", b'{"id": 7, "cmd": "p\xffing"}\n', "bad_request", None),
    ("deep", b'{"id": 8, "cmd": "ping", "x": ' + b"[" * 100000 + b"\n",
     "bad_request", None),
    ("duplicate_key", b'{"id": 9, "cmd": "ping", "cmd": "ping"}\n',
     "bad_request", None),
    # Valid JSON objects with an id: the answer should carry it.
    ("no_cmd", b'{"id": 10}\n', "bad_request", 10),
    ("cmd_not_string", b'{"id": 11, "cmd": 42}\n', "bad_request", 11),
    ("unknown", b'{"id": 12, "cmd": "frobnicate"}\n', "unknown_command", 12),
    ("unknown_long", b'{"id": 13, "cmd": "' + b"z" * 5000 + b'"}\n',
     "unknown_command", 13),
    ("bad_field", b'{"id": 14, "cmd": "remove", "feed": {"x": 1}}\n',
     "bad_request", 14),
]


def cmd_proto(path):
    c = Conn(path)
    res = {"cases": []}
    for n, (name, data, code, want_id) in enumerate(CASES):
        c.send(data)
        first = c.msg(5)
        pid = "after-%d" % n
        _, pong = c.call({"id": pid, "cmd": "ping"}, 5)
        err = (first or {}).get("error") or {}
        res["cases"].append({
            "name": name, "want_code": code, "want_id": want_id,
            "resp": first, "ok": (first or {}).get("ok"),
            "code": err.get("code"), "id": (first or {}).get("id"),
            "message": err.get("message"),
            "then_ping": bool(pong and pong.get("ok") and
                              pong.get("id") == pid)})
    # An empty line is no request: the next answer is the ping's.
    c.send(b"\n")
    _, pong = c.call({"id": "after-empty", "cmd": "ping"}, 5)
    res["empty_line_then_ping"] = bool(pong and pong.get("ok"))
    # Pipelined requests in one write: answered in order, ids echoed.
    c.send(b'{"id": "a", "cmd": "ping"}\n{"id": "b", "cmd": "hello"}\n'
           b'{"id": "c", "cmd": "nope"}\n{"id": "d", "cmd": "ping"}\n')
    got = [c.msg(5) for _ in range(4)]
    res["pipelined_ids"] = [(g or {}).get("id") for g in got]
    res["pipelined_ok"] = [(g or {}).get("ok") for g in got]
    c.close()
    out(res)


# ---- bigline ----

def cmd_bigline(path, pid, mbytes):
    c = Conn(path, 60)
    # The reader has a socket object of its own (a dup): Python keeps
    # the timeout per object, and the sender's must not change under it.
    rc = Conn.__new__(Conn)
    rc.s, rc.buf, rc.eof = c.s.dup(), b"", False
    got = []
    stop = threading.Event()

    def reader():
        # Collects every line until the "after" ping's answer.
        while not stop.is_set():
            m = rc.msg(0.2)
            if m is not None:
                got.append((time.monotonic(), m))
                if m.get("id") == "after":
                    return
            elif rc.eof:
                return

    sampler = RssSampler(pid)
    sampler.start()
    rd = threading.Thread(target=reader, daemon=True)
    rd.start()
    t0 = time.monotonic()
    chunk = b"x" * (1 << 20)
    sent = 0
    send_error = None
    try:
        c.s.settimeout(60)
        c.s.sendall(b'{"id": "big", "cmd": "ping", "pad": "')
        for _ in range(mbytes):
            c.s.sendall(chunk)
            sent += len(chunk)
            sampler.sample()  # once a MiB as well: the send is quick
        t_sent = time.monotonic()
        c.s.sendall(b'"}\n')
        c.s.sendall(b'{"id": "after", "cmd": "ping"}\n')
    except OSError as e:
        send_error = str(e)
        t_sent = time.monotonic()
    rd.join(30)
    stop.set()
    t_end = time.monotonic()
    res = sampler.stop()
    msgs = [m for _, m in got]
    after = [m for m in msgs if m.get("id") == "after"]
    res.update({
        "sent_bytes": sent, "send_error": send_error,
        "send_seconds": round(t_sent - t0, 3),
        "total_seconds": round(t_end - t0, 3),
        "messages": msgs[:10], "n_messages": len(msgs),
        "too_large": sum(1 for m in msgs if (m.get("error") or {}).get("code")
                         == "too_large"),
        "big_answered": any(m.get("id") == "big" for m in msgs),
        "after_ok": bool(after and after[0].get("ok")),
        "first_error_ms": round((got[0][0] - t0) * 1000, 1) if got else None,
    })
    # The connection is still usable for more.
    c.buf = rc.buf
    rc.s.close()
    try:
        _, r = c.call({"id": "again", "cmd": "status"}, 10)
        res["again_ok"] = bool(r and r.get("ok"))
    except OSError as e:
        res["again_ok"] = False
        res["again_error"] = str(e)
    c.close()
    out(res)


# ---- edge ----

def padded(total):
    """A ping request of exactly total bytes, newline included."""
    head, tail = b'{"id": "edge", "cmd": "ping", "pad": "', b'"}\n'
    return head + b"y" * (total - len(head) - len(tail)) + tail


def edge_case(path, total, split=None):
    c = Conn(path)
    data = padded(total)
    if split is None:
        c.s.sendall(data)
    else:
        c.s.sendall(data[:split])
        time.sleep(0.3)  # let the daemon read all of that part
        c.s.sendall(data[split:])
    first = c.msg(10)
    _, pong = c.call({"id": "next", "cmd": "ping"}, 10)
    c.close()
    return {"bytes": total, "split": split, "resp": first,
            "ok": (first or {}).get("ok"),
            "code": ((first or {}).get("error") or {}).get("code"),
            "then_ping": bool(pong and pong.get("ok"))}


def cmd_edge(path):
    out({"at_limit": edge_case(path, LINE_MAX),
         "over_by_1": edge_case(path, LINE_MAX + 1),
         "over_by_100_split": edge_case(path, LINE_MAX + 100,
                                        split=1000000),
         "over_by_60000_split": edge_case(path, LINE_MAX + 60000,
                                          split=1000000)})


# ---- idle ----

def cmd_idle(path, pid, n, pings=20):
    conns, connect_errors = [], []
    t0 = time.monotonic()
    for i in range(n):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)  # blocking: waits while the backlog is full
            s.settimeout(10)
            conns.append(s)
        except OSError as e:
            connect_errors.append(str(e))
            s.close()
    t_open = time.monotonic() - t0
    time.sleep(0.5)  # busy answers come at accept
    busy, closed, other = [], [], []
    for i, s in enumerate(conns):
        r, _, _ = select.select([s], [], [], 0)
        if not r:
            continue
        data = b""
        s.settimeout(1)
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except (socket.timeout, ConnectionResetError):
            pass
        try:
            m = json.loads(data.split(b"\n")[0]) if data else None
        except ValueError:
            m = {"unparsable": data[:200].decode("utf-8", "replace")}
        if m and (m.get("error") or {}).get("code") == "busy":
            busy.append(i)
        elif not data:
            closed.append(i)
        else:
            other.append(m)
    held = [s for i, s in enumerate(conns) if i not in busy and
            i not in closed]
    times, answers = [], []
    for _ in range(pings):
        ms, r = ping_ms(path)
        times.append(ms)
        answers.append(r)
        time.sleep(0.01)
    ok_pings = sum(1 for r in answers if r and r.get("ok"))
    # The oldest and newest held connections still answer.
    held_ok = []
    for s in ([held[0], held[-1]] if held else []):
        c = Conn.__new__(Conn)
        c.s, c.buf, c.eof = s, b"", False
        _, r = c.call({"id": "held", "cmd": "ping"}, 5)
        held_ok.append(bool(r and r.get("ok")))
    rss = status_kb(pid, "VmRSS")
    for s in conns:
        s.close()
    time.sleep(0.3)
    ms_after, r_after = ping_ms(path)
    out({"n": n, "connected": len(conns), "connect_errors": connect_errors[:3],
         "n_connect_errors": len(connect_errors),
         "open_seconds": round(t_open, 3), "busy": len(busy),
         "first_busy": busy[0] if busy else None, "closed": len(closed),
         "other": other[:3], "held": len(held),
         "ping_ms": [round(t, 2) for t in times],
         "ping_median_ms": round(statistics.median(times), 2),
         "ping_max_ms": round(max(times), 2), "pings_ok": ok_pings,
         "ping_answers": [a for a in answers if not (a and a.get("ok"))][:3],
         "ping_busy": sum(1 for a in answers if a and
                          (a.get("error") or {}).get("code") == "busy"),
         "held_ok": held_ok, "rss_kb": rss,
         "after_close_ms": round(ms_after, 2),
         "after_close_ok": bool(r_after and r_after.get("ok"))})


# ---- peer ----

def cmd_peer(path):
    res = {"uid": os.getuid(), "gid": os.getgid()}
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    t0 = time.monotonic()
    try:
        s.connect(path)
        s.settimeout(5)
        res["connect"] = "ok"
    except OSError as e:
        res["connect"] = errno.errorcode.get(e.errno, str(e))
        out(res)
        return
    try:
        s.sendall(b'{"id": 1, "cmd": "ping"}\n')
        res["send"] = "ok"
    except OSError as e:
        res["send"] = errno.errorcode.get(e.errno, str(e))
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                res["recv"] = "eof"
                break
            data += chunk
    except socket.timeout:
        res["recv"] = "timeout"
    except OSError as e:
        res["recv"] = errno.errorcode.get(e.errno, str(e))
    res["ms"] = round((time.monotonic() - t0) * 1000, 1)
    res["data"] = data[:300].decode("utf-8", "replace")
    out(res)


# ---- slow ----

class Reader(threading.Thread):
    """Reads a follower's connection as fast as Python can (raw bytes;
    JSON afterwards) until it saw `expect` lines, EOF, or timeout."""

    def __init__(self, conn, expect, timeout=60):
        super().__init__(daemon=True)
        self.c, self.expect, self.timeout = conn, expect, timeout
        self.items, self.other, self.end = [], [], None
        self.lines = 0

    def run(self):
        chunks = [self.c.buf]
        lines = self.lines = self.c.buf.count(b"\n")
        self.c.s.settimeout(self.timeout)
        while lines < self.expect:
            try:
                chunk = self.c.s.recv(1 << 20)
            except socket.timeout:
                self.end = "timeout"
                break
            except OSError as e:
                self.end = str(e)
                break
            if not chunk:
                self.end = "eof"
                break
            chunks.append(chunk)
            lines += chunk.count(b"\n")
            self.lines = lines
        for ln in b"".join(chunks).split(b"\n"):
            if not ln:
                continue
            try:
                m = json.loads(ln)
            except ValueError:
                self.other.append({"unparsable": ln[:120].decode(
                    "utf-8", "replace") + " ... " + ln[-200:].decode(
                    "utf-8", "replace")})
                continue
            if m.get("event") == "item":
                self.items.append(m["item"]["id"])
            else:
                self.other.append(m)

    def report(self, prefix):
        return {prefix + "_items": len(self.items),
                prefix + "_unique": len(set(self.items)),
                prefix + "_other": self.other[:3],
                prefix + "_end": self.end}


def lines_in(name, needle=b'"seq"'):
    try:
        with open(name, "rb") as f:
            return f.read().count(needle)
    except OSError:
        return 0


def cmd_slow(path, pid, refs, expect, stagger, tag, pace_file):
    sampler = RssSampler(pid)
    sampler.start()
    slow = Conn(path, 30)
    _, r = slow.call({"id": "slow", "cmd": "follow",
                      "cursor": "slow" + tag})
    res = {"slow_follow_ok": bool(r and r.get("ok"))}
    # From here on the slow follower reads nothing.
    fast = Conn(path, 30)
    _, r = fast.call({"id": "fast", "cmd": "follow", "cursor": "fast" + tag})
    res["fast_follow_ok"] = bool(r and r.get("ok"))
    reader = Reader(fast, expect)
    reader.start()
    pinger_times, pinger_fail = [], []
    pinger_stop = threading.Event()

    def pinger():
        while not pinger_stop.is_set():
            ms, r = ping_ms(path)
            if r and r.get("ok"):
                pinger_times.append(ms)
            else:
                pinger_fail.append(r)
            pinger_stop.wait(0.05)

    pt = threading.Thread(target=pinger, daemon=True)
    pt.start()
    t0 = time.monotonic()
    ref = Conn(path, 120)
    totals = {"ok": True, "new_stories": 0, "fetched": 0, "failed": 0}
    # Staggered: one feed per refresh, and the next one only when the
    # readers (this one, and the one writing pace_file) have caught up,
    # however busy the machine is: only the slow follower falls behind.
    res["pace_waits_ms"] = []
    for group in ([[x] for x in refs] if stagger else [refs]):
        _, r = ref.call({"id": "r", "cmd": "refresh", "feeds": group,
                         "wait": True}, 120)
        r = r or {"ok": False}
        totals["ok"] = totals["ok"] and bool(r.get("ok"))
        for k in ("new_stories", "fetched", "failed"):
            totals[k] += r.get(k, 0)
        if stagger:
            tw = time.monotonic()
            limit = tw + 20
            while time.monotonic() < limit and reader.is_alive() and (
                    reader.lines < totals["new_stories"] or
                    (pace_file and
                     lines_in(pace_file) < totals["new_stories"])):
                time.sleep(0.02)
            res["pace_waits_ms"].append(
                round((time.monotonic() - tw) * 1000))
    res["refresh"] = totals
    res["refresh_seconds"] = round(time.monotonic() - t0, 2)
    reader.join(30)
    pinger_stop.set()
    pt.join(10)
    res.update(sampler.stop())
    res.update(reader.report("fast"))
    res["ping_n"] = len(pinger_times)
    res["ping_failures"] = pinger_fail[:3]
    res["ping_max_ms"] = round(max(pinger_times), 2) if pinger_times else None
    res["ping_median_ms"] = (round(statistics.median(pinger_times), 2)
                             if pinger_times else None)
    # Now read the slow follower to its end.
    data = b""
    slow.s.settimeout(10)
    try:
        while True:
            chunk = slow.s.recv(1 << 20)
            if not chunk:
                res["slow_end"] = "eof"
                break
            data += chunk
    except socket.timeout:
        res["slow_end"] = "timeout (still open)"
    except OSError as e:
        res["slow_end"] = str(e)
    data = slow.buf + data
    lines = data.split(b"\n")
    res["slow_trailing_bytes"] = len(lines[-1])
    lines = lines[:-1]
    parsed, bad = [], []
    for ln in lines:
        try:
            parsed.append(json.loads(ln))
        except ValueError:
            bad.append(ln)
    res["slow_bytes"] = len(data)
    res["slow_lines"] = len(lines)
    res["slow_items"] = sum(1 for m in parsed if m.get("event") == "item")
    res["slow_max_seq"] = max((m["item"].get("seq", 0) for m in parsed
                               if m.get("event") == "item" and
                               isinstance(m.get("item"), dict) and
                               not m["item"].get("update")), default=0)
    res["slow_unparsable"] = len(bad)
    res["slow_unparsable_sample"] = [
        (b[:80] + b" ... " + b[-160:]).decode("utf-8", "replace")
        for b in bad[:2]]
    errors = [m for m in parsed if "error" in m]
    res["slow_errors"] = errors[:3]
    res["slow_too_slow"] = sum(1 for m in errors
                               if m["error"].get("code") == "too_slow")
    res["slow_last"] = parsed[-1] if parsed else None
    res["slow_last_raw"] = lines[-1][-200:].decode("utf-8", "replace") \
        if lines else None
    res["too_slow_anywhere"] = b'"too_slow"' in data
    # Other clients, afterwards.
    ms, r = ping_ms(path)
    res["ping_after_ms"] = round(ms, 2)
    res["ping_after_ok"] = bool(r and r.get("ok"))
    c = Conn(path, 30)
    _, r = c.call({"id": "n", "cmd": "new", "cursor": "other" + tag,
                   "peek": True, "limit": 5}, 30)
    res["new_after_ok"] = bool(r and r.get("ok"))
    c.close()
    out(res)


def cmd_backlog(path, pid, cursor, expect):
    """follow on a cursor with a backlog, reading at once."""
    sampler = RssSampler(pid)
    sampler.start()
    c = Conn(path, 30)
    t0 = time.monotonic()
    c.send({"id": "late", "cmd": "follow", "cursor": cursor})
    reader = Reader(c, expect + 1, timeout=10)  # + the "ok"
    reader.run()
    res = reader.report("backlog")
    res["seconds"] = round(time.monotonic() - t0, 2)
    res.update(sampler.stop())
    oks = [m for m in reader.other if m.get("ok") is True]
    res["follow_ok"] = bool(oks)
    res["backlog_other"] = [m for m in reader.other if m.get("ok") is not True][:3]
    out(res)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, path = argv[1], argv[2]
    if cmd == "proto":
        cmd_proto(path)
    elif cmd == "bigline":
        cmd_bigline(path, int(argv[3]), int(argv[4]))
    elif cmd == "edge":
        cmd_edge(path)
    elif cmd == "idle":
        cmd_idle(path, int(argv[3]), int(argv[4]),
                 int(argv[5]) if len(argv) > 5 else 20)
    elif cmd == "peer":
        cmd_peer(path)
    elif cmd == "slow":
        args = argv[4:]
        stagger = "--stagger" in args
        args = [a for a in args if a != "--stagger"]
        i = args.index("--expect")
        tag = args[args.index("--tag") + 1] if "--tag" in args else ""
        pace = args[args.index("--pace") + 1] if "--pace" in args else None
        refs = [int(a) if a.isdigit() else a for a in args[:i]]
        cmd_slow(path, int(argv[3]), refs, int(args[i + 1]), stagger, tag,
                 pace)
    elif cmd == "backlog":
        cmd_backlog(path, int(argv[3]), argv[4], int(argv[5]))
    elif cmd == "rss":
        out({"rss_kb": status_kb(int(path), "VmRSS"),
             "hwm_kb": status_kb(int(path), "VmHWM")})
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
