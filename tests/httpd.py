#!/usr/bin/env python3
"""A scriptable HTTP/1.1 server for feedd's integration tests.

    httpd.py --routes ROUTES.json [--log LOG.jsonl] [--port-file FILE]

Binds 127.0.0.1 on a free port and prints the port (first line of stdout),
or writes it to --port-file.  Every request is appended to the log as one
JSON line, flushed at once:

    {"time": 1700000000.5, "method": "GET", "path": "/a", "status": 200,
     "headers": {"User-Agent": "...", ...}, "active": 1, "max_active": 1}

"active" counts the requests received and not answered yet (waiting out
their delay) at that moment, this one included; "max_active" is the
highest "active" so far.  A request counts until its response starts, not
until it ends, so that a client starting its next request the moment the
last byte of a response arrives is never seen as one request too many.

ROUTES.json maps paths to behaviours; it is read again whenever it changes
(write a new file and rename it over the old one).  Every field is optional:

    {"/feed": {"status": 200,            # default 200 (404 for no route)
               "headers": {"ETag": "\\"x\\"", "Location": "/new"},
               "body": "<rss>...</rss>", # or "body_file": "big.xml"
                                         #   (relative to ROUTES.json)
               "conditional": true,      # 304 when If-None-Match equals the
                                         #   ETag or If-Modified-Since the
                                         #   Last-Modified header, exactly
               "gzip": true,             # gzip the body if the client takes it
               "delay": 2.5,             # seconds before answering
               "rate": 100,              # trickle the body at bytes/s
               "endless": true,          # send the body over and over, forever
               "close_mid": true,        # send half the body, then hang up
               "stream": [PART, ...]}}   # the body made on the fly (below)

"stream" replaces "body" and "body_file" with a body generated while it is
sent, for documents too large to write out: its parts in order, each
{"text": "...", "repeat": N} (the text N times, default 1) or
{"template": "...{i}...", "count": N} (the template N times, "{i}" counting
from 0).  It is sent without a Content-Length, then the connection is
closed; "rate" and "delay" still apply.
"""

import argparse
import gzip
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Routes:
    def __init__(self, path):
        self.path = path
        self.stamp = None
        self.routes = {}
        self.lock = threading.Lock()

    def get(self, path):
        with self.lock:
            try:
                st = os.stat(self.path)
                stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
                if stamp != self.stamp:
                    with open(self.path, encoding="utf-8") as f:
                        self.routes = json.load(f)
                    self.stamp = stamp
            except (OSError, ValueError) as e:
                print("httpd.py: routes: %s" % e, file=sys.stderr)
            return self.routes.get(path)

    def body(self, route):
        if "body_file" in route:
            name = os.path.join(os.path.dirname(self.path), route["body_file"])
            with open(name, "rb") as f:
                return f.read()
        return route.get("body", "").encode("utf-8")


class Log:
    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8") if path else None
        self.lock = threading.Lock()
        self.active = self.max_active = 0

    def begin(self, entry):
        with self.lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            entry.update(active=self.active, max_active=self.max_active)
            if self.file:
                self.file.write(json.dumps(entry) + "\n")
                self.file.flush()

    def end(self):
        with self.lock:
            self.active -= 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        route = self.server.routes.get(self.path)
        status, headers, body = self.plan(route)
        self.server.log.begin({
            "time": time.time(), "method": self.command, "path": self.path,
            "status": status, "headers": dict(self.headers.items()),
            "gzip": headers.get("Content-Encoding") == "gzip"})
        try:
            self.answer(route or {}, status, headers, body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_HEAD = do_GET

    def plan(self, route):
        if route is None:
            return 404, {"Content-Type": "text/plain"}, b"no route\n"
        headers = dict(route.get("headers", {}))
        status = route.get("status", 200)
        if route.get("conditional"):
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if ((inm is not None and inm == headers.get("ETag")) or
                    (ims is not None and ims == headers.get("Last-Modified"))):
                return 304, headers, b""
        body = self.server.routes.body(route)
        if (route.get("gzip") and
                "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        return status, headers, body

    def answer(self, route, status, headers, body):
        try:
            time.sleep(route.get("delay", 0))
        finally:
            self.server.log.end()
        endless = route.get("endless")
        stream = route.get("stream")
        if stream is not None and status != 304:
            endless = True  # no Content-Length, Connection: close
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if endless:
            self.send_header("Connection", "close")
            self.close_connection = True
        elif status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "HEAD" or status == 304:
            return
        if stream is not None:
            for chunk in self.generate(stream):
                self.send(chunk, route.get("rate"))
            return
        if route.get("close_mid"):
            self.send(body[:len(body) // 2], route.get("rate"))
            self.close_connection = True
            return
        while True:
            self.send(body, route.get("rate"))
            if not endless:
                break
            body = body or b" "

    @staticmethod
    def generate(parts, size=1 << 16):
        """The chunks of a "stream" body, about size bytes each."""
        buf = []
        have = 0
        for part in parts:
            if "template" in part:
                pieces = (part["template"].replace("{i}", str(i))
                          for i in range(int(part.get("count", 1))))
            else:
                text = part.get("text", "")
                n = int(part.get("repeat", 1))
                if not text or n <= 0:
                    continue
                # Whole runs of the text at once, about size bytes each.
                per = max(1, size // len(text))
                pieces = (text * min(per, n - k) for k in range(0, n, per))
            for piece in pieces:
                buf.append(piece)
                have += len(piece)
                if have >= size:
                    yield "".join(buf).encode("utf-8")
                    buf, have = [], 0
        if buf:
            yield "".join(buf).encode("utf-8")

    def send(self, data, rate):
        if not rate:
            self.wfile.write(data)
            self.wfile.flush()
            return
        step = max(1, int(rate) // 10)
        for i in range(0, len(data), step):
            self.wfile.write(data[i:i + step])
            self.wfile.flush()
            time.sleep(step / rate)


def main():
    ap = argparse.ArgumentParser(description="scriptable HTTP test server")
    ap.add_argument("--routes", required=True)
    ap.add_argument("--log")
    ap.add_argument("--port-file")
    args = ap.parse_args()

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.routes = Routes(os.path.abspath(args.routes))
    server.log = Log(args.log)
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % port)
        os.rename(args.port_file + ".tmp", args.port_file)
    else:
        print(port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
