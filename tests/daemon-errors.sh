#!/bin/sh
# Error statuses: 410 stops polling, 429/503 Retry-After (seconds or an
# HTTP date) hold the feed back, 500 backs off.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

httpd_start
routes '{
  "/gone":    {"status": 410, "body": "gone"},
  "/429":     {"status": 429, "headers": {"Retry-After": "3600"}},
  "/429date": {"status": 429, "headers": {"Retry-After": httpdate(7200)}},
  "/503":     {"status": 503, "headers": {"Retry-After": "1800"}},
  "/500":     {"status": 500, "body": "oops"},
  "/ok":      {"body": rss(2, "ok")}
}'
# Two failures in a row make a feed "failing" (the default is 10).
feedd_start '[poll]
failing_after = 2'
cli '{"cmd":"import","feeds":[{"url":"'"$BASE"'/gone"},{"url":"'"$BASE"'/429"},{"url":"'"$BASE"'/429date"},{"url":"'"$BASE"'/503"},{"url":"'"$BASE"'/500"},{"url":"'"$BASE"'/ok"}]}'
ok "six feeds imported" check 'r["added"] == 6'
ok "first polls done" wait_polled
cli '{"cmd":"feeds"}'

# 410
ok "410: the feed is gone" check \
    'feed("/gone")["gone"] is True and feed("/gone")["next_poll"] is None'
ok "410: last_status 410" check 'feed("/gone")["last_status"] == 410'

# 429 and 503 with Retry-After
ok "429: error and status reported" check \
    'feed("/429")["last_status"] == 429 and "429" in feed("/429")["error"]'
ok "429: next poll not before Retry-After (3600 s)" check \
    'ts(feed("/429")["next_poll"]) >= time.time() + 3500'
ok "429 with an HTTP date: next poll not before it (2 h)" check \
    'ts(feed("/429date")["next_poll"]) >= time.time() + 7100'
ok "503: next poll not before Retry-After (1800 s)" check \
    'ts(feed("/503")["next_poll"]) >= time.time() + 1700'

# 500: backoff
ok "500: error and status reported" check \
    'feed("/500")["last_status"] == 500 and "500" in feed("/500")["error"]'
ok "500: next poll backed off (about 5 min)" check \
    'time.time() + 200 < ts(feed("/500")["next_poll"]) < time.time() + 400'
cli '{"cmd":"status"}'
ok "status: the feeds whose poll failed are in error, none failing yet" \
    check 'r["in_error"] == 4 and r["failing"] == 0 and r["errors"] >= 4'

# Refreshing: the gone feed is not asked, the 429 ones report not_before.
cli '{"cmd":"refresh","feeds":["'"$BASE"'/429"]}'
ok "refresh 429: not_before is the Retry-After time" check \
    'r["not_before"] and abs(ts(r["not_before"]) - time.time() - 3600) < 120'
cli '{"cmd":"refresh","feeds":["'"$BASE"'/429date"]}'
ok "refresh 429 (HTTP date): not_before is that date" check \
    'r["not_before"] and abs(ts(r["not_before"]) - time.time() - 7200) < 120'
cli -t 5 -l 1 '{"cmd":"refresh","feeds":["'"$BASE"'/429"],"wait":true}'
ok "refresh --wait 429: a not_before event, then the answer" check_all \
    '[m.get("event", "ok" in m and "answer") for m in L] ==
     ["not_before", "answer"] and L[0]["not_before"]'
cli -t 5 '{"cmd":"refresh","feeds":["'"$BASE"'/gone"],"wait":true}'
ok "refresh of a gone feed: nothing polled, one off" check \
    'r["feeds"] == 0 and r["fetched"] + r["failed"] == 0 and r["off"] == 1'
# A refresh of every feed as a barrier: whatever it queued has been
# asked for once it answers.
cli -t 15 '{"cmd":"refresh","wait":true}'
ok "refresh all: only the feeds not held back are polled" check \
    'r["feeds"] == 2 and r["fetched"] == 1 and r["failed"] == 1'
sleep 1
is "$(nreq /gone)" 1 "410: not asked again"
is "$(nreq /429) $(nreq /429date) $(nreq /503)" "1 1 1" \
    "429, 503: not asked again before Retry-After"
is "$(nreq /500) $(nreq /ok)" "2 2" "the others were asked again"

cli '{"cmd":"feeds"}'
ok "500 twice: failing now, so retried rarely (max_backoff: about a day)" \
    check '"500" in feed("/500")["error"] and
     time.time() + 0.85 * 86400 < ts(feed("/500")["next_poll"]) <
     time.time() + 1.15 * 86400'
ok "the good feed is fine" check \
    'feed("/ok")["error"] is None and feed("/ok")["items"] == 2'
cli '{"cmd":"status"}'
ok "status: the feed that failed twice is failing (failing_after = 2)" \
    check 'r["failing"] == 1 and r["in_error"] == 4'
ok "failing: logged when it starts" \
    grep -q "/500: failing after 2 attempts" "$T/feedd.log"

# The user brings a gone feed back (it has come back to life), and
# stops and restarts another.
routes '{
  "/gone":    {"body": rss(3, "back")},
  "/429":     {"status": 429, "headers": {"Retry-After": "3600"}},
  "/429date": {"status": 429, "headers": {"Retry-After": httpdate(7200)}},
  "/503":     {"status": 503, "headers": {"Retry-After": "1800"}},
  "/500":     {"status": 500, "body": "oops"},
  "/ok":      {"body": rss(2, "ok")}
}'
RC=0
"$FEEDCTL" --socket "$SOCK" enable "$BASE/gone" >"$T/fc.out" 2>&1 || RC=$?
is "$RC" 0 "feedctl enable of the gone feed: exit 0"
ok "it says so" grep -q "^enabled feed [0-9]*: $BASE/gone\$" "$T/fc.out"
ok "the gone feed is polled again" cli -t 10 -u \
    'feed("/gone").get("items") == 3' '{"cmd":"feeds"}'
ok "and is no longer gone" check \
    'feed("/gone")["gone"] is False and feed("/gone")["last_status"] == 200 and
     feed("/gone")["next_poll"] is not None'
is "$(nreq /gone)" 2 "410, enabled: asked once more"
cli '{"cmd":"enable","feed":"'"$BASE"'/429"}'
ok "enable keeps a Retry-After" check \
    'ts(r["feed"]["next_poll"]) >= time.time() + 3500'
cli '{"cmd":"disable","feed":"'"$BASE"'/ok"}'
ok "disable: the feed is not scheduled" check \
    'r["feed"]["enabled"] is False and r["feed"]["next_poll"] is None'
cli '{"cmd":"feeds"}'
ok "disable: the feed and its items are kept" check \
    'feed("/ok")["enabled"] is False and feed("/ok")["items"] == 2'
n=$(nreq /ok)
cli -t 5 '{"cmd":"refresh","feeds":["'"$BASE"'/ok"],"wait":true}'
ok "a refresh of the disabled feed polls nothing, and says why" check \
    'r["feeds"] == 0 and r["off"] == 1'
RC=0
"$FEEDCTL" --socket "$SOCK" refresh "$BASE/ok" >"$T/fc.out" 2>&1 || RC=$?
ok "feedctl refresh of it says it is not polled, and how to undo it" \
    grep -q "/ok: gone or disabled, not polled (.feedctl enable" "$T/fc.out"
diag "$(cat "$T/fc.out")"
RC=0
"$FEEDCTL" --socket "$SOCK" enable "$BASE/ok" >"$T/fc.out" 2>&1 || RC=$?
is "$RC" 0 "enabled again"
ok "and polled at once" wait_nreq /ok $((n + 1))
cli '{"cmd":"enable","feed":"'"$BASE"'/nosuch"}'
ok "enable of an unknown feed: the error names it" check \
    'r["error"]["code"] == "not_found" and "/nosuch" in r["error"]["message"]'
sleep 1
is "$(nreq /429) $(nreq /429date) $(nreq /503)" "1 1 1" \
    "429, 503: still not asked before Retry-After"

done_testing
