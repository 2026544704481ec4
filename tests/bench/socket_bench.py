#!/usr/bin/env python3
"""The socket section of `make bench` (tests/bench/run.sh socket).

    socket_bench.py [--builddir DIR] [--srcdir DIR] [--work DIR]
                    [--runs 5] [--rounds 20]

Starts tests/httpd.py (in a process of its own, through a subclass that
also logs when it has finished sending each response) and a feedd holding
200 feeds x 5 items (tests/bench/gen-corpus.py): 1000 new stories.  Then:

  new     `feedctl new --json --peek`, wall clock from fork to exit, the
          median of --runs runs (target <= 50 ms), with what it is made of:
          `feedctl ping` (process start, connect, one round trip), and the
          daemon's answer to {"cmd":"new","peek":true} on a raw socket
          (request sent to last byte read).
  follow  --rounds times: a new item is added to a served feed, the feed
          refreshed (no wait) on a control connection, and a follower on a
          raw socket waits for it.  One select() loop reads the follower's
          socket and feedd's stderr (log level debug for this part: feedd
          logs "URL: N new, M updated" right after a poll's transaction
          committed and its follow events were queued), so the two receive
          times are comparable; the server logs when it finished sending the
          body, in CLOCK_MONOTONIC like this process.  Figures:
            sent -> item     httpd finished writing the feed body -> the
                             item line read by the follower (target <= 5 ms
                             median for commit -> client; see below)
            sent -> log      -> feedd's post-commit log line read: curl's
                             receipt, parsing, storing, COMMIT, notify
            log -> item      the rest: the event loop's next turn writing
                             the queued event, the follower's wakeup
          and the round trip of a ping on an open connection, the floor of
          any socket delivery.

Prints lines "socket: ..." (figures only, no verdicts); exits non-zero when
something fails to run.  Cleans up what it started.
"""

import argparse
import json
import os
import resource
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

FEEDS, ITEMS = 200, 5


def die(msg):
    print("socket_bench: %s" % msg, file=sys.stderr)
    sys.exit(1)


# ---- the HTTP server, in its own process ----

def serve(srcdir, routes, port_file, sent_log):
    """httpd.py, logging {"path", "sent"} (time.monotonic()) once each
    response is written."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "httpd", os.path.join(srcdir, "tests", "httpd.py"))
    httpd = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(httpd)
    out = open(sent_log, "a", encoding="utf-8")

    class Handler(httpd.Handler):
        def answer(self, route, status, headers, body):
            super().answer(route, status, headers, body)
            out.write(json.dumps({"path": self.path, "status": status,
                                  "sent": time.monotonic()}) + "\n")
            out.flush()

    httpd.ThreadingHTTPServer.daemon_threads = True
    httpd.ThreadingHTTPServer.request_queue_size = 128
    server = httpd.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.routes = httpd.Routes(os.path.abspath(routes))
    server.log = httpd.Log(None)
    with open(port_file + ".tmp", "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(port_file + ".tmp", port_file)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    server.serve_forever()


# ---- a raw client ----

class Conn:
    def __init__(self, path, timeout=30):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(path)
        self.s.settimeout(timeout)
        self.buf = b""
        self.n = 0

    def send(self, req):
        self.n += 1
        req = dict(req, id=self.n)
        self.s.sendall((json.dumps(req) + "\n").encode())
        return self.n

    def line(self):
        # Chunks joined once the newline came: a megabyte answer arrives
        # in dozens of reads.
        chunks = [self.buf]
        while b"\n" not in chunks[-1]:
            chunk = self.s.recv(1 << 20)
            if not chunk:
                raise ConnectionError("feedd closed the connection")
            chunks.append(chunk)
        line, self.buf = b"".join(chunks).split(b"\n", 1)
        return line

    def call(self, req):
        m, n, _ = self.call_timed(req)
        return m, n

    def call_timed(self, req):
        """call(), and the seconds from sending the request to reading
        the answer's last byte, before this client parses it."""
        t0 = time.monotonic()
        i = self.send(req)
        while True:
            line = self.line()
            t = time.monotonic() - t0
            m = json.loads(line)
            if m.get("id") == i and "ok" in m:
                if not m["ok"]:
                    die("%s: %s" % (req.get("cmd"), m.get("error")))
                return m, len(line) + 1, t


def ms(s):
    return s * 1000.0


def stats(v):
    v = sorted(v)
    p90 = v[min(len(v) - 1, int(round(0.9 * (len(v) - 1))))]
    return statistics.median(v), v[0], p90, v[-1]


class Bench:
    def __init__(self, a):
        self.a = a
        self.procs = []
        self.work = os.path.abspath(a.work)
        self.feedd = os.path.join(a.builddir, "src", "feedd")
        self.feedctl = os.path.join(a.builddir, "src", "feedctl")
        for p in (self.feedd, self.feedctl):
            if not os.access(p, os.X_OK):
                die("%s not built" % p)
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.sockdir = None
        self.sock = os.path.join(self.work, "feedd.sock")
        if len(self.sock) >= 100:  # sun_path
            self.sockdir = tempfile.mkdtemp(prefix="feedd-bench.")
            self.sock = os.path.join(self.sockdir, "feedd.sock")
        self.db = os.path.join(self.work, "feedd.db")
        self.feedd_proc = None

    def cleanup(self):
        if self.feedd_proc:
            self.stop_feedd()
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        if self.sockdir:
            shutil.rmtree(self.sockdir, ignore_errors=True)

    # -- setup --

    def corpus(self):
        d = os.path.join(self.work, "corpus")
        subprocess.run([sys.executable,
                        os.path.join(self.a.srcdir, "tests", "bench",
                                     "gen-corpus.py"), d,
                        "--feeds", str(FEEDS), "--items", str(ITEMS)],
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        routes = {"/c/feed-%04d.xml" % i: {
            "body_file": "corpus/feed-%04d.xml" % i,
            "headers": {"Content-Type": "application/xml"}}
            for i in range(FEEDS)}
        routes["/live.xml"] = {"body_file": "live.xml", "headers": {
            "Content-Type": "application/rss+xml"}}
        self.live_items = []
        self.write_live()
        with open(os.path.join(self.work, "routes.json"), "w") as f:
            json.dump(routes, f)

    def write_live(self):
        items = "".join(
            "<item><title>%s</title><link>https://live.example/%d</link>"
            "<guid>live-%d</guid><pubDate>%s</pubDate>"
            "<description>Round %d of the follow benchmark.</description>"
            "</item>\n" % (t, n, n, time.strftime(
                "%a, %d %b %Y %H:%M:%S +0000", time.gmtime()), n)
            for n, t in reversed(self.live_items[-3:]))
        p = os.path.join(self.work, "live.xml")
        with open(p + ".tmp", "w") as f:
            f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel>'
                    "<title>Live</title><link>https://live.example/</link>\n"
                    "%s</channel></rss>\n" % items)
        os.rename(p + ".tmp", p)

    def start_httpd(self):
        port_file = os.path.join(self.work, "port")
        self.sent_log = os.path.join(self.work, "sent.jsonl")
        p = subprocess.Popen([sys.executable, os.path.abspath(__file__),
                              "--serve", "--srcdir", self.a.srcdir,
                              "--work", self.work],
                             stderr=open(os.path.join(self.work,
                                                      "httpd.err"), "w"))
        self.procs.append(p)
        for _ in range(100):
            if os.path.exists(port_file):
                break
            time.sleep(0.05)
        else:
            die("httpd.py did not start")
        with open(port_file) as f:
            self.base = "http://127.0.0.1:%d" % int(f.read())

    def start_feedd(self, log_level, stderr_pipe=False):
        conf = os.path.join(self.work, "feedd.conf")
        with open(conf, "w") as f:
            f.write("[store]\nkeep = 0\n[daemon]\nlog_level = %s\n" %
                    log_level)
        err = subprocess.PIPE if stderr_pipe else open(
            os.path.join(self.work, "feedd.log"), "a")
        self.feedd_proc = subprocess.Popen(
            [self.feedd, "-c", conf, "--db", self.db, "--socket", self.sock],
            stdout=subprocess.DEVNULL, stderr=err)
        self.feedd_t0 = time.monotonic()
        deadline = self.feedd_t0 + 10
        while True:
            try:
                Conn(self.sock, 5).call({"cmd": "ping"})
                return
            except (OSError, ConnectionError):
                if time.monotonic() > deadline or \
                        self.feedd_proc.poll() is not None:
                    die("feedd did not start")
                time.sleep(0.05)

    def stop_feedd(self):
        p, self.feedd_proc = self.feedd_proc, None
        p.terminate()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()

    def settle(self, items, timeout=120):
        c = Conn(self.sock)
        deadline = time.monotonic() + timeout
        while True:
            r, _ = c.call({"cmd": "status"})
            if r["items"] >= items and r["in_flight"] == 0:
                return r
            if time.monotonic() > deadline:
                die("feedd did not settle: %s" % r)
            time.sleep(0.2)

    # -- new --

    def bench_new(self):
        runs = self.a.runs
        walls, nbytes, nlines = [], 0, 0
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        for _ in range(runs):
            t0 = time.monotonic()
            p = subprocess.run([self.feedctl, "--socket", self.sock, "new",
                                "--json", "--peek"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, check=False)
            walls.append(time.monotonic() - t0)
            if p.returncode != 0:
                die("feedctl new: status %d: %s" % (p.returncode,
                                                    p.stderr[:200]))
            nbytes, nlines = len(p.stdout), p.stdout.count(b"\n")
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        fc_cpu = (ru1.ru_utime + ru1.ru_stime - ru0.ru_utime -
                  ru0.ru_stime) / runs
        pings = []
        for _ in range(runs):
            t0 = time.monotonic()
            subprocess.run([self.feedctl, "--socket", self.sock, "ping"],
                           stdout=subprocess.DEVNULL, check=True)
            pings.append(time.monotonic() - t0)
        raw, rbytes = [], 0
        c = Conn(self.sock)
        cpu0 = self.feedd_cpu()
        for _ in range(runs):
            r, rbytes, t = c.call_timed({"cmd": "new", "peek": True})
            raw.append(t)
            if len(r["items"]) != nlines:
                die("raw new: %d items, feedctl printed %d" %
                    (len(r["items"]), nlines))
        d_cpu = (self.feedd_cpu() - cpu0) / runs
        m, lo, _, hi = stats(walls)
        mp = statistics.median(pings)
        mr = statistics.median(raw)
        print("socket: feedctl new --json --peek, %d items (%.1f MB printed): "
              "%.1f ms wall, median of %d runs (min %.1f, max %.1f) "
              "(target <= 50 ms)" % (nlines, nbytes / 1e6, ms(m), runs,
                                     ms(lo), ms(hi)))
        print("socket:   made of: feedctl ping (exec, connect, one round "
              "trip) %.1f ms; the daemon's answer to \"new\" on a raw socket "
              "(request to last byte, %.1f MB) %.1f ms; the rest, feedctl "
              "parsing and printing, about %.1f ms (medians)"
              % (ms(mp), rbytes / 1e6, ms(mr), ms(m - mp - mr)))
        print("socket:   CPU time per run (less sensitive to other load): "
              "feedd answering \"new\" %.0f ms (clock ticks of %.0f ms); "
              "feedctl new, user + system, %.1f ms"
              % (ms(d_cpu), 1000 / os.sysconf("SC_CLK_TCK"), ms(fc_cpu)))

    # -- follow --

    def bench_follow(self):
        rounds = self.a.rounds
        ctl = Conn(self.sock)
        live = self.base + "/live.xml"
        ctl.call({"cmd": "add", "url": live})
        self.settle(FEEDS * ITEMS + len(self.live_items))
        # The follower starts at the end.
        r, _ = ctl.call({"cmd": "items", "limit": 1})
        ctl.call({"cmd": "cursor", "name": "bench-follow", "action": "set",
                  "seq": r["items"][0]["id"]})
        fol = Conn(self.sock)
        fol.call({"cmd": "follow", "cursor": "bench-follow"})
        fol.s.setblocking(False)
        err = self.feedd_proc.stderr
        os.set_blocking(err.fileno(), False)
        errbuf = b""
        # The ping floor, on an open connection.
        rtt = []
        for _ in range(50):
            t0 = time.monotonic()
            ctl.call({"cmd": "ping"})
            rtt.append(time.monotonic() - t0)
        rows = []
        for n in range(1, rounds + 1):
            title = "Live round %d" % n
            self.live_items.append((n, title))
            self.write_live()
            with open(self.sent_log) as f:
                seen = sum(1 for _ in f)
            t_req = time.monotonic()
            ctl.send({"cmd": "refresh", "feeds": [live]})
            t_log = t_item = None
            deadline = t_req + 10
            needle = ("/live.xml: 1 new").encode()
            while t_item is None or t_log is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    die("round %d: no item (log %s)" % (n, t_log))
                rd, _, _ = select.select([fol.s, err], [], [], left)
                now = time.monotonic()
                if err in rd:
                    chunk = os.read(err.fileno(), 65536)
                    errbuf += chunk
                    while b"\n" in errbuf:
                        line, errbuf = errbuf.split(b"\n", 1)
                        if needle in line and t_log is None:
                            t_log = now
                if fol.s in rd:
                    try:
                        fol.buf += fol.s.recv(1 << 20)
                    except BlockingIOError:
                        pass
                    while b"\n" in fol.buf:
                        line, fol.buf = fol.buf.split(b"\n", 1)
                        m = json.loads(line)
                        if (m.get("event") == "item" and
                                m["item"]["title"] == title):
                            t_item = now
            # drain the control connection's answer
            ctl.s.settimeout(5)
            ctl.line()
            t_sent = None
            for _ in range(100):
                with open(self.sent_log) as f:
                    new = [json.loads(x) for x in f.readlines()[seen:]]
                new = [e for e in new if e["path"] == "/live.xml"]
                if new:
                    t_sent = new[-1]["sent"]
                    break
                time.sleep(0.01)
            if t_sent is None:
                die("round %d: the server logged no response" % n)
            rows.append((t_req, t_sent, t_log, t_item))
            time.sleep(0.05)
        si = [r[3] - r[1] for r in rows]
        sl = [r[2] - r[1] for r in rows]
        li = [r[3] - r[2] for r in rows]
        ri = [r[3] - r[0] for r in rows]

        def fig(v):
            m, lo, p90, hi = stats(v)
            return "median %.2f ms (min %.2f, p90 %.2f, max %.2f)" % (
                ms(m), ms(lo), ms(p90), ms(hi))
        print("socket: follow delivery, %d rounds of one new item in a "
              "3-item feed (httpd.py on 127.0.0.1, a raw-socket follower, "
              "feedd at log level debug for its post-commit log line):"
              % rounds)
        print("socket:   httpd sent the body -> item read by the follower: "
              "%s (end to end; an upper bound of commit -> client, target "
              "<= 5 ms median)" % fig(si))
        print("socket:     = httpd sent -> post-commit log line read: %s "
              "(curl's receipt, parsing, storing, COMMIT, queueing the "
              "event)" % fig(sl))
        print("socket:     + post-commit log line -> item read: %s (commit "
              "-> client, all but the microseconds between COMMIT and the "
              "log line: the loop's next turn writing the event, the "
              "follower's wakeup; 0 when both were ready at one select())"
              % fig(li))
        print("socket:   refresh request sent -> item read: %s" % fig(ri))
        print("socket:   ping round trip on an open connection: %s (the "
              "floor of any socket delivery)" % fig(rtt))
        fol.s.close()

    def run(self):
        self.corpus()
        self.start_httpd()
        self.start_feedd("info")
        c = Conn(self.sock)
        r, _ = c.call({"cmd": "import", "feeds": [
            {"url": "%s/c/feed-%04d.xml" % (self.base, i)}
            for i in range(FEEDS)]})
        if r["added"] != FEEDS:
            die("import: %s" % r)
        st = self.settle(FEEDS * ITEMS)
        print("socket: feedd with %d feeds, %d items, %d stories (%d MB "
              "database), all new (the default cursor at 0)"
              % (st["feeds"], st["items"], st["stories"],
                 st["db_bytes"] >> 20))
        self.purge_passed()
        self.bench_new()
        self.stop_feedd()
        self.start_feedd("debug", stderr_pipe=True)
        self.purge_passed()
        self.bench_follow()

    def feedd_cpu(self):
        """feedd's CPU time so far (utime + stime), in seconds."""
        with open("/proc/%d/stat" % self.feedd_proc.pid) as f:
            v = f.read().rsplit(")", 1)[1].split()
        return (int(v[11]) + int(v[12])) / os.sysconf("SC_CLK_TCK")

    def purge_passed(self):
        """feedd's retention purge runs 5 s after it starts, and it
        indexes new items for full-text search when idle: out of the way
        first (until its CPU time stops growing for a second)."""
        time.sleep(max(0.0, 6 - (time.monotonic() - self.feedd_t0)))
        cpu = self.feedd_cpu
        last, quiet_since = cpu(), time.monotonic()
        deadline = time.monotonic() + 120
        while time.monotonic() - quiet_since < 1.0:
            if time.monotonic() > deadline:
                print("socket: (feedd never went idle; measuring anyway)")
                return
            time.sleep(0.1)
            now = cpu()
            if now != last:
                last, quiet_since = now, time.monotonic()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--srcdir", default=os.path.dirname(os.path.dirname(here)))
    ap.add_argument("--builddir", default=os.getcwd())
    ap.add_argument("--work", default=None)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.work is None:
        a.work = os.path.join(a.builddir, "bench-out", "socket")
    if a.serve:
        serve(a.srcdir, os.path.join(a.work, "routes.json"),
              os.path.join(a.work, "port"), os.path.join(a.work,
                                                         "sent.jsonl"))
        return 0
    b = Bench(a)
    signal.signal(signal.SIGTERM, lambda *x: sys.exit(1))
    try:
        b.run()
    finally:
        b.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
