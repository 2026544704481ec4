#!/bin/sh
# Restarts: feedd does not fetch everything again when it starts (nor the
# feeds held back by Retry-After or backing off), and a SIGTERM in the
# middle of a fetch loses nothing already committed; one feedd at a time
# on a database.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

httpd_start
routes 'dict([("/f%d" % i, {"body": rss(2, "f%d" % i)}) for i in range(10)] +
             [("/a", {"body": rss(5, "a")}),
              ("/429", {"status": 429, "headers": {"Retry-After": "3600"}}),
              ("/500", {"status": 500}),
              ("/b", {"delay": 30, "body": rss(5, "b")})])'
feedd_start
cli "{\"cmd\":\"import\",\"feeds\":[$("$PY" -c 'import os
print(",".join("{\"url\":\"%s%s\"}" % (os.environ["BASE"], p)
               for p in ["/f%d" % i for i in range(10)] + ["/429", "/500"]))')]}"
ok "twelve feeds imported" check 'r["added"] == 12'
ok "first polls done" wait_polled
cli -t 15 '{"cmd":"refresh","wait":true}'
ok "refresh: ten feeds fetched, /500 failed, /429 held back" check \
    'r["fetched"] + r["not_modified"] == 10 and r["failed"] == 1'
before=$(wc -l <"$T/http.log" | tr -d ' ')
is "$before" 23 "23 requests so far"

feedd_stop 5
is "$FEEDD_RC" 0 "SIGTERM: feedd exits 0"
feedd_start
sleep 3
cli '{"cmd":"feeds"}'
ok "after the restart: twelve feeds, next polls still ahead" check \
    'len(r["feeds"]) == 12 and
     all(ts(f["next_poll"]) > time.time() + 300 for f in r["feeds"])'
is "$(wc -l <"$T/http.log" | tr -d ' ')" "$before" \
    "after the restart: no request in 3 s"

# SIGTERM while /b is in flight; /a was committed before.
cli '{"cmd":"add","url":"'"$BASE"'/a"}'
ok "feed A polled" cli -u 'feed("/a").get("last_poll")' '{"cmd":"feeds"}'
ok "feed A: five items" check 'feed("/a")["items"] == 5'
cli '{"cmd":"add","url":"'"$BASE"'/b"}'
ok "feed B in flight" wait_nreq /b 1
feedd_stop 2
is "$FEEDD_RC" 0 "SIGTERM mid-fetch: feedd exits 0 within 2 s"
if command -v sqlite3 >/dev/null 2>&1; then
	is "$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)" ok \
	    "the database passes integrity_check"
else
	skip "the database passes integrity_check" "no sqlite3 command"
fi
feedd_start
cli '{"cmd":"items","feed":"'"$BASE"'/a"}'
ok "after the restart: A's five items are there" check \
    'sorted(i["guid"] for i in r["items"]) == ["a-%d" % i for i in range(5)]'
cli '{"cmd":"feeds"}'
ok "after the restart: A's state is there" check \
    'feed("/a")["last_status"] == 200 and feed("/a")["error"] is None and
     ts(feed("/a")["next_poll"]) > time.time() + 600'
ok "after the restart: B has nothing half-stored" check \
    'feed("/b")["items"] == 0'
cli '{"cmd":"status"}'
ok "after the restart: 25 items in all" check \
    'r["items"] == 25 and r["feeds"] == 14'

# A second feedd on the same database, on another socket, is refused: it
# would give out the same item ids and poll every feed twice.
RC=0
"$FEEDD" -c "$T/feedd.conf" --db "$DB" --socket "$T/second.sock" \
    >"$T/second.log" 2>&1 || RC=$?
is "$RC" 1 "a second feedd on the same database: exit 1"
ok "it says the database is in use" grep -q "in use by another feedd" \
    "$T/second.log"
cli '{"cmd":"status"}'
ok "the first one is unharmed" check 'r["items"] == 25'
feedd_stop 5
RC=0
"$FEEDD" -c "$T/feedd.conf" --db "$DB" --socket "$T/second.sock" \
    >"$T/second.log" 2>&1 &
FEEDD_PID=$!
SOCK=$T/second.sock cli -t 10 '{"cmd":"ping"}'
ok "once the first has stopped, another one starts" check 'r["ok"]'

done_testing
