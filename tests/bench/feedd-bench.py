#!/usr/bin/env python3
"""Socket client for the daemon benchmark (tests/bench/run.sh daemon).

    feedd-bench.py ready SOCKET [TIMEOUT]
        Waits until feedd answers a ping on SOCKET (default: 10 s).
    feedd-bench.py import SOCKET BASE_URL CORPUS_DIR
        One "import" request adding BASE_URL/NAME for every feed-*.xml in
        CORPUS_DIR.  Prints: added N skipped N invalid N seconds S
    feedd-bench.py settle SOCKET POLLS [TIMEOUT]
        Waits until feedd has made at least POLLS polls and has nothing in
        flight.  Prints: polls N errors N seconds S
    feedd-bench.py refresh SOCKET PID [--perf DATA [--call-graph MODE]]
        [--idle-wait S] [--db DB]
        Times {"cmd":"refresh","wait":true} from the request to the final
        response: wall clock, and feedd's CPU over the same span (its
        threads' time on a CPU from schedstat, in nanoseconds; utime +
        stime of /proc/PID/stat, in clock ticks, when a thread ended).
        Then, unless --idle-wait 0, follows feedd's CPU until it has not
        grown for S seconds (default 1): the full-text indexing and
        checkpoint that feedd does in idle time after a refresh.  runq: the time feedd's threads spent
        waiting for a CPU over the refresh (other processes' load).
        With --perf, `perf record -g` is attached
        to PID for the refresh (not the idle work) and writes DATA;
        --call-graph MODE (fp, dwarf) is handed to perf with it.
        With --db, feedd's database is read afterwards (read-only) for
        how many items the full-text index holds.  Prints one line of KEY
        VALUE pairs:
            wall S cpu S runq S feeds N fetched N not_modified N failed N
            new_items N new_stories N idle_cpu S idle_wall S hwm_kb N
            rss_kb N rss0_kb N anon_kb N file_kb N shmem_kb N
            [items N fts_docs N]
        (rss0_kb: VmRSS before the refresh; the others: after, from
        /proc/PID/status VmHWM, VmRSS, RssAnon, RssFile, RssShmem.)

Figures only; no verdicts.  Exits non-zero when feedd misbehaves (no
answer, an error response, a dead process).
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def die(msg):
    print("feedd-bench: %s" % msg, file=sys.stderr)
    sys.exit(1)


class Client:
    def __init__(self, path, timeout=600):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(timeout)
        self.s.connect(path)
        self.buf = b""
        self.next_id = 1

    def send(self, req):
        req = dict(req, id=self.next_id)
        self.next_id += 1
        self.s.sendall(json.dumps(req, separators=(",", ":")).encode()
                       + b"\n")
        return req["id"]

    def read(self):
        while b"\n" not in self.buf:
            chunk = self.s.recv(1 << 16)
            if not chunk:
                die("feedd closed the connection")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def call(self, req):
        """Sends a request and returns its response (events skipped)."""
        rid = self.send(req)
        while True:
            msg = self.read()
            if msg.get("id") == rid and "event" not in msg:
                if not msg.get("ok"):
                    die("%s: %s" % (req.get("cmd"), msg.get("error")))
                return msg


def cpu_of(pid):
    """feedd's user + system CPU seconds so far."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        die("feedd (pid %d) is gone" % pid)
    # The command name may hold spaces: fields count from the last ')'.
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def schedstat_of(pid, field):
    """A field of /proc/PID/task/TID/schedstat summed over feedd's live
    threads, in seconds (0 without it): 0, time on a CPU; 1, time
    runnable but waiting for one."""
    total = 0
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            try:
                with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                    total += int(f.read().split()[field])
            except (OSError, IndexError, ValueError):
                pass
    except OSError:
        pass
    return total / 1e9


def runq_of(pid):
    """Seconds feedd's threads have spent waiting for a CPU."""
    return schedstat_of(pid, 1)


def cpu_span(ticks0, ns0, ticks1, ns1):
    """CPU seconds between two readings: the scheduler's nanoseconds
    (an all-304 refresh takes a few clock ticks, too coarse for a ratio
    against 10,000 feeds), unless the ticks say more, by over two, than
    the live threads did: a thread that ended took its time along."""
    ticks, ns = ticks1 - ticks0, ns1 - ns0
    if ns <= 0 or ticks - ns > 2.0 / TICK:
        return ticks
    return ns


def status_kb(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def cmd_ready(sock, timeout=10.0):
    t0 = time.monotonic()
    while True:
        try:
            Client(sock, timeout=5).call({"cmd": "ping"})
            return
        except OSError:
            if time.monotonic() - t0 > timeout:
                die("no answer on %s after %g s" % (sock, timeout))
            time.sleep(0.05)


def fts_coverage(db):
    """(items, items in the full-text index), read-only, beside feedd."""
    import sqlite3
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
    try:
        items = con.execute("SELECT count(*) FROM items").fetchone()[0]
        docs = con.execute("SELECT count(*) FROM items_fts_docsize"
                           ).fetchone()[0]
    finally:
        con.close()
    return items, docs


def cmd_import(sock, base, corpus):
    names = sorted(n for n in os.listdir(corpus)
                   if n.startswith("feed-") and n.endswith(".xml"))
    feeds = [{"url": "%s/%s" % (base.rstrip("/"), n)} for n in names]
    c = Client(sock)
    t0 = time.monotonic()
    r = c.call({"cmd": "import", "feeds": feeds})
    print("added %d skipped %d invalid %d seconds %.3f" % (
        r["added"], r["skipped"], r["invalid"], time.monotonic() - t0))
    if r["invalid"]:
        die("import: %s" % r["errors"][:3])


def cmd_settle(sock, polls, timeout=300):
    c = Client(sock)
    t0 = time.monotonic()
    while True:
        st = c.call({"cmd": "status"})
        if st["polls"] >= polls and st["in_flight"] == 0:
            break
        if time.monotonic() - t0 > timeout:
            die("settle: %d of %d polls after %d s" % (st["polls"], polls,
                                                       timeout))
        time.sleep(0.1)
    print("polls %d errors %d seconds %.3f" % (
        st["polls"], st["errors"], time.monotonic() - t0))


def wait_idle(pid, quiet, limit=900):
    """Samples feedd's CPU until it has not grown for `quiet` seconds.
    Returns (cpu used, seconds until the last growth)."""
    t0 = time.monotonic()
    c0 = last = cpu_of(pid)
    t_last = t0
    while True:
        time.sleep(0.05)
        now, c = time.monotonic(), cpu_of(pid)
        if c != last:
            last, t_last = c, now
        elif now - t_last >= quiet:
            return last - c0, t_last - t0
        if now - t0 > limit:
            die("feedd still busy after %d s" % limit)


def cmd_refresh(sock, pid, perf=None, idle_wait=1.0, db=None, graph="fp"):
    c = Client(sock)
    prof = None
    if perf:
        prof = subprocess.Popen(
            ["perf", "record", "-q", "--call-graph", graph, "-o", perf,
             "-p", str(pid)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)		# let it attach
        if prof.poll() is not None:
            die("perf record failed to start")
    rss0 = status_kb(pid, "VmRSS")
    c0, n0, q0 = cpu_of(pid), schedstat_of(pid, 0), runq_of(pid)
    t0 = time.monotonic()
    rid = c.send({"cmd": "refresh", "wait": True})
    while True:
        msg = c.read()
        if msg.get("id") != rid or "event" in msg:
            continue
        break
    wall = time.monotonic() - t0
    cpu = cpu_span(c0, n0, cpu_of(pid), schedstat_of(pid, 0))
    runq = runq_of(pid) - q0
    if prof:
        prof.send_signal(signal.SIGINT)
        prof.wait()
    if not msg.get("ok"):
        die("refresh: %s" % msg.get("error"))
    idle_cpu = idle_wall = 0.0
    if idle_wait > 0:
        idle_cpu, idle_wall = wait_idle(pid, idle_wait)
    line = ("wall %.3f cpu %.3f runq %.2f feeds %d fetched %d not_modified %d failed %d "
            "new_items %d new_stories %d idle_cpu %.2f idle_wall %.2f "
            "hwm_kb %d rss_kb %d rss0_kb %d anon_kb %d file_kb %d "
            "shmem_kb %d" % (
                wall, cpu, runq, msg["feeds"], msg["fetched"], msg["not_modified"],
                msg["failed"], msg["new_items"], msg["new_stories"], idle_cpu,
                idle_wall, status_kb(pid, "VmHWM"), status_kb(pid, "VmRSS"),
                rss0, status_kb(pid, "RssAnon"), status_kb(pid, "RssFile"),
                status_kb(pid, "RssShmem")))
    if db:
        line += " items %d fts_docs %d" % fts_coverage(db)
    print(line)


def main(argv):
    if len(argv) < 3:
        die(__doc__.strip().split("\n\n")[1])
    cmd, sock = argv[1], argv[2]
    if cmd == "ready" and len(argv) in (3, 4):
        cmd_ready(sock, *(float(a) for a in argv[3:]))
    elif cmd == "import" and len(argv) == 5:
        cmd_import(sock, argv[3], argv[4])
    elif cmd == "settle" and len(argv) in (4, 5):
        cmd_settle(sock, int(argv[3]), *(float(a) for a in argv[4:]))
    elif cmd == "refresh" and len(argv) >= 4:
        perf, idle_wait, db, graph, rest = None, 1.0, None, "fp", argv[4:]
        while rest:
            if rest[0] == "--perf" and len(rest) > 1:
                perf = rest[1]
            elif rest[0] == "--idle-wait" and len(rest) > 1:
                idle_wait = float(rest[1])
            elif rest[0] == "--db" and len(rest) > 1:
                db = rest[1]
            elif rest[0] == "--call-graph" and len(rest) > 1:
                graph = rest[1]
            else:
                die("refresh: bad option %s" % rest[0])
            rest = rest[2:]
        cmd_refresh(sock, int(argv[3]), perf, idle_wait, db, graph)
    else:
        die("bad usage; see the head of %s" % argv[0])


if __name__ == "__main__":
    main(sys.argv)
