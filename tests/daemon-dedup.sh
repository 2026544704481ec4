#!/bin/sh
# "Never shows a story twice", through the daemon: one story carried by
# two outlets under spellings of one link or of one headline is listed
# once; different stories with like titles, and one outlet's like
# titles, stay apart, as does an old item whose headline a new one
# repeats; follow shows a story again when its text changed, not its
# link; a restart brings nothing back.
. "${top_srcdir:-.}/tests/daemon-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"

# wait_for PATTERN FILE: until FILE has a line matching PATTERN (5 s).
wait_for() {
	_i=0
	while ! grep -q "$1" "$2" && [ $_i -lt "$(scaled 50)" ]; do
		_i=$((_i + 1))
		sleep 0.1
	done
	grep -q "$1" "$2"
}

# item TITLE LINK GUID AGO: an RSS item dated AGO (date(1)'s words) ago.
item() {
	printf '<item><title>%s</title><link>%s</link><guid>%s</guid>' \
	    "$1" "$2" "$3"
	printf '<pubDate>%s</pubDate></item>\n' "$(date -u -R -d "$4 ago")"
}

# doc NAME TITLE ITEMS: the feed document $T/NAME.
doc() {
	printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'
	printf '<channel><title>%s</title>\n%s</channel></rss>\n' "$2" "$3"
}

feed_a() {
	doc a "Outlet A" "$(item "Council approves downtown stadium financing plan" \
	    "$1" a1 '1 hour'
	item "$2" https://a.example/q3 a2 '2 hours'
	item "Apple event: everything Apple announced today" \
	    https://a.example/2023/apple-event a3 '1 year'
	item "Morning briefing: what you need to know" \
	    'https://a.example/?p=124' p124 '3 hours'
	item "Morning briefing: what you need to know" \
	    'https://a.example/?p=123' p123 '27 hours')" >"$T/a.xml"
}
Q3="Apple reports Q3 earnings above expectations"
feed_a https://news.example/2024/05/stadium "$Q3"
doc b "Outlet B" "$(item "Stadium deal passes after a late vote" \
    'http://WWW.News.Example:80/2024/05/%73tadium?utm_source=rss&amp;fbclid=x#c' \
    b1 '50 minutes'
item "Apple reports Q4 earnings above expectations" \
    https://b.example/q4 b2 '1 hour'
item "Apple event: everything Apple announced today" \
    https://b.example/2024/apple-event b3 '2 hours')" >"$T/b.xml"

httpd_start
routes '{"/a": {"body_file": "a.xml"}, "/b": {"body_file": "b.xml"}}'
feedd_start
"$FEEDCTL" --socket "$SOCK" add "$BASE/a" >/dev/null
ok "outlet A polled" wait_polled
"$FEEDCTL" --socket "$SOCK" add "$BASE/b" >/dev/null
ok "outlet B polled" wait_polled

"$FEEDCTL" --socket "$SOCK" --json new >"$T/new" 2>"$T/new.err"
is "$?" 0 "new: exit 0"
stories() {
	"$PY" -c 'import json, sys
L = [json.loads(l) for l in open(sys.argv[1])]
print(" / ".join("%s%s" % (i["link"], "".join(" = " + c["link"]
    for c in i.get("copies", []))) for i in L))' "$1"
}
diag "new: $(stories "$T/new")"
# story LINK [COPY]: new listed a story as the item LINK, with a copy
# whose link starts with COPY when given.
story() {
	"$PY" -c 'import json, sys
L = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(not any(i["link"] == sys.argv[2] and (len(sys.argv) < 4 or
    any(c["link"].startswith(sys.argv[3]) for c in i.get("copies", [])))
    for i in L))' "$T/new" "$@"
}
ok "a link spelt another way (www, port, case, %73, utm_, fbclid, #): one story" \
    story https://news.example/2024/05/stadium http://WWW.News.Example
is "$(grep -c '"title"' "$T/new")" 7 \
    "seven stories: Q3 and Q4, two briefings, two Apple events apart"
ok "last year's Apple event is not this year's" \
    story https://b.example/2024/apple-event
ok "Q4 is not Q3" story https://b.example/q4

"$FEEDCTL" --socket "$SOCK" follow --json --cursor F >"$T/follow" \
    2>"$T/follow.err" </dev/null &
fpid=$!
ok "follow prints its backlog" wait_for 'b.example/q4' "$T/follow"
# A's stadium link now carries tracking parameters and www.; the Q3
# headline changed.
sleep 1
feed_a 'https://www.news.example/2024/05/stadium?utm_campaign=feed' \
    "$Q3, shares rise"
"$FEEDCTL" --socket "$SOCK" refresh --wait "$BASE/a" >/dev/null 2>&1
ok "a changed headline: follow shows the story again" \
    wait_for '"update":true.*shares rise\|shares rise.*"update":true' \
    "$T/follow"
sleep 0.5
is "$(grep -c 'stadium' "$T/follow")" 1 \
    "a changed link alone: follow does not show the story again"
kill -INT "$fpid"
wait "$fpid"

feedd_stop 5
feedd_start
"$FEEDCTL" --socket "$SOCK" refresh --wait >/dev/null 2>&1
is "$("$FEEDCTL" --socket "$SOCK" new)" "" "after a restart and a refresh: nothing new"

done_testing
