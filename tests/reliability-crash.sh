#!/bin/sh
# Crash safety: 1000 feeds of 20 items (tests/bench/gen-corpus.py) are
# ingested while feedd is killed with SIGKILL at random moments, at least 20
# times, and restarted after each kill; then it finishes.  Afterwards the
# database passes PRAGMA integrity_check, every item of every feed is there
# once (20,000 distinct guids), and a client that read {"cmd":"new"} with a
# named cursor all along, across the restarts, was never handed a story
# twice.
#
# CRASH_KILLS (default 25) and CRASH_FEEDS (default 1000) tune it.
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-200}
. "${top_srcdir:-.}/tests/daemon-lib.sh"
. "$SRCDIR/tests/reliability-lib.sh"

KILLS=${CRASH_KILLS:-25}
NFEEDS=${CRASH_FEEDS:-1000}
NITEMS=20
TOTAL=$((NFEEDS * NITEMS))
if command -v sqlite3 >/dev/null 2>&1; then
	SQLITE=sqlite3
else
	SQLITE=
	diag "no sqlite3 CLI: the integrity_check tests are skipped" \
	    "(add sqlite3 to tools/install-deps)"
fi

t0=$(now_ms)
"$PY" "$SRCDIR/tests/bench/gen-corpus.py" "$T/corpus" --feeds "$NFEEDS" \
    --items $NITEMS >"$T/gen.log" 2>&1 || bail_out "gen-corpus.py failed"
"$PY" - "$T" "$NFEEDS" <<'EOF'
import json, sys
T, n = sys.argv[1], int(sys.argv[2])
json.dump({"/f%04d" % i: {"body_file": "corpus/feed-%04d.xml" % i}
           for i in range(n)}, open(T + "/routes.json", "w"))
EOF
httpd_start
"$PY" -c 'import json, sys
print(json.dumps({"cmd": "import", "feeds": [{"url": "%s/f%04d" % (sys.argv[1], i)}
      for i in range(int(sys.argv[2]))]}))' "$BASE" "$NFEEDS" >"$T/import.json"
diag "corpus of $NFEEDS feeds made and served in $(($(now_ms) - t0)) ms"

# Queues the feeds never polled, and 20 polled ones (seen again: nothing
# of theirs may be new).  Waits for feedd to answer first.
cat >"$T/kick.py" <<'EOF'
import json, random, socket, sys, time
deadline = time.monotonic() + 10
while True:
    try:
        s = socket.socket(socket.AF_UNIX)
        s.connect(sys.argv[1])
        break
    except OSError:
        s.close()
        if time.monotonic() > deadline:
            sys.exit("kick: no feedd")
        time.sleep(0.02)
f = s.makefile("rb")
def ask(req):
    s.sendall((json.dumps(req) + "\n").encode())
    return json.loads(f.readline())
feeds = ask({"id": 1, "cmd": "feeds"})["feeds"]
todo = [x["id"] for x in feeds if not x["last_poll"]]
done = [x["id"] for x in feeds if x["last_poll"]]
again = random.sample(done, min(20, len(done)))
if todo or again:
    ask({"id": 2, "cmd": "refresh", "feeds": todo + again})
print(len(todo))
EOF

# The reader: {"cmd":"new","cursor":"crashtest"} over and over, through
# every restart, each story it is handed appended to delivered.jsonl.
cat >"$T/reader.py" <<'EOF'
import json, os, socket, sys, time
sock, out, stop = sys.argv[1:4]
log = open(out, "a")
n = 0
while not os.path.exists(stop):
    try:
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(5)
        s.connect(sock)
        f = s.makefile("rb")
        while not os.path.exists(stop):
            n += 1
            s.sendall(b'{"id":%d,"cmd":"new","cursor":"crashtest","limit":500}\n'
                      % n)
            line = f.readline()
            if not line.endswith(b"\n"):
                raise ConnectionError("cut")
            r = json.loads(line)
            for it in r.get("items", []):
                log.write(json.dumps({"seq": it["seq"], "guid": it["guid"],
                                      "feed": it["feed"]["url"]}) + "\n")
            log.flush()
            if not r.get("items"):
                time.sleep(0.05)
    except (OSError, ConnectionError, ValueError):
        time.sleep(0.02)
    finally:
        s.close()
EOF

CONF='[http]
max_host_connections = 4'
feedd_start "$CONF"
cli -t 20 "$(cat "$T/import.json")"
ok "$NFEEDS feeds imported" check 'r["added"] == '"$NFEEDS"
: >"$T/delivered.jsonl"
"$PY" "$T/reader.py" "$SOCK" "$T/delivered.jsonl" "$T/stop" &
track_pid $!

# The kills: each at a random moment after the restart's queueing, while
# feeds are being fetched and stored.  The moments are drawn from 30 ms to
# SPAN ms, SPAN steered so that each cycle gets through about 1/(KILLS+8)
# of the feeds and the last kill still finds some unpolled.
t1=$(now_ms)
k=0
hits=0
left=$NFEEDS
span=500
target=$((NFEEDS / (KILLS + 8)))
progress=
while [ $k -lt "$KILLS" ]; do
	if [ -z "$FEEDD_PID" ]; then
		"$FEEDD" -c "$T/feedd.conf" --db "$DB" --socket "$SOCK" \
		    >>"$T/feedd.log" 2>&1 &
		FEEDD_PID=$!
	fi
	before=$left
	left=$("$PY" "$T/kick.py" "$SOCK") || bail_out "feedd did not restart"
	[ "$left" -gt 0 ] && hits=$((hits + 1))
	if [ $k -gt 0 ]; then
		if [ $((before - left)) -gt "$target" ]; then
			span=$((span * 2 / 3))
		else
			span=$((span * 3 / 2))
		fi
		[ $span -lt 40 ] && span=40
		[ $span -gt 1500 ] && span=1500
	fi
	progress="$progress $left"
	sleep "$(awk -v r="$(od -An -N2 -tu2 /dev/urandom)" -v s=$span \
	    'BEGIN { printf "%.3f", (30 + (s - 30) * r / 65535) / 1000 }')"
	kill -KILL "$FEEDD_PID"
	wait "$FEEDD_PID" 2>/dev/null
	FEEDD_PID=
	k=$((k + 1))
done
diag "$KILLS kills in $(($(now_ms) - t1)) ms; feeds never polled before each:" \
    "$progress"
ok "killed $k times, $hits of them during the ingest (at least 20)" \
    test "$hits" -ge 20
grep -E 'corrupt|malformed|integrity' "$T/feedd.log" | head -5 |
    while read -r l; do diag "log: $l"; done
if [ -n "$SQLITE" ]; then
	is "$($SQLITE "$DB" 'PRAGMA integrity_check' 2>&1)" ok \
	    "integrity_check right after the last SIGKILL"
else
	skip "integrity_check right after the last SIGKILL" "no sqlite3 CLI"
fi

# The last restart: let it finish.
t1=$(now_ms)
FEEDD_PID=
"$FEEDD" -c "$T/feedd.conf" --db "$DB" --socket "$SOCK" >>"$T/feedd.log" 2>&1 &
FEEDD_PID=$!
left=$("$PY" "$T/kick.py" "$SOCK")
ok "every feed polled in the end" cli -t 60 \
    -u 'all(f["last_poll"] for f in r["feeds"])' '{"cmd":"feeds"}'
diag "the last $left feeds done in $(($(now_ms) - t1)) ms"
ok "no feed failed" check 'not [f for f in r["feeds"] if f["error"]]'
ok "every feed has its $NITEMS items" check \
    'sorted(set(f["items"] for f in r["feeds"])) == ['"$NITEMS"']'
cli '{"cmd":"status"}'
ok "status: $TOTAL items, no store error" check \
    'r["items"] == '"$TOTAL"' and r["store_error"] is None'
stories=$(resp 'r["stories"]')

# Let the reader catch up: the cursor reaches the last story.
ok "the reader catches up" cli -t 20 \
    -u 'r["items"] == []' '{"cmd":"new","cursor":"crashtest","peek":true}'
sleep 0.3
: >"$T/stop"
feedd_stop 20
is "$FEEDD_RC" 0 "feedd stops cleanly after the crashes"

if [ -n "$SQLITE" ]; then
	is "$($SQLITE "$DB" 'PRAGMA integrity_check' 2>&1)" ok \
	    "integrity_check at the end"
	is "$($SQLITE "$DB" 'SELECT count(*), count(DISTINCT feed || " " || guid)
	    FROM items')" "$TOTAL|$TOTAL" "$TOTAL items, $TOTAL distinct guids"
	$SQLITE "$DB" 'SELECT id FROM items WHERE story = id ORDER BY id' \
	    >"$T/firsts"
else
	skip "integrity_check at the end" "no sqlite3 CLI"
	skip "$TOTAL distinct guids" "no sqlite3 CLI"
fi

# Every story handed out once at most.
"$PY" - "$T/delivered.jsonl" "$T/firsts" "$stories" >"$T/dups" <<'EOF'
import collections, json, os, sys
d = [json.loads(l) for l in open(sys.argv[1])]
seqs = collections.Counter(x["seq"] for x in d)
guids = collections.Counter((x["feed"], x["guid"]) for x in d)
dup = [k for k, n in seqs.items() if n > 1]
dupg = [k for k, n in guids.items() if n > 1]
lost = "?"
if os.path.exists(sys.argv[2]):
    firsts = set(int(l) for l in open(sys.argv[2]) if l.strip())
    lost = len(firsts - set(seqs))
print(len(d), len(dup), len(dupg), lost, sys.argv[3])
for k in dup[:5]:
    print("dup seq", k, file=sys.stderr)
EOF
# shellcheck disable=SC2046 # five numbers
set -- $(cat "$T/dups")
diag "the reader was handed $1 stories of $5; $4 were never handed to it" \
    "(cursor moved, answer lost to a kill)"
is "$2" 0 "no story seq handed out twice across the crashes"
is "$3" 0 "no guid handed out twice across the crashes"

done_testing
