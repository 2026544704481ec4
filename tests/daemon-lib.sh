# Sourced by the daemon integration tests (tests/daemon-*.sh): TAP output,
# a scratch directory, the test HTTP server (tests/httpd.py) and feedd,
# both stopped at exit.  POSIX sh.  Every wait is bounded, and a watchdog
# ends the test if it runs for more than DAEMON_TEST_TIMEOUT seconds.
# FEEDD and FEEDCTL are absolute paths; with FEEDD_WRAPPER set they are
# scripts running the programs under it (FEEDD_BIN stays the binary), and
# the waits are FEEDD_TEST_TIMESCALE times longer (tests/wrapper-lib.sh).
#
#	pass/fail/skip DESCRIPTION, ok DESCRIPTION COMMAND..., is GOT WANT DESC
#	diag TEXT..., done_testing
#	routes PYEXPR [FILE]	the server's routes, a Python expression with
#				rss(n, tag, pad=0), base (the server's URL),
#				httpdate(seconds from now) and write(name,
#				text) (a file for body_file) at hand; FILE
#				(default $T/routes.json): another server's
#	httpd_start		starts the server: $PORT, $BASE (exported)
#	feedd_start [CONF]	starts feedd with CONF appended to the config
#	feedd_stop [SECS]	SIGTERM, waits; exit status in $FEEDD_RC
#	cli [-t S] [-u E] [-l S] REQUEST
#				a request (tests/feedd-cli.py); the lines
#				received in $T/out, exit status in $RC
#	resp EXPR		EXPR over the last response r, as JSON
#	check EXPR		exits 0 when EXPR over r is true; ts() turns
#				RFC 3339 into Unix time, feed(PATH) picks
#				the feed $BASE/PATH of r["feeds"]
#	check_all EXPR		the same over L, the list of all lines
#	nreq PATH		requests the server saw for PATH
#	req PATH N EXPR		EXPR over the Nth (from 0; -1: last) request e
#				for PATH and its headers h (null: no such one)
#	all_req EXPR		EXPR holds for every request e the server saw
#	json_of STRING		STRING as a JSON string
#	wait_nreq PATH N [S]	waits until the server saw N requests for PATH
#	wait_polled [S]		waits until every feed was polled once
#
# Set KEEP=1 to keep the scratch directory of a failing test.

# shellcheck disable=SC2034 # FEEDD_RC, DB and the like are for the tests
PY=${PYTHON3:-python3}
SRCDIR=${top_srcdir:-.}
FEEDD=${top_builddir:-.}/src/feedd
FEEDCTL=${top_builddir:-.}/src/feedctl
. "$SRCDIR/tests/wrapper-lib.sh"

_n=0
_failed=0

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }
pass() { _n=$((_n + 1)); printf 'ok %d - %s\n' "$_n" "$1"; }
skip() { _n=$((_n + 1)); printf 'ok %d - %s # SKIP %s\n' "$_n" "$1" "$2"; }
fail() {
	_n=$((_n + 1))
	_failed=$((_failed + 1))
	printf 'not ok %d - %s\n' "$_n" "$1"
	shift
	[ $# -gt 0 ] && diag "$@"
	return 0
}
ok() {
	_what=$1
	shift
	if "$@"; then pass "$_what"; else fail "$_what" "failed: $*"; fi
}
is() {
	if [ "$1" = "$2" ]; then pass "$3"; else fail "$3" "got:  $1" "want: $2"; fi
}
done_testing() {
	printf '1..%d\n' "$_n"
	[ "$_failed" -eq 0 ] || exit 1
	exit 0
}
bail_out() {
	printf 'Bail out! %s\n' "$*"
	_failed=$((_failed + 1))
	exit 1
}

command -v "$PY" >/dev/null 2>&1 || { echo "1..0 # SKIP no python3"; exit 0; }
[ -x "$FEEDD" ] || bail_out "$FEEDD not built"
unset NOTIFY_SOCKET FEEDD_SOCKET

T=$(mktemp -d "${TMPDIR:-/tmp}/feedd-daemon.XXXXXX") || bail_out "mktemp"
FEEDD_BIN=$(cd "$(dirname "$FEEDD")" && pwd)/feedd
FEEDD=$(wrapped "$FEEDD" "$T/bin")
FEEDCTL=$(wrapped "$FEEDCTL" "$T/bin")
SOCK=$T/feedd.sock
DB=$T/feedd.db
HTTPD_PID=
FEEDD_PID=

# At exit feedd gets SIGTERM, as from a service manager, so that a
# wrapper (valgrind) gets to report on it; SIGKILL after 5 s.
_stop_feedd() {
	[ -n "$FEEDD_PID" ] && kill -0 "$FEEDD_PID" 2>/dev/null &&
	    feedd_stop 5 2>/dev/null
	FEEDD_PID=
}

_cleanup() {
	_stop_feedd
	[ -n "$HTTPD_PID" ] && kill -TERM "$HTTPD_PID" 2>/dev/null
	[ -n "$_watchdog" ] && kill -TERM "$_watchdog" 2>/dev/null
	wait 2>/dev/null
	if [ "$_failed" -ne 0 ] && [ -f "$T/feedd.log" ]; then
		diag "feedd log (last 30 lines):"
		diag "$(tail -n 30 "$T/feedd.log")"
	fi
	if [ "$_failed" -ne 0 ] && [ -n "$KEEP" ]; then
		diag "kept $T"
	else
		rm -rf "$T"
	fi
}
trap _cleanup EXIT
trap 'bail_out "interrupted or timed out"' INT TERM
(
	trap 'kill $s 2>/dev/null; exit 0' TERM
	sleep "$(scaled "${DAEMON_TEST_TIMEOUT:-100}")" & s=$!
	wait $s && kill -TERM $$
) >/dev/null 2>&1 &
_watchdog=$!

# routes PYEXPR [FILE]: rewrites the routes file atomically; a PYEXPR
# that does not evaluate ends the test (the old routes would stay).
routes() {
	BASE=$BASE "$PY" - "${2:-$T/routes.json}" "$1" <<'EOF' || bail_out "routes: the expression failed (its error is above)"
import email.utils, json, os, sys, time
base, env = os.environ.get("BASE", ""), os.environ
def httpdate(delta):
    return email.utils.formatdate(time.time() + delta, usegmt=True)
def write(name, text):
    with open(os.path.join(os.path.dirname(sys.argv[1]), name), "w") as f:
        f.write(text)
    return name
def rss(n, tag, pad=0):
    items = "".join(
        "<item><title>%s %d</title><link>http://example.org/%s/%d</link>"
        "<guid>%s-%d</guid><pubDate>%s</pubDate>"
        "<description>%s</description></item>\n"
        % (tag, i, tag, i, tag, i, httpdate(-3600 * (i + 1)),
           "x" * (pad // max(n, 1))) for i in range(n))
    return ('<?xml version="1.0"?>\n<rss version="2.0"><channel>'
            "<title>%s</title><link>http://example.org/%s</link>\n%s"
            "</channel></rss>\n" % (tag, tag, items))
r = eval(sys.argv[2])
with open(sys.argv[1] + ".tmp", "w", encoding="utf-8") as f:
    json.dump(r, f)
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
EOF
}

httpd_start() {
	[ -f "$T/routes.json" ] || echo '{}' >"$T/routes.json"
	"$PY" "$SRCDIR/tests/httpd.py" --routes "$T/routes.json" \
	    --log "$T/http.log" --port-file "$T/port" 2>"$T/httpd.err" &
	HTTPD_PID=$!
	_i=0
	while [ ! -s "$T/port" ]; do
		_i=$((_i + 1))
		[ $_i -gt 100 ] && bail_out "httpd.py did not start"
		sleep 0.1
	done
	PORT=$(cat "$T/port")
	BASE=http://127.0.0.1:$PORT
	export BASE
	: >>"$T/http.log"
}

# feedd_start [CONF]: the feeds poll every 30 minutes unless CONF says
# otherwise (a section may appear twice; a key only once).
feedd_start() {
	printf '[poll]\ninterval = 30m\n[daemon]\nlog_level = debug\n%s\n' \
	    "${1:-}" >"$T/feedd.conf"
	"$FEEDD" -c "$T/feedd.conf" --db "$DB" --socket "$SOCK" \
	    >>"$T/feedd.log" 2>&1 &
	FEEDD_PID=$!
	cli -t 10 '{"cmd":"ping"}' ||
	    bail_out "feedd did not start: $(tail -n 5 "$T/feedd.log")"
}

# feedd_stop [SECS]: SIGTERM; $FEEDD_RC is the exit status, or "running"
# if it did not exit within SECS (then it is killed).
feedd_stop() {
	kill -TERM "$FEEDD_PID"
	_end=$(($(date +%s%N) / 1000000 + $(scaled "${1:-5}") * 1000))
	while kill -0 "$FEEDD_PID" 2>/dev/null; do
		if [ $(($(date +%s%N) / 1000000)) -gt $_end ]; then
			kill -KILL "$FEEDD_PID"
			wait "$FEEDD_PID"
			FEEDD_RC=running
			FEEDD_PID=
			return
		fi
		sleep 0.05
	done
	FEEDD_RC=0
	wait "$FEEDD_PID" || FEEDD_RC=$?
	FEEDD_PID=
}

cli() {
	RC=0
	"$PY" "$SRCDIR/tests/feedd-cli.py" "$SOCK" "$@" >"$T/out" 2>"$T/err" ||
	    RC=$?
	[ $RC -eq 0 ] || diag "feedd-cli $*: status $RC" "$(cat "$T/out" "$T/err")"
	return $RC
}

resp() {
	"$PY" -c 'import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])
print(json.dumps(eval("(" + sys.argv[2] + ")")))' "$T/out" "$1"
}

check() {
	"$PY" -c 'import calendar, json, os, re, sys, time
def ts(s):
    return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))
seen = []
def feed(path):
    f = [f for f in r["feeds"] if f["url"] == os.environ["BASE"] + path]
    seen.append(f[0] if f else "no feed %s" % path)
    return f[0] if f else {}
L = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()]
r = L[-1] if sys.argv[3] == "last" else None
if eval("(" + sys.argv[2] + ")"):
    sys.exit(0)
print("# false: " + " ".join(sys.argv[2].split()))
for x in seen or L[-3:]:
    print("# " + json.dumps(x)[:600])
sys.exit(1)' "$T/out" "$1" "${2:-last}"
}

check_all() {
	check "$1" all
}

nreq() {
	"$PY" -c 'import json, sys
print(sum(json.loads(l)["path"] == sys.argv[2] for l in open(sys.argv[1])))' \
	    "$T/http.log" "$1"
}

req() {
	"$PY" -c 'import json, sys, time
e = [json.loads(l) for l in open(sys.argv[1])]
e = [x for x in e if x["path"] == sys.argv[2]]
e = e[int(sys.argv[3])] if -len(e) <= int(sys.argv[3]) < len(e) else None
if e is None:
    print("null")
    sys.exit(0)
h = e["headers"]
print(json.dumps(eval("(" + sys.argv[4] + ")"), ensure_ascii=False))' \
	    "$T/http.log" "$1" "$2" "$3"
}

all_req() {
	"$PY" -c 'import json, sys
e = [json.loads(l) for l in open(sys.argv[1])]
bad = [x for x in e if not eval("(" + sys.argv[2] + ")", {}, {"e": x, "h": x["headers"]})]
for x in bad[:3]:
    print("# not so: %s" % json.dumps(x)[:600])
sys.exit(1 if bad or not e else 0)' "$T/http.log" "$1"
}

json_of() {
	"$PY" -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"
}

wait_nreq() {
	_i=0
	while [ "$(nreq "$1")" -lt "$2" ]; do
		_i=$((_i + 1))
		[ $_i -gt $(($(scaled "${3:-10}") * 5)) ] && return 1
		sleep 0.2
	done
	return 0
}

wait_polled() {
	cli -t "${1:-10}" -u 'all(f["last_poll"] for f in r["feeds"])' \
	    '{"cmd":"feeds"}'
}
