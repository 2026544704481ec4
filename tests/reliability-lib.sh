# Sourced by tests/reliability-*.sh after tests/daemon-lib.sh: more
# servers, measurements of feedd's process, mounts undone at exit.  POSIX
# sh (dash); every wait is bounded.
#
#	now_ms			milliseconds since the epoch
#	proc_kb PID FIELD	a /proc/PID/status size in kB (VmHWM, VmRSS)
#	cpu_ms PID		user + system CPU time of PID so far, in ms
#	nfds PID		descriptors PID has open
#	httpd_named NAME	one more tests/httpd.py, routes in
#				$T/NAME.json (write them with routes EXPR
#				$T/NAME.json), log in $T/NAME.log; sets
#				PORT_NAME and BASE_NAME
#	nreq_in LOG PATH	requests for PATH in another server's log
#	sink_start		a TCP listener logging every connection
#				made to it ($T/sink.log): sets SINK_PORT
#	track_pid PID		killed (TERM) at exit
#	track_mount DIR		unmounted at exit, before the scratch
#				directory is removed
#	feeds_json		{"cmd":"feeds"} into $T/feeds.json
#	pyj FILE EXPR		EXPR over the JSON in FILE (as d), printed
#	mem_ok NAME KB MAXKB	passes when KB < MAXKB; skipped in sanitizer
#				builds and under FEEDD_WRAPPER (their
#				shadow memory inflates RSS)
#	integrity NAME		PRAGMA integrity_check on $DB is "ok"
#				(skipped without the sqlite3 CLI)
#	idle_cpu NAME		feedd's CPU time over 5 s is under 500 ms

# shellcheck disable=SC2034 # SINK_PORT, SANITIZED are for the tests
_extra_pids=
_mounts=

_rel_cleanup() {
	for _p in $_extra_pids; do
		kill -TERM "$_p" 2>/dev/null
	done
	# feedd first: a mount it holds files on cannot go.
	_stop_feedd
	for _m in $_mounts; do
		umount "$_m" 2>/dev/null || umount -l "$_m" 2>/dev/null
	done
	_cleanup
}
trap _rel_cleanup EXIT
# A closed output pipe or a hangup must still clean up (exit runs the trap).
trap 'exit 1' HUP PIPE

# Sanitizer builds and valgrind: memory figures are the tool's, not
# feedd's.
SANITIZED=
grep -aq -e __asan_init -e __tsan_init -e __msan_init "$FEEDD_BIN" \
    2>/dev/null && SANITIZED=1
[ -n "${FEEDD_WRAPPER:-}" ] && SANITIZED=1

mem_ok() {
	if [ -n "$SANITIZED" ]; then
		skip "$1" "sanitizer build or wrapper: RSS not representative ($2 kB)"
	else
		ok "$1" test "$2" -lt "$3"
	fi
}

track_pid() { _extra_pids="$_extra_pids $1"; }
track_mount() { _mounts="$1 $_mounts"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

proc_kb() {
	awk -v f="$2:" '$1 == f { print $2; found = 1 } END { if (!found) print 0 }' \
	    "/proc/$1/status" 2>/dev/null || echo 0
}

_clk_tck=$(getconf CLK_TCK 2>/dev/null || echo 100)
cpu_ms() {
	# Fields 14 and 15 (utime, stime) after the ")" ending the name.
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null |
	    awk -v hz="$_clk_tck" '{ print int(($12 + $13) * 1000 / hz) }'
}

nfds() {
	# shellcheck disable=SC2012 # the names are numbers
	ls "/proc/$1/fd" 2>/dev/null | wc -l
}

httpd_named() {
	[ -f "$T/$1.json" ] || echo '{}' >"$T/$1.json"
	"$PY" "$SRCDIR/tests/httpd.py" --routes "$T/$1.json" \
	    --log "$T/$1.log" --port-file "$T/$1.port" 2>"$T/$1.err" &
	track_pid $!
	_i=0
	while [ ! -s "$T/$1.port" ]; do
		_i=$((_i + 1))
		[ $_i -gt 100 ] && bail_out "httpd.py ($1) did not start"
		sleep 0.1
	done
	eval "PORT_$1=\$(cat \"\$T/\$1.port\")"
	eval "BASE_$1=http://127.0.0.1:\$PORT_$1"
	: >>"$T/$1.log"
}

nreq_in() {
	"$PY" -c 'import json, sys
print(sum(json.loads(l)["path"] == sys.argv[2] for l in open(sys.argv[1])))' \
	    "$1" "$2"
}

sink_start() {
	: >"$T/sink.log"
	"$PY" -c '
import os, socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(16)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, addr = s.accept()
    c.settimeout(1)
    try:
        data = c.recv(200)
    except OSError:
        data = b""
    with open(sys.argv[2], "a") as log:
        log.write("connection from %s: %r\n" % (addr, data))
    c.close()
' "$T/sink.port" "$T/sink.log" &
	track_pid $!
	_i=0
	while [ ! -s "$T/sink.port" ]; do
		_i=$((_i + 1))
		[ $_i -gt 100 ] && bail_out "the TCP sink did not start"
		sleep 0.1
	done
	SINK_PORT=$(cat "$T/sink.port")
}

feeds_json() {
	cli -t "${1:-10}" '{"cmd":"feeds"}' && cp "$T/out" "$T/feeds.json"
}

pyj() {
	"$PY" -c 'import json, sys
d = json.loads(open(sys.argv[1]).read().splitlines()[-1])
print(eval(sys.argv[2]))' "$1" "$2"
}

if command -v sqlite3 >/dev/null 2>&1; then
	SQLITE=sqlite3
else
	SQLITE=
fi
integrity() {
	if [ -n "$SQLITE" ]; then
		is "$($SQLITE "$DB" 'PRAGMA integrity_check' 2>&1)" ok "$1"
	else
		skip "$1" "no sqlite3 CLI (add sqlite3 to tools/install-deps)"
	fi
}

idle_cpu() {
	_c0=$(cpu_ms "$FEEDD_PID")
	sleep 5
	_c1=$(cpu_ms "$FEEDD_PID")
	diag "$1: feedd used $((_c1 - _c0)) ms of CPU in 5 s idle"
	ok "$1: no busy loop ($((_c1 - _c0)) ms of CPU in 5 s, under 500)" \
	    test $((_c1 - _c0)) -lt 500
}
