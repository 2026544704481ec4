#!/bin/sh
# `feedctl parse` from the outside: its JSON shape, stdin, --base and
# --content-type, exit codes and messages, and output that is safe to show
# on a terminal.
. "${top_srcdir:-.}/tests/lib.sh"

F=$FIXTURES
J=$TEST_TMP/out.json

# ---- the JSON document ----

# Keys every item carries, present even when the value is absent.
ITEM_KEYS='["author","categories","content","enclosures","guid","link","published","summary","title","updated"]'

check_shape() {	# FILE NAME: one JSON document of the documented shape
	if ! have_python; then
		skip "$2: JSON shape" "no python3"
		return
	fi
	ok "$2: stdout is one JSON document" "$PYTHON3" -c '
import json, sys
s = open(sys.argv[1], encoding="utf-8").read()
json.loads(s)
sys.exit(0 if s.count("\n") == 1 and s.endswith("\n") else 1)' "$1"
	ok "$2: top-level and feed keys" jcheck "$1" '
{"format", "feed", "warnings", "items"} <= set(d) and
{"title", "link", "id", "updated"} <= set(d["feed"]) and
isinstance(d["warnings"], list) and isinstance(d["items"], list)'
	ok "$2: every item has every key" jcheck "$1" "
all(set($ITEM_KEYS) <= set(i) for i in d['items']) and
all(isinstance(i['enclosures'], list) and isinstance(i['categories'], list)
    for i in d['items']) and
all({'url', 'type', 'length'} <= set(e)
    for i in d['items'] for e in i['enclosures'])"
	ok "$2: dates are null or YYYY-MM-DDTHH:MM:SSZ" jcheck "$1" '
all(v is None or re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", v)
    for v in [d["feed"]["updated"]] +
    [i[k] for i in d["items"] for k in ("published", "updated")])'
}

run "$FEEDCTL" parse --json "$F/rss20-podcast.xml"
is "$RC" 0 "rss 2.0 podcast: exit 0"
cp "$OUT" "$J"
check_shape "$J" "rss 2.0 podcast"
if have_python; then
	is "$(jget "$J" 'd["format"]')" '"rss20"' "rss 2.0: format"
	is "$(jget "$J" 'd["feed"]')" \
	    '{"title": "The Example Hour & Friends", "link": "https://podcast.example.net/", "id": null, "updated": "2024-03-04T10:15:00Z"}' \
	    "rss 2.0: feed object"
	is "$(jget "$J" 'len(d["items"])')" 3 "rss 2.0: three items"
	is "$(jget "$J" '[d["items"][0][k] for k in ("guid", "title", "link", "published", "updated", "author")]')" \
	    '["podcast.example.net:episode:42", "Episode 42: Life, the Universe & Everything", "https://podcast.example.net/episodes/42", "2024-03-04T11:00:00Z", null, "Ann Host"]' \
	    "rss 2.0: item 1 guid, title, link, dates, author"
	is "$(jget "$J" 'd["items"][0]["summary"]')" \
	    '"We finally answer the question."' "rss 2.0: summary"
	is "$(jget "$J" 'd["items"][0]["content"]')" \
	    '"<p>Show notes with <a href=\"https://example.org/h2g2\">a link</a> &amp; more.</p>"' \
	    "rss 2.0: content:encoded as given"
	is "$(jget "$J" 'd["items"][0]["enclosures"]')" \
	    '[{"url": "https://cdn.example.net/audio/ep42.mp3", "type": "audio/mpeg", "length": 52428800}]' \
	    "rss 2.0: enclosure url, type, length"
	is "$(jget "$J" 'd["items"][0]["categories"]')" '["Science", "Towels"]' \
	    "rss 2.0: categories"
	is "$(jget "$J" '[d["items"][1][k] for k in ("title", "link", "published", "author")]')" \
	    '["Episode 41: Bonus round", "https://podcast.example.net/episodes/41", "2024-02-26T11:00:00Z", "Bob Guest"]' \
	    "rss 2.0: item 2, markup stripped from the title, EST in UTC"
	is "$(jget "$J" 'd["items"][1]["enclosures"]')" \
	    '[{"url": "https://cdn.example.net/video/ep41.mp4", "type": "video/mp4", "length": 104857600}]' \
	    "rss 2.0: media:content as the enclosure"
	is "$(jget "$J" '[d["items"][2][k] for k in ("guid", "link", "published", "author", "summary", "content", "enclosures", "categories")]')" \
	    '["https://podcast.example.net/trailer", "https://podcast.example.net/trailer", null, null, null, null, [], []]' \
	    "rss 2.0: absent values are null (lists empty)"
	is "$(jget "$J" 'd["warnings"]')" '[]' "rss 2.0: no warnings"
fi

run "$FEEDCTL" parse --json "$F/atom10-blog.xml"
is "$RC" 0 "atom 1.0 blog: exit 0"
cp "$OUT" "$J"
check_shape "$J" "atom 1.0 blog"
if have_python; then
	is "$(jget "$J" '[d["format"], d["feed"]["title"], d["feed"]["link"], d["feed"]["id"], d["feed"]["updated"]]')" \
	    '["atom10", "Notes & Sketches", "https://blog.example.org/", "tag:blog.example.org,2005:feed", "2024-03-01T11:00:00Z"]' \
	    "atom 1.0: format and feed"
	is "$(jget "$J" '[d["items"][0][k] for k in ("guid", "title", "link", "published", "updated", "author")]')" \
	    '["tag:blog.example.org,2024:quotes", "On “quotes” and other marks", "https://blog.example.org/posts/2024/quotes.html", "2024-02-29T07:30:00Z", "2024-03-01T08:00:00Z", "C. Writer"]' \
	    "atom 1.0: entry 1, link through two xml:base"
	is "$(jget "$J" '[d["items"][1][k] for k in ("title", "link", "enclosures")]')" \
	    '["Sketch no. 7", "https://blog.example.org/sketches/7", [{"url": "https://blog.example.org/img/sketch-7.png", "type": "image/png", "length": 20480}]]' \
	    "atom 1.0: entry 2, xhtml title, rel=enclosure"
fi

run "$FEEDCTL" parse --json "$F/jsonfeed11.json"
is "$RC" 0 "json feed 1.1: exit 0"
cp "$OUT" "$J"
check_shape "$J" "json feed 1.1"
if have_python; then
	is "$(jget "$J" '[d["format"], d["feed"]["title"], d["feed"]["link"]]')" \
	    '["json11", "Micro Example", "https://micro.example.com/"]' \
	    "json feed: format and feed"
	is "$(jget "$J" '[d["items"][0][k] for k in ("guid", "title", "published", "updated", "author", "categories")]')" \
	    '["https://micro.example.com/2024/03/02/hello", "Hello, JSON", "2024-03-02T14:30:00Z", "2024-03-02T15:00:00Z", "Dee Micro", ["meta", "json"]]' \
	    "json feed: item 1"
	is "$(jget "$J" '[d["items"][1][k] for k in ("guid", "title", "link", "published", "content")]')" \
	    '["2", null, null, null, "A note without a title or a date."]' \
	    "json feed: item 2, absent values null"
fi

# Copied spec examples, and every other feed fixture, parse into the shape.
for f in rss10-spec.xml rss092-spec.xml malformed.xml; do
	run "$FEEDCTL" parse --json "$F/$f"
	is "$RC" 0 "$f: exit 0"
	cp "$OUT" "$J"
	check_shape "$J" "$f"
done
if have_python; then
	# The third item is cut off before any of its fields closed: it
	# carries nothing, and is not reported.
	is "$(jget "$J" '[len(d["items"]), d["items"][1]["title"], len(d["warnings"]) > 0]')" \
	    '[2, "Two", true]' "malformed.xml: items that closed, and warnings"
	is "$(jget "$J" 'all(isinstance(w, str) and w.startswith("line ") for w in d["warnings"])')" \
	    true "malformed.xml: warnings are strings with a line number"
fi

# ---- stdin, --base, --content-type ----

run "$FEEDCTL" parse --json "$F/atom10-blog.xml"
cp "$OUT" "$TEST_TMP/from-file"
run "$FEEDCTL" parse --json - <"$F/atom10-blog.xml"
is "$RC" 0 "stdin: exit 0"
ok "stdin: same output as from the file" cmp -s "$OUT" "$TEST_TMP/from-file"
# A pipe, not a file: nothing to seek or stat.
# shellcheck disable=SC2002
cat "$F/jsonfeed11.json" | "$FEEDCTL" parse --json - >"$OUT" 2>"$ERR"
ok "stdin from a pipe: JSON Feed" grep -q '"format":"json11"' "$OUT"

if have_python; then
	run "$FEEDCTL" parse --json "$F/relative-links.xml"
	cp "$OUT" "$J"
	is "$(jget "$J" '[d["feed"]["link"], d["items"][0]["link"], d["items"][0]["enclosures"][0]["url"]]')" \
	    '["/", "posts/first.html", "../media/first.ogg"]' \
	    "no --base: relative links stay relative"
	run "$FEEDCTL" parse --json --base https://rel.example/feeds/main.xml \
	    "$F/relative-links.xml"
	cp "$OUT" "$J"
	is "$(jget "$J" '[d["feed"]["link"], d["items"][0]["link"], d["items"][0]["enclosures"][0]["url"]]')" \
	    '["https://rel.example/", "https://rel.example/feeds/posts/first.html", "https://rel.example/media/first.ogg"]' \
	    "--base: links resolved against it"
	run "$FEEDCTL" parse --base=https://other.example/x/ --json - \
	    <"$F/relative-links.xml"
	cp "$OUT" "$J"
	is "$(jget "$J" 'd["items"][0]["link"]')" \
	    '"https://other.example/x/posts/first.html"' "--base=URL with stdin"

	run "$FEEDCTL" parse --json "$F/latin1-mislabeled.xml"
	is "$RC" 0 "mislabelled latin-1: still parses"
	run "$FEEDCTL" parse --json --content-type 'application/rss+xml; charset=ISO-8859-1' \
	    "$F/latin1-mislabeled.xml"
	cp "$OUT" "$J"
	is "$(jget "$J" '[d["feed"]["title"], d["items"][0]["title"]]')" \
	    '["Café crème", "Crème brûlée"]' "--content-type charset beats the declaration"
	run "$FEEDCTL" parse --json --content-type 'text/xml; charset=utf-8' \
	    "$F/rss20-podcast.xml"
	is "$RC" 0 "--content-type agreeing with the document"
fi

# ---- errors ----

not_a_feed() {	# FILE REASON-PATTERN NAME
	run "$FEEDCTL" parse --json "$1"
	is "$RC" 1 "$3: exit 1"
	ok "$3: \"feedctl: FILE: not a feed: <reason>\" on stderr" \
	    grep -q "^feedctl: $1: not a feed: $2" "$ERR"
	is "$(wc -l <"$ERR" | tr -d ' ')" 1 "$3: one line on stderr"
	is "$(wc -c <"$OUT" | tr -d ' ')" 0 "$3: nothing on stdout"
}

not_a_feed "$F/not-a-feed.html" '.*HTML' "HTML page"
not_a_feed "$F/not-a-feed.json" '.*JSON' "JSON that is no JSON Feed"
not_a_feed "$F/not-a-feed.txt" '..*' "plain text"
not_a_feed "$F/empty.xml" '.*empty' "empty file"
run "$FEEDCTL" parse - <"$F/not-a-feed.html"
is "$RC" 1 "HTML on stdin: exit 1"
ok "HTML on stdin: named \"-\"" grep -q '^feedctl: -: not a feed: ' "$ERR"
run "$FEEDCTL" parse - </dev/null
is "$RC" 1 "empty stdin: exit 1"

run "$FEEDCTL" parse "$TEST_TMP/no/such/file.xml"
is "$RC" 1 "missing file: exit 1"
ok "missing file: names the file and the reason" \
    grep -q "^feedctl: $TEST_TMP/no/such/file.xml: No such file or directory\$" "$ERR"
run "$FEEDCTL" parse "$TEST_TMP"
is "$RC" 1 "a directory: exit 1"
ok "a directory: says so" grep -q "^feedctl: $TEST_TMP: .*[Dd]irectory" "$ERR"

usage_error() {	# NAME PATTERN ARG...: exit 2, PATTERN on stderr
	_name=$1
	_pattern=$2
	shift 2
	run "$FEEDCTL" "$@"
	is "$RC" 2 "usage error, $_name: exit 2"
	ok "usage error, $_name: says so on stderr" grep -q "$_pattern" "$ERR"
	is "$(wc -c <"$OUT" | tr -d ' ')" 0 "usage error, $_name: nothing on stdout"
}
usage_error "no file" '^usage: feedctl parse ' parse
usage_error "two files" '^usage: feedctl parse ' parse "$F/rss10-spec.xml" \
    "$F/rss092-spec.xml"
usage_error "unknown option" '^usage: feedctl parse ' parse --frobnicate \
    "$F/rss10-spec.xml"
usage_error "--base without URL" '^usage: feedctl parse ' parse \
    "$F/rss10-spec.xml" --base
usage_error "no command" '^usage: feedctl '
usage_error "unknown command" 'unknown command' frobnicate

run "$FEEDCTL" help parse
is "$RC" 0 "help parse: exit 0"
ok "help parse: shows the usage" grep -q 'parse \[--json\]' "$OUT"

# ---- readable output ----

run "$FEEDCTL" parse "$F/rss20-podcast.xml"
is "$RC" 0 "readable: exit 0"
ok "readable: item titles" grep -q '^ *1\. Episode 42: Life, the Universe & Everything$' "$OUT"
ok "readable: summary line" \
    grep -q '^The Example Hour & Friends \[rss20\], 3 items, https://podcast.example.net/$' "$OUT"
run "$FEEDCTL" parse "$F/malformed.xml"
ok "readable: warnings shown" grep -q '^warning: line ' "$OUT"

# Titles, authors and links with terminal escapes and bidi overrides.
run "$FEEDCTL" parse "$F/escapes.json"
is "$RC" 0 "escapes: exit 0"
cp "$OUT" "$TEST_TMP/readable"
ok "escapes: the item is shown" grep -q 'alert' "$TEST_TMP/readable"
ok "escapes: the author is shown" grep -q 'Mallory' "$TEST_TMP/readable"
if has_bytes "$TEST_TMP/readable" '\033'; then
	fail "escapes: no ESC byte in readable output"
else
	pass "escapes: no ESC byte in readable output"
fi
if has_bytes "$TEST_TMP/readable" '\342\200\256'; then
	fail "escapes: no U+202E in readable output"
else
	pass "escapes: no U+202E in readable output"
fi
if has_bytes "$TEST_TMP/readable" '\302\233'; then
	fail "escapes: no U+009B (8-bit CSI) in readable output"
else
	pass "escapes: no U+009B (8-bit CSI) in readable output"
fi
if LC_ALL=C tr -d '\n' <"$TEST_TMP/readable" | LC_ALL=C grep -q '[[:cntrl:]]'; then
	fail "escapes: no control character but newlines"
else
	pass "escapes: no control character but newlines"
fi
run "$FEEDCTL" parse --json "$F/escapes.json"
if has_bytes "$OUT" '\033' || has_bytes "$OUT" '\342\200\256'; then
	fail "escapes: --json output escapes them"
else
	pass "escapes: --json output escapes them"
fi
if have_python; then
	cp "$OUT" "$J"
	ok "escapes: --json keeps the data" jcheck "$J" \
	    '"\u202e" in d["items"][0]["title"] and "\u001b" in d["items"][0]["author"]'
fi
# The same through RSS: U+202E is a valid XML character.
printf '<rss version="2.0"><channel><title>t</title><item><title>%s</title></item></channel></rss>\n' \
    'A &#x202E;reversed&#x202C; and &#x2067;isolated&#x2069; title' >"$TEST_TMP/bidi.xml"
run "$FEEDCTL" parse "$TEST_TMP/bidi.xml"
ok "bidi in RSS: the title is shown" grep -q 'reversed' "$OUT"
if has_bytes "$OUT" '\342\200\256' || has_bytes "$OUT" '\342\201\247'; then
	fail "bidi in RSS: no bidi controls in readable output"
else
	pass "bidi in RSS: no bidi controls in readable output"
fi

done_testing
