#!/bin/sh
# A client of another user: with the socket at its mode 0600, connect()
# itself fails with EACCES; with the socket made 0666 behind feedd's back,
# feedd checks SO_PEERCRED at accept and closes the connection without
# answering.  Either way the daemon answers its own user within 100 ms
# afterwards.  Needs root (to make the user feeddtest and to run as it).
# POSIX sh, TAP.
# shellcheck disable=SC2119 # feedd_start without extra configuration
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-60}
. "${top_srcdir:-.}/tests/daemon-lib.sh"

PROBE=$SRCDIR/tests/socket-probe.py
USER_=feeddtest

if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP not root"
	exit 0
fi
if ! id "$USER_" >/dev/null 2>&1; then
	useradd -M -s /usr/sbin/nologin "$USER_" 2>"$T/err" || {
		echo "1..0 # SKIP useradd $USER_ failed: $(cat "$T/err")"
		exit 0
	}
	diag "created the user $USER_ (left in place)"
fi
if command -v setpriv >/dev/null 2>&1; then
	as_other() {
		setpriv --reuid="$USER_" --regid="$USER_" --clear-groups "$@"
	}
elif command -v runuser >/dev/null 2>&1; then
	as_other() { runuser -u "$USER_" -- "$@"; }
else
	echo "1..0 # SKIP neither setpriv nor runuser"
	exit 0
fi
# The other user must reach the socket's directory, or connect() would
# fail there rather than at the socket; the script comes on stdin.
chmod 0711 "$T"
d=$T
while [ "$d" != / ] && [ -n "$d" ]; do
	d=$(dirname "$d")
	as_other test -x "$d" 2>/dev/null ||
	    { echo "1..0 # SKIP $USER_ cannot reach $d"; exit 0; }
done
# A Python the other user may run (not one under root's home, say).
OPY=
for p in "$("$PY" -c 'import sys; print(sys.executable)')" /usr/bin/python3 \
    /usr/local/bin/python3; do
	if [ -x "$p" ] && as_other "$p" -c pass 2>/dev/null; then
		OPY=$p
		break
	fi
done
[ -n "$OPY" ] || { echo "1..0 # SKIP no python3 that $USER_ may run"; exit 0; }
# peer: the probe run as the other user; its result in $T/out.
peer() {
	as_other "$OPY" - peer "$SOCK" <"$PROBE" >"$T/out" 2>"$T/err" ||
	    diag "probe as $USER_: $(cat "$T/err")"
	[ -s "$T/out" ] || echo '{"uid": null, "connect": null}' >"$T/out"
}
# ping_fast WHAT: a ping of our own, within 100 ms, as feedctl would.
ping_fast() {
	"$PY" - "$SOCK" <<'EOF' >"$T/ping" 2>&1
import json, socket, sys, time
t0 = time.monotonic()
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall(b'{"id": 1, "cmd": "ping"}\n')
data = b""
while not data.endswith(b"\n"):
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
ms = (time.monotonic() - t0) * 1000
print("%.2f" % ms)
sys.exit(0 if json.loads(data).get("ok") and ms < 100 else 1)
EOF
	_rc=$?
	ok "$1: our own ping answers within 100 ms" test $_rc -eq 0
	diag "$1: ping $(cat "$T/ping") ms"
}

feedd_start
ok "the socket is mode 0600" test "$(stat -c %a "$SOCK")" = 600

# ---- mode 0600: the kernel refuses ----
peer
diag "$(cat "$T/out")"
ok "socket 0600: the probe ran as $USER_" check "r[\"uid\"] == $(id -u "$USER_")"
ok "socket 0600: connect() fails with EACCES" check 'r["connect"] == "EACCES"'
ping_fast "socket 0600"

# ---- mode 0666: feedd refuses (SO_PEERCRED) ----
chmod 0666 "$SOCK"
peer
diag "$(cat "$T/out")"
ok "socket 0666: connect() succeeds (the kernel lets it through)" check 'r["connect"] == "ok"'
ok "socket 0666: feedd closes the connection without a byte" check \
    'r["recv"] in ("eof", "ECONNRESET") and r["data"] == ""'
ok "socket 0666: closed at once (under 1 s)" check 'r["ms"] < 1000'
ok "feedd logged the refusal" grep -q 'refused a client of another user' "$T/feedd.log"
ping_fast "socket 0666"
# Again, several at once.
for _i in 1 2 3 4 5; do peer; done
ok "five more refusals: still nothing answered" check 'r["data"] == ""'
ping_fast "after five more"
cli '{"cmd":"status"}'
ok "status afterwards" check 'r["ok"]'
chmod 0600 "$SOCK"
feedd_stop 5
is "$FEEDD_RC" 0 "SIGTERM: feedd exits 0"
done_testing
