#!/usr/bin/env python3
"""Plays systemd for feedd: socket activation and sd_notify.

    notify-harness.py FEEDD

Creates a listening Unix socket and a NOTIFY_SOCKET datagram socket, then
forks and execs FEEDD with the listening socket as fd 3 and LISTEN_FDS=1,
LISTEN_PID, NOTIFY_SOCKET, WATCHDOG_USEC=2000000 and WATCHDOG_PID set as
systemd sets them.  Prints TAP; exits 1 on any failure.  Every wait is
bounded.  Set KEEP=1 to keep the scratch directory.
"""

import json
import os
import select
import shlex
import shutil
import signal
import socket
import sys
import tempfile
import time

WATCHDOG_USEC = 2000000
# Under valgrind (make check-valgrind): the command feedd runs under, and
# how much longer every wait is.
WRAPPER = shlex.split(os.environ.get("FEEDD_WRAPPER") or "")
SCALE = int(os.environ.get("FEEDD_TEST_TIMESCALE") or 1)

n = 0
failed = 0


def ok(cond, what, *diag):
    global n, failed
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what), flush=True)
    if not cond:
        failed += 1
        for line in diag:
            for part in str(line).splitlines():
                print("# " + part, flush=True)
    return cond


def diag(*lines):
    for line in lines:
        for part in str(line).splitlines():
            print("# " + part, flush=True)


class Notify:
    """The NOTIFY_SOCKET end: every datagram, split into its lines."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.msgs = []          # (time, [lines]) in arrival order
        self.seen = 0           # messages already consumed by expect()

    def poll(self, timeout):
        r, _, _ = select.select([self.sock], [], [], max(timeout, 0))
        if not r:
            return False
        data = self.sock.recv(65536)
        self.msgs.append((time.monotonic(),
                          data.decode("utf-8", "replace").split("\n")))
        return True

    def expect(self, pred, timeout):
        timeout *= SCALE
        """The first message from now on whose lines satisfy pred."""
        deadline = time.monotonic() + timeout
        while True:
            while self.seen < len(self.msgs):
                t, lines = self.msgs[self.seen]
                self.seen += 1
                if pred(lines):
                    return t, lines
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.poll(left)

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.poll(deadline - time.monotonic())

    def since(self, t0):
        return [lines for t, lines in self.msgs if t >= t0]


def has(line):
    return lambda lines: line in lines


def has_prefix(prefix):
    return lambda lines: any(l.startswith(prefix) for l in lines)


def start(feedd, args, listener, notify_path, log_path):
    pid = os.fork()
    if pid == 0:
        try:
            me = str(os.getpid())
            env = dict(os.environ)
            for k in ("LISTEN_FDNAMES", "FEEDD_SOCKET", "RUNTIME_DIRECTORY",
                      "STATE_DIRECTORY", "CONFIGURATION_DIRECTORY"):
                env.pop(k, None)
            env.update(LISTEN_FDS="1", LISTEN_PID=me,
                       NOTIFY_SOCKET=notify_path,
                       WATCHDOG_USEC=str(WATCHDOG_USEC), WATCHDOG_PID=me)
            fd = listener.fileno()
            if fd == 3:
                os.set_inheritable(3, True)
            else:
                os.dup2(fd, 3)      # inheritable: survives exec
            log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                          0o600)
            os.dup2(log, 2)
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, 0)
            os.dup2(null, 1)
            argv = WRAPPER + [feedd] + args
            os.execvpe(argv[0], argv, env)
        except BaseException as e:
            os.write(2, ("exec %s: %s\n" % (feedd, e)).encode())
        os._exit(127)
    return pid


def wait_exit(pid, timeout):
    deadline = time.monotonic() + timeout * SCALE
    while time.monotonic() < deadline:
        p, status = os.waitpid(pid, os.WNOHANG)
        if p == pid:
            return status
        time.sleep(0.05)
    return None


def ping(path):
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.settimeout(5)
    try:
        c.connect(path)
        c.sendall(b'{"id":1,"cmd":"ping"}\n')
        buf = b""
        while not buf.endswith(b"\n"):
            chunk = c.recv(65536)
            if not chunk:
                break
            buf += chunk
        return json.loads(buf.decode("utf-8"))
    finally:
        c.close()


def main():
    if len(sys.argv) != 2:
        print("usage: notify-harness.py FEEDD", file=sys.stderr)
        return 2
    feedd = sys.argv[1]
    signal.alarm(90 * SCALE)    # the whole run, whatever happens
    tmp = tempfile.mkdtemp(prefix="feedd-notify.")
    sock_path = os.path.join(tmp, "feedd.sock")
    own_path = os.path.join(tmp, "own", "feedd.sock")
    notify_path = os.path.join(tmp, "notify")
    log_path = os.path.join(tmp, "feedd.log")
    conf = os.path.join(tmp, "feedd.conf")
    with open(conf, "w") as f:
        f.write("[daemon]\nlog_level = debug\n")

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(sock_path)
    listener.listen(16)
    notify = Notify(notify_path)
    pid = None
    try:
        pid = start(feedd, ["-c", conf, "--db", os.path.join(tmp, "feedd.db"),
                            "--socket", own_path],
                    listener, notify_path, log_path)
        listener.close()        # feedd holds the only copy now

        r = notify.expect(has("READY=1"), 15)
        if not ok(r is not None, "READY=1 arrives"):
            return finish(tmp, log_path, pid)
        t_ready = r[0]
        status = [l for l in r[1] if l.startswith("STATUS=")]
        if not status:
            s = notify.expect(has_prefix("STATUS="), 5)
            status = [l for l in s[1] if l.startswith("STATUS=")] if s else []
        ok(bool(status), "STATUS= is sent", "no STATUS= line")
        if status:
            diag(status[0])

        try:
            resp = ping(sock_path)
        except (OSError, ValueError) as e:
            resp = {"error": str(e)}
        ok(resp.get("id") == 1 and resp.get("ok") is True,
           "the passed socket answers ping", "response: %r" % (resp,))
        ok(not os.path.exists(own_path),
           "feedd does not bind a socket of its own",
           "%s exists" % own_path)

        # Pings every WATCHDOG_USEC / 2 = 1 s: at least two in 3 s.
        notify.drain(max(0, t_ready + 3.0 - time.monotonic()))
        dogs = [t for t, lines in notify.msgs
                if "WATCHDOG=1" in lines and t <= t_ready + 3.0]
        ok(len(dogs) >= 2, "WATCHDOG=1 at least twice within 3 s",
           "got %d" % len(dogs))

        notify.seen = len(notify.msgs)
        os.kill(pid, signal.SIGHUP)
        r1 = notify.expect(has("RELOADING=1"), 10)
        ok(r1 is not None, "SIGHUP: RELOADING=1")
        if r1 is not None:
            ok(any(l.startswith("MONOTONIC_USEC=") for l in r1[1]),
               "RELOADING=1 carries MONOTONIC_USEC=", "got %r" % r1[1])
        r2 = notify.expect(has("READY=1"), 10)
        ok(r1 is not None and r2 is not None and r2[0] >= r1[0],
           "SIGHUP: READY=1 after RELOADING=1")
        try:
            resp = ping(sock_path)
        except (OSError, ValueError) as e:
            resp = {"error": str(e)}
        ok(resp.get("ok") is True, "still answering after the reload",
           "response: %r" % (resp,))

        notify.seen = len(notify.msgs)
        os.kill(pid, signal.SIGTERM)
        r = notify.expect(has("STOPPING=1"), 10)
        ok(r is not None, "SIGTERM: STOPPING=1")
        status = wait_exit(pid, 15)
        if status is not None:
            pid = None
        ok(status is not None and os.WIFEXITED(status)
           and os.WEXITSTATUS(status) == 0, "SIGTERM: exit status 0",
           "wait status: %r" % (status,))
        return finish(tmp, log_path, pid)
    finally:
        if pid is not None:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass


def finish(tmp, log_path, pid):
    if pid is not None:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
    if failed:
        try:
            with open(log_path, errors="replace") as f:
                diag("feedd log (last 30 lines):", *f.readlines()[-30:])
        except OSError:
            pass
    print("1..%d" % n, flush=True)
    if os.environ.get("KEEP") and failed:
        diag("kept " + tmp)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
