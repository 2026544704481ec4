#!/usr/bin/env python3
"""A tiny client of feedd's socket protocol, for the tests.

    feedd-cli.py [-t SECS] [-u EXPR] [-l SECS] SOCKET REQUEST

REQUEST is one JSON object ({"cmd": "feeds"}); "id" is added if missing.
Prints every line received (events, then the response) until the response
to the request.  The connection is retried until the deadline, so the
command also waits for a daemon that is starting.

  -t SECS   give up after SECS (default 10): exit 3
  -u EXPR   repeat the request until the Python expression EXPR, over the
            response r, is true (e.g. 'r["feeds"][0]["last_poll"]');
            only the last round is printed
  -l SECS   after the response, keep printing what comes for SECS more

Both times are multiplied by FEEDD_TEST_TIMESCALE when it is set.

Exit status: 0 ok:true, 1 ok:false, 2 bad usage or connection lost,
3 timed out.
"""

import argparse
import json
import os
import socket
import sys
import time


def connect(path, deadline):
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def ask(sock, f, req, deadline, linger):
    """Sends req; returns (lines, response)."""
    sock.sendall((json.dumps(req) + "\n").encode("utf-8"))
    lines, resp = [], None
    while True:
        left = deadline - time.monotonic()
        try:
            if left <= 0:
                raise TimeoutError
            sock.settimeout(left)
            line = f.readline()
        except (TimeoutError, socket.timeout):
            if resp is None:
                raise
            return lines, resp
        if not line:
            if resp is not None:
                return lines, resp
            raise ConnectionError("connection closed")
        lines.append(line.decode("utf-8").rstrip("\n"))
        msg = json.loads(line)
        if resp is None and "ok" in msg and msg.get("id") == req["id"]:
            resp = msg
            if not linger:
                return lines, resp
            deadline = min(deadline, time.monotonic() + linger)


def until(expr, r):
    def feed(path):
        f = [f for f in r.get("feeds", [])
             if f["url"] == os.environ.get("BASE", "") + path]
        return f[0] if f else {}
    return eval(expr, {}, {"r": r, "feed": feed})


def main():
    ap = argparse.ArgumentParser(description="feedd test client")
    ap.add_argument("-t", "--timeout", type=float, default=10)
    ap.add_argument("-u", "--until")
    ap.add_argument("-l", "--linger", type=float, default=0)
    ap.add_argument("socket")
    ap.add_argument("request")
    a = ap.parse_args()
    try:
        req = json.loads(a.request)
    except ValueError as e:
        print("feedd-cli: bad request: %s" % e, file=sys.stderr)
        return 2
    req.setdefault("id", 1)
    # Under valgrind (make check-valgrind) every wait is this much longer.
    scale = float(os.environ.get("FEEDD_TEST_TIMESCALE") or 1)
    a.timeout *= scale
    a.linger *= scale
    deadline = time.monotonic() + a.timeout
    try:
        sock = connect(a.socket, deadline)
        f = sock.makefile("rb")
        while True:
            lines, resp = ask(sock, f, req, deadline, a.linger)
            if not a.until or until(a.until, resp):
                break
            if time.monotonic() + 0.2 >= deadline:
                raise TimeoutError
            time.sleep(0.2)
            req["id"] += 1
    except (TimeoutError, socket.timeout):
        print("feedd-cli: timed out: %s" % a.request, file=sys.stderr)
        return 3
    except (OSError, ConnectionError, ValueError) as e:
        print("feedd-cli: %s: %s" % (a.socket, e), file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0 if resp.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
