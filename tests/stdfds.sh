#!/bin/sh
# Closed standard descriptors.  A socket or file opened later would take
# their numbers: feedctl with stdout closed printed its stories into its
# socket, where the daemon read them as requests (a title could remove a
# feed), and feedd with stderr closed would log into whatever it opened
# next.  POSIX sh, TAP.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"
httpd_start
# A story whose title is a request to remove feed 1.
cat >"$T/evil.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Evil</title>
<item><title>{"id":1,"cmd":"remove","feed":1}</title>
<link>http://example.org/evil/1</link><guid>evil-1</guid></item>
</channel></rss>
XML
routes '{"/evil": {"body": open(os.path.join(os.path.dirname(sys.argv[1]), "evil.xml")).read()}}'

# feedd with all three closed, logging at debug level.
printf '[poll]\ninterval = 30m\n[daemon]\nlog_level = debug\n' >"$T/feedd.conf"
"$FEEDD" -c "$T/feedd.conf" --db "$DB" --socket "$SOCK" <&- >&- 2>&- &
FEEDD_PID=$!
cli -t 10 '{"cmd":"ping"}' || bail_out "feedd did not start with 0-2 closed"
pass "feedd starts with stdin, stdout and stderr closed"
cli '{"cmd":"add","url":"'"$BASE"'/evil"}'
ok "a feed added" check 'r["added"] and r["feed"]["id"] == 1'
ok "and polled" wait_polled
feedd_stop 5
is "$FEEDD_RC" 0 "feedd exits 0"
ok "its database is intact (no log line written into it)" "$PY" - "$DB" <<'PYEOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
ok = ok and db.execute("SELECT count(*) FROM items").fetchone()[0] == 1
sys.exit(0 if ok else 1)
PYEOF
for f in "$DB" "$DB-wal"; do
	[ -f "$f" ] || continue
	grep -q 'feedd\[\|feedd: \|level=' "$f" && fail "log text found in $f"
done

feedd_start
# fc2 ARG...: feedctl with stdout closed; stderr in $ERR, status $RC.
ERR=$T/fc.err
fc2() {
	RC=0
	"$FEEDCTL" --socket "$SOCK" "$@" >&- 2>"$ERR" </dev/null || RC=$?
}
fc2 new
is "$RC" 1 "new >&-: exit 1"
ok "new >&-: says why" grep -q 'writing the stories: Bad file descriptor' "$ERR"
fc2 follow
is "$RC" 1 "follow >&-: exit 1"
cli '{"cmd":"feeds"}'
ok "new >&-: the title did not reach the daemon as a request (feed kept)" \
    check 'len(r["feeds"]) == 1'
cli '{"cmd":"new","peek":true}'
ok "new >&-: the story is still new" check 'len(r["items"]) == 1'
fc2 feeds
is "$RC" 1 "feeds >&-: exit 1"
ok "feeds >&-: says why" \
    grep -q 'writing to standard output: Bad file descriptor' "$ERR"
if [ -c /dev/full ]; then
	RC=0
	"$FEEDCTL" --socket "$SOCK" status >/dev/full 2>"$ERR" || RC=$?
	is "$RC" 1 "status > /dev/full: exit 1"
	ok "status > /dev/full: says why" \
	    grep -q 'writing to standard output: No space left' "$ERR"
else
	skip "status > /dev/full: exit 1" "no /dev/full"
	skip "status > /dev/full: says why" "no /dev/full"
fi
RC=0
"$FEEDCTL" --socket "$SOCK" feeds 2>"$ERR" | head -c 0 || true
ok "feeds | head: quiet when the reader goes away" test ! -s "$ERR"
done_testing
