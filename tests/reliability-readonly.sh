#!/bin/sh
# A read-only database: feedd stays up and serves what it can read, says
# so once in its log and in `feedctl status`, refuses every write with a
# clear error, polls nothing (what a poll brings could not be kept), and
# recovers without a restart once the database is writable again; the
# items published meanwhile are stored by the first polls after that, and
# the database is never corrupted.  Three ways of making it read-only:
#
#  1. at start, a tmpfs remounted read-only (root: chmod does not stop it,
#     and a file system with files open for writing cannot be remounted);
#  2. while feedd runs, `chattr +i` on the database and its WAL, on an
#     ext4 file system (a loop mount, or the scratch directory): root's
#     writes through descriptors already open fail (EPERM);
#  3. at start, chmod 0444 of the file, then 0555 of its directory, feedd
#     running as an ordinary user (setpriv to nobody when run as root).
#
# Each case is skipped where what it needs is missing (mounts need root).
# shellcheck disable=SC2119 # wait_polled with its default
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-180}
. "${top_srcdir:-.}/tests/daemon-lib.sh"
. "$SRCDIR/tests/reliability-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"
[ -n "$SQLITE" ] || diag "no sqlite3 CLI: integrity_check is skipped"

# A feed of N items without dates (its interval stays the one asked for),
# answering 304 to its ETag "vN": a validator stored without its items
# would hide them.
feed_route() {	# PATH N
	routes '{"'"$1"'": {"conditional": True, "headers": {"ETag": "\"v'"$2"'\""},
  "body": "<rss version=\"2.0\"><channel><title>t</title>" + "".join(
    "<item><title>%s %d</title><link>http://ro.example%s/%d</link></item>"
    % ("'"$1"'", i, "'"$1"'", i) for i in range('"$2"')) + "</channel></rss>"}}'
}
said_once() {	# the error line, not one per poll or retry
	test "$(grep -c 'database read-only: .*nothing is stored' \
	    "$T/feedd.log")" = 1
}
refused() {	# the last answer: a refusal naming the cause
	check 'r["ok"] is False and r["error"]["code"] == "internal" and
	    "database read-only: " + os.environ["DB"] in r["error"]["message"]'
}

# ro_state NAME PATH N: feedd with a read-only database holding N items
# of the feed PATH.  A case on the same database as an earlier one sets
# C (a cursor and a feed that are new to it).
C=
ro_state() {
	cli -t 15 -u 'r["store_error"]' '{"cmd":"status"}'
	ok "$1: status says database read-only, naming it" check \
	    '(r["store_error"] or "").startswith(
	        "database read-only: " + os.environ["DB"] + ": ")'
	diag "store_error: $(resp 'r["store_error"]')"
	"$FEEDCTL" --socket "$SOCK" status >"$T/status.txt" 2>&1
	ok "$1: feedctl status shows it" \
	    grep -qF "database read-only: $DB" "$T/status.txt"
	"$FEEDCTL" --socket "$SOCK" status --json >"$T/out" 2>&1
	ok "$1: feedctl status --json has it as \"error\"" check \
	    '(r["error"] or "").startswith("database read-only: ")'
	ok "$1: feedd answers ping" cli -t 5 '{"cmd":"ping"}'
	cli '{"cmd":"feeds"}'
	ok "$1: feeds listed, with what was stored" check \
	    "feed('$2')['items'] == $3"
	cli '{"cmd":"items","limit":100}'
	ok "$1: items answered" check "len(r['items']) == $3"
	cli '{"cmd":"new","cursor":"ro'"$C"'","peek":true}'
	ok "$1: new --peek answered" check "len(r['items']) == $3"
	cli '{"cmd":"new","cursor":"ro'"$C"'"}'
	ok "$1: new (moving a cursor) refused, saying why" refused
	diag "new: $(resp 'r["error"]["message"]')"
	cli '{"cmd":"add","url":"'"$BASE"'/other'"$C"'"}'
	ok "$1: add refused, saying why" refused
	cli '{"cmd":"refresh","wait":true}'
	ok "$1: refresh refused, saying why" refused
	cli '{"cmd":"mark","items":[1],"flag":"read"}'
	ok "$1: mark refused, saying why" refused
}

# recovered NAME: the store writable again, seen by status and the log.
recovered() {
	_t0=$(now_ms)
	cli -t 20 -u 'not r["store_error"]' '{"cmd":"status"}'
	ok "$1: status clears within 20 s" check 'r["store_error"] is None'
	diag "$1: writable again after $(($(now_ms) - _t0)) ms"
	ok "$1: the log says writable again" \
	    grep -q 'is writable again; storing resumes' "$T/feedd.log"
	cli '{"cmd":"add","url":"'"$BASE"'/other'"$C"'"}'
	ok "$1: add works again" check 'r["ok"] and r["added"]'
	cli '{"cmd":"new","cursor":"ro'"$C"'"}'
	ok "$1: new moves its cursor again" check 'r["ok"]'
}
export DB

# ---- 1. read-only at start: a tmpfs remounted read-only ----

mkdir "$T/ro"
if [ "$(id -u)" != 0 ]; then
	skip "read-only file system at start" "needs root (mount)"
elif ! mount -t tmpfs -o size=16M tmpfs "$T/ro" 2>"$T/mount.err"; then
	skip "read-only file system at start" \
	    "cannot mount a tmpfs: $(cat "$T/mount.err")"
else
	track_mount "$T/ro"
	DB=$T/ro/feedd.db
	httpd_start
	feed_route /a 3
	feedd_start
	cli '{"cmd":"add","url":"'"$BASE"'/a"}'
	wait_polled
	feedd_stop 10
	# Published while the database cannot be written.
	feed_route /a 5
	mount -o remount,ro "$T/ro"
	: >"$T/feedd.log"
	feedd_start
	ro_state "ro file system at start" /a 3
	diag "cause: $(resp 'r["error"]["message"]')"
	n0=$(nreq /a)
	idle_cpu "ro file system at start"
	ok "ro file system at start: nothing polled" test "$(nreq /a)" = "$n0"
	ok "ro file system at start: said once in the log, not per retry" \
	    said_once
	diag "retries logged at debug level:" \
	    "$(grep -c 'still read-only' "$T/feedd.log")"

	mount -o remount,rw "$T/ro"
	recovered "remounted read-write"
	cli -t 20 '{"cmd":"refresh","feeds":["'"$BASE"'/a"],"wait":true}'
	ok "remounted read-write: the items published meanwhile are stored" \
	    check 'r["fetched"] == 1 and r["new_items"] == 2'
	ok "remounted read-write: asked with the validator stored before" \
	    test "$(req /a -1 'h.get("If-None-Match")')" = '"\"v3\""'
	feedd_stop 10
	is "$FEEDD_RC" 0 "remounted read-write: feedd stops cleanly"
	integrity "ro file system at start: integrity_check"
fi

# ---- 2. read-only while running: chattr +i on ext4 ----

# immutable_stops DIR: root's write through a descriptor opened before
# `chattr +i` fails there (ext4 and xfs do; tmpfs does not).
immutable_stops() {
	_f=$1/probe
	: >"$_f" && exec 3>>"$_f" || return 1
	_r=1
	if chattr +i "$_f" 2>/dev/null; then
		printf x >&3 2>/dev/null || _r=0
		chattr -i "$_f"
	fi
	exec 3>&-
	rm -f "$_f"
	return $_r
}
E4=
if [ "$(id -u)" = 0 ] && command -v chattr >/dev/null 2>&1; then
	mkdir "$T/e4"
	if truncate -s 32M "$T/e4.img" && mkfs.ext4 -q -F "$T/e4.img" \
	    >/dev/null 2>&1 && mount -o loop "$T/e4.img" "$T/e4" 2>/dev/null
	then
		track_mount "$T/e4"
		immutable_stops "$T/e4" && E4=$T/e4
	fi
	# No loop device: the scratch directory itself may do.
	if [ -z "$E4" ] && immutable_stops "$T"; then
		mkdir -p "$T/e4dir"
		E4=$T/e4dir
	fi
fi
if [ -z "$E4" ]; then
	skip "read-only while running" "needs root, chattr and a file system" \
	    "where +i stops writes already open (ext4)"
else
	# An immutable file left by a failed run would survive rm -rf.
	trap 'chattr -i "$E4"/feedd.db* 2>/dev/null; _rel_cleanup' EXIT
	diag "database on $(df -T "$E4" | awk 'NR == 2 { print $2 }')" \
	    "($([ "$E4" = "$T/e4" ] && echo loop mount || echo scratch))"
	DB=$E4/feedd.db
	[ -n "$HTTPD_PID" ] || httpd_start
	feed_route /b 3
	: >"$T/feedd.log"
	feedd_start '[poll]
min_interval = 1s'
	cli '{"cmd":"add","url":"'"$BASE"'/b","interval":2}'
	cli -t 10 -u 'r["feeds"][0]["items"] == 3' '{"cmd":"feeds"}'
	ok "running: the feed stored, polled every 2 s" check \
	    'feed("/b")["items"] == 3'
	chattr +i "$DB" "$DB-wal"
	feed_route /b 5
	ro_state "turned read-only while running" /b 3
	n0=$(nreq /b)
	sleep 5
	ok "turned read-only while running: not polled meanwhile" \
	    test "$(nreq /b)" = "$n0"
	ok "turned read-only while running: said once in the log" said_once
	chattr -i "$DB" "$DB-wal"
	recovered "writable again"
	# The poll that failed to store left it due: it is polled at once.
	cli -t 15 -u '[f for f in r["feeds"] if f["url"].endswith("/b") and
	    f["items"] == 5]' '{"cmd":"feeds"}'
	ok "writable again: the items published meanwhile are stored" check \
	    'feed("/b")["items"] == 5'
	# (The first poll after it: the one before it was not stored.)
	ok "writable again: asked with the validator stored before" \
	    test "$(req /b "$n0" 'h.get("If-None-Match")')" = '"\"v3\""'
	feedd_stop 10
	is "$FEEDD_RC" 0 "writable again: feedd stops cleanly"
	integrity "read-only while running: integrity_check"
fi

# ---- 3. read-only at start: chmod, as an ordinary user ----

# chmod_case NAME WHAT MODE N: feedd started with WHAT (the database or
# its directory) in MODE, then given its mode back; the feed /c holds N
# items and has one more.
chmod_case() {
	feed_route /c $(($4 + 1))
	chmod "$3" "$2"
	: >"$T/feedd.log"
	feedd_start
	ro_state "$1 at start" /c "$4"
	ok "$1 at start: the cause is a permission" check \
	    '"Permission denied" in r["error"]["message"]'
	chmod u+w "$2"
	recovered "$1, then u+w"
	cli -t 20 '{"cmd":"refresh","feeds":["'"$BASE"'/c"],"wait":true}'
	ok "$1, then u+w: the item published meanwhile is stored" \
	    check 'r["fetched"] == 1 and r["new_items"] == 1'
	feedd_stop 10
	is "$FEEDD_RC" 0 "$1, then u+w: feedd stops cleanly"
	integrity "$1: integrity_check"
}

U=$T/user
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null 2>&1; then
	skip "chmod at start" "running as root without setpriv"
else
	mkdir -p "$U/db"
	if [ "$(id -u)" = 0 ]; then
		# nobody must reach the config and its own directory.
		chmod 0711 "$T"
		chown -R 65534:65534 "$U"
		# (TMPDIR: a wrapper such as valgrind writes there.)
		printf '#!/bin/sh\nTMPDIR=%s exec setpriv --reuid=65534 %s %s "$@"\n' \
		    "$U" "--regid=65534 --clear-groups" "$FEEDD" \
		    >"$T/feedd-nobody"
		chmod +x "$T/feedd-nobody"
		FEEDD_REAL=$FEEDD
		FEEDD=$T/feedd-nobody
	fi
	DB=$U/db/feedd.db
	SOCK=$U/feedd.sock
	[ -n "$HTTPD_PID" ] || httpd_start
	feed_route /c 3
	: >"$T/feedd.log"
	umask 022	# the configuration, readable by nobody
	feedd_start
	cli '{"cmd":"add","url":"'"$BASE"'/c"}'
	wait_polled
	feedd_stop 10
	chmod_case "chmod 0444 of the database" "$DB" 0444 3
	C=2
	chmod_case "chmod 0555 of its directory" "$U/db" 0555 4
	[ -n "${FEEDD_REAL:-}" ] && FEEDD=$FEEDD_REAL
fi

done_testing
