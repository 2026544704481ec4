#!/bin/sh
# Error statuses: 410 stops polling, 429/503 Retry-After (seconds or an
# HTTP date) hold the feed back, 500 backs off.  A refresh names the
# feeds it does not poll, and why; the list has a bound.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

httpd_start
routes '{
  "/gone":    {"status": 410, "body": "gone"},
  "/429":     {"status": 429, "headers": {"Retry-After": "3600"}},
  "/429date": {"status": 429, "headers": {"Retry-After": httpdate(7200)}},
  "/503":     {"status": 503, "headers": {"Retry-After": "1800"}},
  "/500":     {"status": 500, "body": "oops"},
  "/ok":      {"body": rss(2, "ok")},
  "/off":     {"body": rss(1, "Off feed")}
}'
# Two failures in a row make a feed "failing" (the default is 10).
feedd_start '[poll]
failing_after = 2'
cli '{"cmd":"import","feeds":[{"url":"'"$BASE"'/gone"},{"url":"'"$BASE"'/429"},{"url":"'"$BASE"'/429date"},{"url":"'"$BASE"'/503"},{"url":"'"$BASE"'/500"},{"url":"'"$BASE"'/ok"},{"url":"'"$BASE"'/off"}]}'
ok "seven feeds imported" check 'r["added"] == 7'
ok "first polls done" wait_polled
cli '{"cmd":"disable","feed":"'"$BASE"'/off"}'
cli '{"cmd":"feeds"}'

# fc ARG...: feedctl on the test's socket; $T/fc.out, $T/fc.err, $RC.
fc() {
	RC=0
	"$FEEDCTL" --socket "$SOCK" "$@" >"$T/fc.out" 2>"$T/fc.err" ||
	    RC=$?
}
# said_held [FILE]: FILE (default $T/fc.out) names the feeds of the
# daemon's answer in $T/out as feedctl should: the first 10, each with its
# time (local) or reason, then how many more ("queued N feeds" aside).
said_held() {
	"$PY" - "$T/out" "${1:-$T/fc.out}" <<'PY'
import calendar, json, re, sys, time
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])
got = [l for l in open(sys.argv[2]).read().splitlines()
       if not l.startswith("queued ")]
def local(s):
    t = calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t))
want = []
for h in r["held"][:10]:
    name = "feed %d (%s)" % (h["id"], h["title"] or h["url"])
    if h["reason"] == "rate_limited":
        want.append(re.escape("%s: rate-limited by the server; next poll at "
                              "%s (in " % (name, local(h["not_before"]))) +
                    r"\d+[mh]\)")
    else:
        why = "gone (HTTP 410)" if h["reason"] == "gone" else "disabled"
        want.append(re.escape("%s: %s, not polled (`feedctl enable %d` "
                              "polls it again)" % (name, why, h["id"])))
shown = r["held"][:10]
lim = r["limited"] - sum(h["reason"] == "rate_limited" for h in shown)
off = r["off"] - sum(h["reason"] != "rate_limited" for h in shown)
if lim + off:
    more = ["%d rate-limited by the server (until %s at the latest)" %
            (lim, local(r["not_before"]))] if lim else []
    more += ["%d gone or disabled" % off] if off else []
    want.append(re.escape("and %d more not polled: %s; `feedctl feeds` "
                          "shows them" % (lim + off, ", ".join(more))))
bad = len(got) != len(want) or not all(
    re.fullmatch(w, g) for w, g in zip(want, got))
if bad:
    print("# got:\n# " + "\n# ".join(got))
    print("# want:\n# " + "\n# ".join(want))
sys.exit(1 if bad else 0)
PY
}

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
ok "refresh --wait 429: a held event, a not_before one, then the answer" \
    check_all '[m.get("event", "ok" in m and "answer") for m in L] ==
     ["held", "not_before", "answer"] and L[1]["not_before"] and
     [h["url"] for h in L[0]["held"]] == [os.environ["BASE"] + "/429"] and
     L[0]["held"] == L[2]["held"] and L[0]["limited"] == 1'
cli -t 5 '{"cmd":"refresh","feeds":["'"$BASE"'/gone"],"wait":true}'
ok "refresh of a gone feed: nothing polled, one off" check \
    'r["feeds"] == 0 and r["fetched"] + r["failed"] == 0 and r["off"] == 1'

# Several held back: each named, with its own time or reason; HELD is
# an expression over their list H.
HELD='sorted((h["url"][len(os.environ["BASE"]):], h["reason"],
    h["not_before"] and round((ts(h["not_before"]) - time.time()) / 600))
    for h in H) == [("/429", "rate_limited", 6),
    ("/429date", "rate_limited", 12), ("/503", "rate_limited", 3),
    ("/gone", "gone", None), ("/off", "disabled", None)] and
    [h["id"] for h in H] == sorted(h["id"] for h in H) and
    [h["title"] for h in H if h["reason"] == "disabled"] == ["Off feed"] and
    all(h["title"] is None for h in H if h["reason"] != "disabled")'
cli '{"cmd":"refresh","feeds":["'"$BASE"'/503","'"$BASE"'/gone","'"$BASE"'/429","'"$BASE"'/off","'"$BASE"'/429date"]}'
ok "refresh of five held back: none queued, counted" check \
    'r["queued"] == 0 and r["limited"] == 3 and r["off"] == 2 and
     abs(ts(r["not_before"]) - time.time() - 7200) < 120'
ok "and each named with its Retry-After or why not" check \
    "(lambda H: $HELD)(r[\"held\"])"
fc refresh "$BASE/503" "$BASE/gone" "$BASE/429" "$BASE/off" "$BASE/429date"
is "$RC" 0 "feedctl refresh of the five: exit 0"
ok "feedctl names each, with its time or why, by id" said_held
diag "$(cat "$T/fc.out")"
fc refresh "$BASE/gone"
ok "feedctl refresh of the gone one: as asked for, the status, the cure" \
    grep -qxF "$BASE/gone: gone (HTTP 410), not polled (\`feedctl enable 1\` polls it again)" "$T/fc.out"
# A refresh of every feed as a barrier: whatever it queued has been
# asked for once it answers.
cli -t 15 '{"cmd":"refresh","wait":true}'
ok "refresh all: only the feeds not held back are polled" check \
    'r["feeds"] == 2 and r["fetched"] == 1 and r["failed"] == 1'
# All: the feeds polled; the gone and disabled ones are not asked for.
ok "refresh all: the held event first, naming the rate-limited ones" \
    check_all 'L[0].get("event") == "held" and L[0]["held"] == L[-1]["held"]
    and [m.get("event") for m in L[1:-1]] == ["not_before", "progress",
    "progress"] and L[-1]["limited"] == 3 and L[-1]["off"] == 0 and
    [h["url"][len(os.environ["BASE"]):] for h in L[-1]["held"]] ==
    ["/429", "/429date", "/503"]'
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
# Disabled, a feed waits for the user, whatever the server asked.
cli '{"cmd":"disable","feed":"'"$BASE"'/503"}'
cli '{"cmd":"refresh","feeds":["'"$BASE"'/503"]}'
ok "refresh of a rate-limited feed disabled: disabled, not rate-limited" \
    check 'r["off"] == 1 and r["limited"] == 0 and r["not_before"] is None
     and [h["reason"] for h in r["held"]] == ["disabled"]'
fc refresh "$BASE/503"
ok "feedctl says it is disabled" \
    grep -qxF "$BASE/503: disabled, not polled (\`feedctl enable 4\` polls it again)" "$T/fc.out"
cli '{"cmd":"enable","feed":"'"$BASE"'/503"}'
ok "enabled again, its Retry-After holds" check \
    'ts(r["feed"]["next_poll"]) >= time.time() + 1500'
# A long title is cut at 200 bytes, between two characters.
cli '{"cmd":"set","feed":"'"$BASE"'/429","title":"a'"$("$PY" -c 'print("\\u00e9" * 150)')"'"}'
cli '{"cmd":"refresh","feeds":["'"$BASE"'/429"]}'
ok "held: a long title cut at 200 bytes, whole characters, then ..." check \
    'r["held"][0]["title"] == "a" + "\u00e9" * 99 + "\u2026"'
cli '{"cmd":"set","feed":"'"$BASE"'/429","title":""}'
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
fc refresh "$BASE/ok"
ok "feedctl refresh of it says it is not polled, and how to undo it" \
    grep -qxF "$BASE/ok: disabled, not polled (\`feedctl enable 6\` polls it again)" "$T/fc.out"
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

# The daemon's list has a bound: 100 feeds, fewer when their URLs and
# titles pass 128 KiB; the counts cover them all.  101 more rate-limited
# feeds, then 70 gone ones with 1900-byte URLs.
LONG=$(printf '%1900s' '' | tr ' ' l)
routes '{**{"/r%d" % i: {"status": 429, "headers": {"Retry-After": "3600"}}
  for i in range(101)},
  **{"/'"$LONG"'%d" % i: {"status": 410} for i in range(70)}}'
# import_req PATH FROM TO: an import of $BASE/PATH{FROM..TO-1}.
import_req() {
	"$PY" -c 'import json, os, sys
print(json.dumps({"cmd": "import", "feeds": [{"url": os.environ["BASE"] +
    "/" + sys.argv[1] + "%d" % i} for i in range(int(sys.argv[2]),
    int(sys.argv[3]))]}))' "$@"
}
cli "$(import_req r 0 101)"
ok "101 more feeds" check 'r["added"] == 101'
cli "$(import_req "$LONG" 0 35)" && cli "$(import_req "$LONG" 35 70)"
ok "70 more, with long URLs" check 'r["added"] == 35'
ok "all polled once" wait_polled 30
cli -t 15 '{"cmd":"refresh","wait":true}'
ok "refresh all: 100 of the 104 held back listed, the first by id" check \
    'r["limited"] == 104 and len(r["held"]) == 100 and
     [h["id"] for h in r["held"]] == sorted(h["id"] for h in r["held"]) and
     r["held"][-1]["url"] == os.environ["BASE"] + "/r96"'
# feedctl shows 10, then how many more: of every feed, and of 12.
fc refresh
ok "feedctl refresh: 10 of the 104 named, then 94 more" said_held
is "$(wc -l <"$T/fc.out" | tr -d ' ')" 12 "that is 12 lines with 'queued'"
diag "$(tail -n 2 "$T/fc.out")"
set -- "$BASE/429" "$BASE/429date" "$BASE/503" "$BASE/off"
for i in 0 1 2 3 4 5 6 7; do set -- "$@" "$BASE/r$i"; done
fc refresh "$@"
cli '{"cmd":"refresh","feeds":['"$(printf '"%s",' "$@" | sed 's/,$//')"']}'
ok "refresh of 12 held back: 11 rate-limited, 1 disabled" check \
    'r["limited"] == 11 and r["off"] == 1 and len(r["held"]) == 12'
ok "feedctl refresh of 12: 10 lines, then 2 more" said_held
is "$(tail -n 1 "$T/fc.out" | sed 's/([^)]*)//')" \
    "and 2 more not polled: 2 rate-limited by the server ; \`feedctl feeds\` shows them" \
    "the last line: how many, and of what"
fc --json refresh "$@"
ok "--json: the 12 feeds as the daemon listed them, on stdout" "$PY" -c '
import json, sys
a = json.loads(open(sys.argv[1]).read().splitlines()[-1])
b = json.loads(open(sys.argv[2]).read())
sys.exit(not (sorted(b) == ["held", "limited", "not_before", "off", "queued"]
              and b["held"] == a["held"] and b["limited"] == 11))' \
    "$T/out" "$T/fc.out"
ok "--json: the text on stderr" said_held "$T/fc.err"
cli '{"cmd":"feeds"}'
cli "$(resp '{"cmd": "refresh", "feeds": [f["id"] for f in r["feeds"]
    if len(f["url"]) > 1000]}')"
ok "refresh of the gone ones with long URLs: listed up to 128 KiB" check \
    'r["off"] == 70 and 60 < len(r["held"]) < 70 and
     131072 - 1930 < sum(len(h["url"]) for h in r["held"]) <= 131072'

done_testing
