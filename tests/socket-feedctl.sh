#!/bin/sh
# feedctl end to end against a real feedd and 200 generated feeds
# (tests/bench/gen-corpus.py, served by tests/httpd.py): add, import of an
# OPML file, refresh --wait, new (and new again: nothing), follow seeing a
# story published during the test, cursors across a restart and
# independent of each other, export into a fresh daemon, one story carried
# by three feeds, the --json shapes of feedctl(1), the exit statuses.
# POSIX sh, TAP.
DAEMON_TEST_TIMEOUT=${DAEMON_TEST_TIMEOUT:-240}
. "${top_srcdir:-.}/tests/daemon-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"
NFEEDS=200
NITEMS=5

# fc ARG...: feedctl on the test's socket; output in $OUT, $ERR, status $RC.
OUT=$T/fc.out
ERR=$T/fc.err
fc() {
	RC=0
	"$FEEDCTL" --socket "$SOCK" "$@" >"$OUT" 2>"$ERR" </dev/null || RC=$?
}
lines() { wc -l <"$OUT" | tr -d ' '; }
# stories: how many items a text listing of new shows ("  #id · ..." lines).
stories() { grep -c '^  #[0-9]' "$OUT"; }
# jcheck EXPR [FILE]: EXPR over L, the JSON lines of FILE (default $OUT),
# with the documented key sets and helpers at hand; prints why not.
jcheck() {
	"$PY" - "${2:-$OUT}" "$1" <<'EOF'
import json, os, re, sys
ITEM = {"seq", "id", "story", "feed", "guid", "title", "link", "published",
        "updated", "author", "summary", "enclosures", "categories", "read",
        "starred", "copies"}
FEED = {"id", "url", "title", "site", "interval", "last_poll", "next_poll",
        "last_status", "error", "gone", "items", "unread"}
STATUS = {"version", "uptime", "feeds", "items", "stories", "due",
          "in_flight", "in_error", "failing", "db_bytes", "error"}
REFRESH = {"feeds", "fetched", "not_modified", "failed", "new_items",
           "new_stories"}
base = os.environ.get("BASE", "")
def time_or_null(v):
    return v is None or (isinstance(v, str) and
                         re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", v))
def str_or_null(v):
    return v is None or isinstance(v, str)
def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)
why = []
def good_item(it):
    f = it.get("feed")
    checks = [
        ("keys", ITEM <= set(it)),
        ("ints", all(is_int(it.get(k)) for k in ("seq", "id", "story"))),
        ("feed", isinstance(f, dict) and is_int(f.get("id")) and
         str_or_null(f.get("title")) and isinstance(f.get("url"), str)),
        ("strings", all(str_or_null(it.get(k)) for k in
                        ("guid", "title", "link", "author", "summary"))),
        ("times", time_or_null(it.get("published")) and
         time_or_null(it.get("updated"))),
        ("enclosures", isinstance(it.get("enclosures"), list) and all(
            isinstance(e, dict) and {"url", "type", "length"} <= set(e)
            for e in it["enclosures"])),
        ("categories", isinstance(it.get("categories"), list) and all(
            isinstance(c, str) for c in it["categories"])),
        ("flags", isinstance(it.get("read"), bool) and
         isinstance(it.get("starred"), bool)),
        ("copies", isinstance(it.get("copies"), list) and all(
            isinstance(c, dict) and {"id", "feed", "link"} <= set(c)
            for c in it["copies"])),
    ]
    bad = [n for n, good in checks if not good]
    if bad:
        why.append("item %s: bad %s; keys %s" % (it.get("id"), bad,
                                                 sorted(it)))
    return not bad
def good_feed(f):
    checks = [
        ("keys", FEED <= set(f)),
        ("ints", all(is_int(f.get(k)) for k in
                     ("id", "interval", "items", "unread"))),
        ("url", isinstance(f.get("url"), str)),
        ("strings", all(str_or_null(f.get(k)) for k in
                        ("title", "site", "error"))),
        ("times", time_or_null(f.get("last_poll")) and
         time_or_null(f.get("next_poll"))),
        ("status", f.get("last_status") is None or
         is_int(f.get("last_status"))),
        ("gone", isinstance(f.get("gone"), bool)),
    ]
    bad = [n for n, good in checks if not good]
    if bad:
        why.append("feed %s: bad %s; keys %s" % (f.get("id"), bad, sorted(f)))
    return not bad
L = []
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    try:
        L.append(json.loads(line))
    except ValueError as e:
        print("# line %d is not JSON: %s: %s" % (n + 1, e, line[:200]))
        sys.exit(1)
r = L[-1] if L else {}
if eval("(" + sys.argv[2] + ")"):
    sys.exit(0)
print("# false: " + " ".join(sys.argv[2].split()))
for w in why[:3]:
    print("# " + w)
for x in L[-2:]:
    print("# " + json.dumps(x)[:500])
sys.exit(1)
EOF
}

# ---- the feeds ----
"$PY" "$SRCDIR/tests/bench/gen-corpus.py" "$T/corpus" --feeds $NFEEDS \
    --items $NITEMS >/dev/null 2>"$T/err" || bail_out "gen-corpus: $(cat "$T/err")"
# Three feeds with one story: the publisher's own, a partner's copy (the
# link with utm_ tracking parameters, curly quotes in the title), an
# aggregator's (" - Publisher" after the title, a redirect-style link).
"$PY" - "$T" <<'EOF' || bail_out "story feeds"
import email.utils, sys, time
when = email.utils.formatdate(time.time() - 1800, usegmt=True)
text = ("The city council voted 31 to 12 on Tuesday to approve the new harbour "
        "bridge, ending a decade of debate over the crossing, its cost of 410 "
        "million and the ferry service it replaces. Construction starts in "
        "the spring and should take four years.")
def feed(name, title, item_title, link, desc):
    with open("%s/%s" % (sys.argv[1], name), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'
                "<channel><title>%s</title><link>https://%s.example/</link>"
                "<item><title>%s</title><link>%s</link><guid>%s-1</guid>"
                "<pubDate>%s</pubDate><description>%s</description></item>"
                "</channel></rss>\n" % (title, name.split(".")[0], item_title,
                                        link, name, when, desc))
feed("publisher.xml", "Harbour Gazette",
     "Council approves &quot;new&quot; harbour bridge after 5,000 objections",
     "https://www.gazette.example/news/2026/harbour-bridge",
     "&lt;p&gt;%s&lt;/p&gt;" % text)
feed("partner.xml", "Partner Wire",
     "Council approves \u201cnew\u201d harbour bridge after 5,000 objections",
     "https://gazette.example/news/2026/harbour-bridge?utm_source=rss&amp;utm_medium=feed&amp;utm_campaign=partner",
     "&lt;p&gt;%s&lt;/p&gt;" % text.replace("'", "\u2019"))
feed("aggregator.xml", "Aggregator News",
     "Council approves &quot;new&quot; harbour bridge after 5,000 objections - Harbour Gazette",
     "https://news.aggregator.example/r?url=https%3A%2F%2Fgazette.example%2Fnews%2F2026%2Fharbour-bridge&amp;ei=a8c3",
     text)
EOF

# publish FEEDNUM TITLE: a new item at the top of a served feed (an even
# FEEDNUM: RSS).
publish() {
	"$PY" - "$T/corpus/feed-$(printf %04d "$1").xml" "$2" <<'EOF' ||
import email.utils, os, sys, time
path, title = sys.argv[1], sys.argv[2]
doc = open(path, encoding="utf-8").read()
slug = title.lower().replace(" ", "-")
item = ("<item>\n<title>%s</title>\n<link>https://fresh.example/%s</link>\n"
        "<guid isPermaLink=\"false\">fresh-%s</guid>\n<pubDate>%s</pubDate>\n"
        "<description>Published during the test: %s.</description>\n</item>\n"
        % (title, slug, slug, email.utils.formatdate(usegmt=True), title))
i = doc.index("<item>")
with open(path + ".tmp", "w", encoding="utf-8") as f:
    f.write(doc[:i] + item + doc[i:])
os.rename(path + ".tmp", path)
EOF
	bail_out "publish $1"
}

# ---- no daemon yet: exit 3, usage: exit 2 ----
fc ping
is "$RC" 3 "no socket: exit 3"
ok "no socket: the message names the socket" grep -q "cannot reach feedd at $SOCK: " "$ERR"
# shellcheck disable=SC2016 # the backquotes are literal
ok "no socket: and how to start feedd" grep -q 'start it with `feedd`' "$ERR"
RC=0
FEEDD_SOCKET=$SOCK "$FEEDCTL" status >/dev/null 2>"$ERR" </dev/null || RC=$?
is "$RC" 3 "no socket, named by FEEDD_SOCKET: exit 3"
ok "FEEDD_SOCKET: the message names that socket" grep -q "cannot reach feedd at $SOCK: " "$ERR"
for args in "frobnicate" "new --bogus" "new --limit x" "remove" "refresh --wait=3"; do
	# shellcheck disable=SC2086 # args: split on purpose
	fc $args
	is "$RC" 2 "usage error ($args): exit 2"
done
ok "usage error: a usage line" grep -q '^usage: feedctl' "$ERR"

httpd_start
routes "dict([(\"/c/feed-%04d.xml\" % i,
               {\"body_file\": \"corpus/feed-%04d.xml\" % i,
                \"headers\": {\"Content-Type\": \"application/xml\"}})
              for i in range($NFEEDS)] +
             [(\"/\" + n, {\"body_file\": n,
                          \"headers\": {\"Content-Type\": \"application/rss+xml\"}})
              for n in (\"publisher.xml\", \"partner.xml\", \"aggregator.xml\")] +
             [(\"/solo.xml\", {\"body\": rss(3, \"solo\"),
                              \"headers\": {\"Content-Type\": \"application/rss+xml\"}})])"
# The corpus is dated 2024: keep = 0 keeps it.
feedd_start '[store]
keep = 0'

# ---- add and import ----
fc add "$BASE/solo.xml"
is "$RC" 0 "add: exit 0"
ok "add: added feed 1" grep -q '^added feed 1: ' "$OUT"
# 200 outlines in folders, some titled (with markup characters and
# non-ASCII), some with a text only, some with neither; the solo feed
# again (skipped) and one bad URL (invalid).
"$PY" - "$T/feeds.opml" "$BASE" $NFEEDS <<'EOF' || bail_out "opml"
import sys
from xml.sax.saxutils import quoteattr
path, base, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = ['<?xml version="1.0" encoding="UTF-8"?>',
       '<opml version="2.0"><head><title>socket test</title></head><body>']
for folder in range(0, n, 50):
    out.append('<outline text="Folder %d">' % folder)
    for i in range(folder, folder + 50):
        url = quoteattr("%s/c/feed-%04d.xml" % (base, i))
        deep = i % 10 == 9
        if deep:
            out.append('<outline text="deeper"><outline text="deepest">')
        if i % 3 == 0:
            out.append('<outline type="rss" title=%s text="ignored" xmlUrl=%s/>'
                       % (quoteattr("Caf\u00e9 & <Co> \u2014 n\u00b0%d" % i), url))
        elif i % 3 == 1:
            out.append('<outline type="rss" text=%s xmlUrl=%s/>'
                       % (quoteattr("Text-only feed %d" % i), url))
        else:
            out.append('<outline type="rss" xmlUrl=%s/>' % url)
        if deep:
            out.append('</outline></outline>')
    out.append('</outline>')
out.append('<outline text="again" xmlUrl=%s/>' % quoteattr(base + "/solo.xml"))
out.append('<outline text="bad" xmlUrl="gopher://old.example/feed"/>')
out.append('</body></opml>')
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
EOF
fc import "$T/feeds.opml"
is "$RC" 0 "import: exit 0"
ok "import: added 200, skipped 1, invalid 1" grep -q \
    '^added 200, skipped 1 (already there), invalid 1$' "$OUT"
ok "import: the invalid URL named" grep -q '^  invalid: gopher://old.example/feed: ' "$OUT"

# ---- refresh --wait ----
t0=$(date +%s)
fc refresh --wait
is "$RC" 0 "refresh --wait: exit 0"
diag "refresh --wait of 201 feeds: $(($(date +%s) - t0)) s; $(cat "$OUT")"
ok "refresh --wait: the totals, no failure" grep -q \
    '^201 feeds: .* fetched, .* not modified, 0 failed; ' "$OUT"
is "$(grep -c '^\[[0-9]*/201\] .*: ok$' "$ERR")" 201 \
    "refresh --wait: a progress line per feed on stderr"
fc --json refresh --wait
is "$RC" 0 "refresh --wait --json: exit 0"
ok "refresh --wait --json: one line, the documented integers" jcheck \
    'len(L) == 1 and REFRESH <= set(r) and all(is_int(r[k]) for k in REFRESH)'
ok "refresh --wait --json: 201 feeds, all fetched or not modified" jcheck \
    'r["feeds"] == 201 and r["fetched"] + r["not_modified"] == 201 and r["failed"] == 0'
diag "refresh --wait --json: $(cat "$OUT"); extra keys: $(jcheck 'print(sorted(set(r) - REFRESH)) or True')"
NSTORIES=$((NFEEDS * NITEMS + 3))

# ---- status, feeds ----
fc --json status
ok "status --json: the documented fields" jcheck \
    'len(L) == 1 and STATUS <= set(r) and isinstance(r["version"], str) and
     all(is_int(r[k]) for k in STATUS - {"version", "error"}) and
     r["error"] is None'
ok "status --json: 201 feeds, $NSTORIES items and stories, nothing in flight or failing" \
    jcheck "r[\"feeds\"] == 201 and r[\"items\"] == $NSTORIES and r[\"stories\"] == $NSTORIES and r[\"in_flight\"] == 0 and r[\"in_error\"] == 0 and r[\"failing\"] == 0 and r[\"db_bytes\"] > 0"
diag "status --json: $(cat "$OUT")"
fc --json feeds
is "$(lines)" 201 "feeds --json: one line per feed"
ok "feeds --json: the documented fields and types" jcheck 'all(good_feed(f) for f in L)'
ok "feeds --json: every feed polled, 200, no error, not gone" jcheck \
    'all(f["last_status"] == 200 and f["error"] is None and not f["gone"] and f["last_poll"] and f["next_poll"] for f in L)'
ok "feeds --json: the corpus feeds have $NITEMS items, all unread" jcheck \
    "all(f[\"items\"] == $NITEMS and f[\"unread\"] == $NITEMS for f in L if \"/c/\" in f[\"url\"])"
ok "feeds --json: the OPML titles kept" jcheck \
    '[f["title"] for f in L if f["url"].endswith("/c/feed-0003.xml")] == ["Caf\u00e9 & <Co> \u2014 n\u00b03"] and
     [f["title"] for f in L if f["url"].endswith("/c/feed-0004.xml")] == ["Text-only feed 4"]'
ok "feeds --json: ASCII only (feedctl(1): other characters as \\u escapes)" \
    "$PY" -c 'import sys; sys.exit(max(open(sys.argv[1], "rb").read()) >= 0x80)' "$OUT"

# ---- new, twice ----
fc --json new --peek
is "$(lines)" $NSTORIES "new --json --peek: every story"
ok "new --json: the documented ITEM fields and types" jcheck 'all(good_item(it) for it in L)'
ok "new --json: oldest first (seq ascending), one item per story" jcheck \
    '[it["seq"] for it in L] == sorted(it["seq"] for it in L) and len({it["story"] for it in L}) == len(L)'
ok "new --json: enclosures and categories where the corpus has them" jcheck \
    'any(it["enclosures"] for it in L) and any(it["categories"] for it in L)'
ok "new --json: ASCII only" \
    "$PY" -c 'import sys; sys.exit(max(open(sys.argv[1], "rb").read()) >= 0x80)' "$OUT"
ok "new --json: unread, not starred, no copies" jcheck \
    'all(not it["read"] and not it["starred"] and not it["copies"] for it in L)'
# A story feedctl could not write stays new: the cursor moves only past
# what reached stdout.
if [ -c /dev/full ]; then
	RC=0
	"$FEEDCTL" --socket "$SOCK" new >/dev/full 2>"$ERR" </dev/null || RC=$?
	is "$RC" 1 "new > /dev/full: exit 1"
	ok "new > /dev/full: says why" \
	    grep -q 'writing the stories: No space left on device' "$ERR"
	RC=0
	"$FEEDCTL" --socket "$SOCK" new --json >/dev/full 2>"$ERR" \
	    </dev/null || RC=$?
	is "$RC" 1 "new --json > /dev/full: exit 1"
	fc new --peek
	is "$(stories)" $NSTORIES "new > /dev/full: every story is still new"
else
	for _t in "new > /dev/full: exit 1" "new > /dev/full: says why" \
	    "new --json > /dev/full: exit 1" \
	    "new > /dev/full: every story is still new"; do
		skip "$_t" "no /dev/full"
	done
fi
# The protocol's part of it: "after" only with "peek"; "advance" only
# forward, and says where the cursor is.
ok "protocol: new after needs peek; cursor advance only moves forward" \
    "$PY" - "$SOCK" <<'EOF'
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
f = s.makefile("rwb")
def call(**req):
    f.write(json.dumps(req).encode() + b"\n")
    f.flush()
    return json.loads(f.readline())
r = [call(id=1, cmd="new", after=1),
     call(id=2, cmd="new", peek=True, after="x"),
     call(id=3, cmd="cursor", name="K", action="advance", seq=-1),
     call(id=4, cmd="cursor", name="K", action="advance", seq=5),
     call(id=5, cmd="cursor", name="K", action="advance", seq=3),
     call(id=6, cmd="cursor", name="K", action="advance", seq=7),
     call(id=7, cmd="new", peek=True, after=10**6, limit=1)]
want = [("invalid", None), ("invalid", None), ("invalid", None),
        (None, 5), (None, 5), (None, 7)]
got = [(x.get("error", {}).get("code") if not x["ok"] else None,
        x.get("seq")) for x in r[:6]]
ok = got == want and r[6]["ok"] and r[6]["items"] == []
if not ok:
    print(got, r[6])
sys.exit(not ok)
EOF
# A file that takes only part of the stories (a file size limit, its
# signal ignored: writes fail with EFBIG).  new leaves every story new;
# follow, whose cursor the daemon moves as it sends, puts it back after
# the last story written: written and still new, every story is there.
# ids FILE: the sorted story ids a text listing shows.
ids() { grep -o '^  #[0-9]*' "$1" | sort -u; }
fc new --peek --cursor Z
ids "$OUT" >"$T/all"
RC=0
(trap '' XFSZ; ulimit -f 16; exec "$FEEDCTL" --socket "$SOCK" new \
    --cursor H) >"$T/part" 2>"$ERR" </dev/null || RC=$?
is "$RC" 1 "new into a file that fills up: exit 1"
ok "new into a file that fills up: part was written" test -s "$T/part"
fc new --peek --cursor H
is "$(stories)" $NSTORIES "new into a file that fills up: every story stays new"
if command -v timeout >/dev/null; then
	RC=0
	(trap '' XFSZ; ulimit -f 16; exec timeout "$(scaled 30)" \
	    "$FEEDCTL" --socket "$SOCK" follow --cursor G) >"$T/part" \
	    2>"$ERR" </dev/null || RC=$?
	is "$RC" 1 "follow into a file that fills up: exit 1"
	ids "$T/part" >"$T/written"
	fc new --peek --cursor G
	ids "$OUT" >"$T/left"
	ok "follow into a file that fills up: some written, some left" \
	    test -s "$T/written" -a -s "$T/left"
	ok "follow into a file that fills up: no story lost" \
	    sh -c 'sort -u "$1" "$2" | cmp -s - "$3"' sh "$T/written" \
	    "$T/left" "$T/all"
	ok "follow into a file that fills up: only the story cut short shows again" \
	    test "$(comm -12 "$T/written" "$T/left" | wc -l)" -le 1
else
	for _t in "follow into a file that fills up: exit 1" \
	    "follow into a file that fills up: some written, some left" \
	    "follow into a file that fills up: no story lost" \
	    "follow into a file that fills up: only the story cut short shows again"; do
		skip "$_t" "no timeout(1)"
	done
fi
fc new
is "$RC" 0 "new: exit 0"
is "$(stories)" $NSTORIES "new: every story, once"
fc new
is "$RC" 0 "new again: exit 0"
is "$(wc -c <"$OUT" | tr -d ' ')" 0 "new again: prints nothing"

# ---- cursors A and B; F for follow ----
fc new --cursor A
is "$(stories)" $NSTORIES "new --cursor A: every story (A is not the default cursor)"
fc new --cursor A
is "$(wc -c <"$OUT" | tr -d ' ')" 0 "new --cursor A again: nothing"
fc new --cursor F
fc cursor A
ok "cursor A: its position" grep -q '^A [1-9][0-9]*$' "$OUT"
fc cursor B
is "$(cat "$OUT")" "B 0" "cursor B: never used, 0"

# ---- follow sees a story published now ----
"$FEEDCTL" --socket "$SOCK" follow --json --cursor F >"$T/follow" \
    2>"$T/follow.err" </dev/null &
fpid=$!
sleep 1
publish 10 "Fresh harbour story one"
fc refresh --wait "$BASE/c/feed-0010.xml"
ok "refresh --wait of the feed: 1 new item" grep -q '; 1 new items\{0,1\}, 1 new stor' "$OUT"
t0=$(date +%s%N)
_i=0
while ! grep -q 'Fresh harbour story one' "$T/follow" &&
    [ $_i -lt "$(scaled 50)" ]; do
	_i=$((_i + 1))
	sleep 0.1
done
ms=$((($(date +%s%N) - t0) / 1000000))
ok "follow: the new story shows within 5 s of refresh --wait returning" \
    grep -q 'Fresh harbour story one' "$T/follow"
diag "follow: shown $ms ms after refresh --wait returned (0 = already there)"
ok "follow --json: only that story (the cursor was at the end)" jcheck \
    'len(L) == 1 and good_item(L[0]) and L[0]["title"] == "Fresh harbour story one" and
     L[0]["feed"]["url"].endswith("/c/feed-0010.xml") and L[0]["link"] == "https://fresh.example/fresh-harbour-story-one"' \
    "$T/follow"
kill -INT "$fpid"
frc=0
wait "$fpid" || frc=$?
is "$frc" 0 "follow: SIGINT ends it with 0"

# ---- one story, three feeds ----
fc new
ok "new: the followed story" grep -q 'Fresh harbour story one' "$OUT"
# The publisher first (add polls at once), so that its item is the one
# shown; then the two others.
fc add "$BASE/publisher.xml"
is "$RC" 0 "add the publisher: exit 0"
ok "its first poll done" wait_polled
for n in partner aggregator; do
	fc add "$BASE/$n.xml"
	is "$RC" 0 "add the $n: exit 0"
done
ok "their first polls done" wait_polled
fc --json status
ok "3 items more, 1 story more" jcheck \
    "r[\"items\"] == $((NSTORIES + 4)) and r[\"stories\"] == $((NSTORIES + 2))"
fc --json new --peek --all-copies
ok "new --json --all-copies: three lines" test "$(lines)" -eq 3
ok "new --json --all-copies: the item, then its two copies" jcheck \
    'len(L) == 3 and good_item(L[0]) and L[0]["feed"]["title"] == "Harbour Gazette" and
     all(c.get("copy_of") == L[0]["id"] and {"id", "feed", "link"} <= set(c) for c in L[1:]) and
     sorted(c["feed"]["title"] for c in L[1:]) == ["Aggregator News", "Partner Wire"]'
fc --json new --peek
ok "new --json: one line, copies listing the other two" jcheck \
    'len(L) == 1 and sorted(c["feed"]["title"] for c in L[0]["copies"]) == ["Aggregator News", "Partner Wire"]'
fc new
is "$(grep -c 'harbour bridge after 5,000 objections' "$OUT")" 1 "new: the story printed once"
ok "new: also in: the other two feeds" grep -Eq \
    '^  also in: (Partner Wire, Aggregator News|Aggregator News, Partner Wire)$' "$OUT"
diag "$(cat "$OUT")"
fc new
is "$(wc -c <"$OUT" | tr -d ' ')" 0 "new again: nothing"

# ---- restart: cursors are kept ----
feedd_stop 10
is "$FEEDD_RC" 0 "SIGTERM: feedd exits 0"
feedd_start '[store]
keep = 0'
fc new --cursor A
is "$(stories)" 2 "after the restart: new --cursor A shows the 2 stories since A's last look"
ok "  ...the followed one and the three-feed one" \
    sh -c "grep -q 'Fresh harbour story one' '$OUT' && grep -q 'harbour bridge' '$OUT'"
fc new --cursor F
is "$(stories)" 1 "after the restart: cursor F, moved along by follow, shows only the story after it"
ok "  ...the three-feed one" grep -q 'harbour bridge' "$OUT"
fc new --cursor A
is "$(wc -c <"$OUT" | tr -d ' ')" 0 "new --cursor A again: nothing"
publish 12 "Fresh harbour story two"
fc refresh --wait "$BASE/c/feed-0012.xml"
fc new --cursor A
is "$(stories)" 1 "a story published after the restart: new --cursor A shows it alone"
ok "  ...that one" grep -q 'Fresh harbour story two' "$OUT"
fc --json new --cursor B --peek
is "$(lines)" $((NSTORIES + 3)) "cursor B, never used: every story (independent of A)"
fc new
is "$(stories)" 1 "the default cursor: the one story since its last look"
fc cursor B
is "$(cat "$OUT")" "B 0" "cursor B still 0 (--peek)"

# ---- export, then import into a fresh daemon ----
fc export
is "$RC" 0 "export: exit 0"
cp "$OUT" "$T/export.opml"
fc --json feeds
cp "$OUT" "$T/feeds-before.json"
ok "export: well-formed OPML with 204 feeds" "$PY" -c 'import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
sys.exit(not (r.tag == "opml" and len(r.findall(".//outline[@xmlUrl]")) == 204))' "$T/export.opml"
feedd_stop 10
DB=$T/fresh.db
feedd_start '[store]
keep = 0'
fc status
ok "a fresh daemon (another database)" grep -q 'feeds' "$OUT"
fc import "$T/export.opml"
is "$RC" 0 "import of the export: exit 0"
ok "import of the export: added 204, skipped 0, invalid 0" grep -q \
    '^added 204, skipped 0 (already there), invalid 0$' "$OUT"
fc --json feeds
ok "the fresh daemon: the same URLs, with the same titles" "$PY" - "$T/feeds-before.json" "$OUT" <<'EOF'
import json, sys
a = {f["url"]: f["title"] for f in map(json.loads, open(sys.argv[1]))}
b = {f["url"]: f["title"] for f in map(json.loads, open(sys.argv[2]))}
if a == b:
    sys.exit(0)
print("# only before: %s" % sorted(set(a) - set(b))[:3])
print("# only after: %s" % sorted(set(b) - set(a))[:3])
print("# titles: %s" % [(u, a[u], b[u]) for u in set(a) & set(b) if a[u] != b[u]][:3])
sys.exit(1)
EOF

# ---- exit statuses with a daemon ----
fc ping
is "$RC" 0 "ping: exit 0"
fc remove 99999
is "$RC" 1 "remove 99999: exit 1 (the daemon refused)"
ok "remove 99999: feedctl: and the daemon's message, naming the feed" \
    grep -q '^feedctl: no such feed: 99999$' "$ERR"
fc items --feed http://nowhere.example/feed
is "$RC" 1 "items --feed of no feed: exit 1"
ok "items --feed of no feed: names it" \
    grep -q '^feedctl: no such feed: http://nowhere.example/feed$' "$ERR"
fc read 99999
is "$RC" 1 "read of a missing item: exit 1"
fc remove
is "$RC" 2 "remove without a feed: exit 2"
# A socket file with nobody behind it (feedd killed).
kill -KILL "$FEEDD_PID"
wait "$FEEDD_PID" 2>/dev/null
FEEDD_PID=
ok "after SIGKILL the socket file stays" test -S "$SOCK"
fc ping
is "$RC" 3 "a stale socket (connection refused): exit 3"
ok "a stale socket: the message names it and how to start feedd" grep -q \
    "cannot reach feedd at $SOCK: .*start it with" "$ERR"
# root's default socket is the system service's, a user's their own.
if [ "$(id -u)" = 0 ]; then
	ok "a stale socket: root is told of the system unit" \
	    grep -q '`systemctl start feedd.socket`' "$ERR"
else
	ok "a stale socket: a user is told of their user unit" \
	    grep -q '`systemctl --user start feedd.socket`' "$ERR"
fi
diag "stale socket: $(cat "$ERR")"
done_testing
