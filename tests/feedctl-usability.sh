#!/bin/sh
# feedctl as a user drives it, against a real feedd: what it says when
# asked for something that cannot be (a cursor past the newest story, a
# story number that is none), and listings that show a story once.
# POSIX sh, TAP.
. "${top_srcdir:-.}/tests/daemon-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"
OUT=$T/fc.out
ERR=$T/fc.err
fc() {
	RC=0
	"$FEEDCTL" --socket "$SOCK" "$@" >"$OUT" 2>"$ERR" </dev/null || RC=$?
}
# has FILE TEXT: FILE holds TEXT (a fixed string); says what it holds.
has() {
	grep -qF -- "$2" "$1" && return 0
	diag "no \"$2\" in:" "$(cat "$1")"
	return 1
}

# Feed a has two items; b and c carry a's first story (same link).
routes '{"/a.xml": {"body": rss(2, "a").replace("http://example.org/a/0", "http://story.example/one")},
 "/b.xml": {"body": rss(1, "b").replace("http://example.org/b/0", "http://story.example/one")},
 "/c.xml": {"body": rss(1, "c").replace("http://example.org/c/0", "http://story.example/one")}}'
httpd_start
feedd_start

# ---- help help: the list of commands, not "no such command" ----
fc help help
is "$RC" 0 "help help: exit 0"
ok "help help: the list of commands" has "$OUT" "commands:"

# ---- cursor set: only to a story there is ----
fc cursor A set 5
is "$RC" 1 "cursor set 5 with no story stored: exit 1"
ok "  ...saying none was stored yet" has "$ERR" "no story 5: none was stored yet"

for f in a b c; do
	fc add --no-discover "$BASE/$f.xml"
	is "$RC" 0 "add $f: exit 0"
	ok "  ...polled" wait_polled
done

fc cursor A set 99999999
is "$RC" 1 "cursor set 99999999: exit 1"
ok "  ...naming the newest story" has "$ERR" "no story 99999999: the newest is 4"
fc cursor A get
is "$(cat "$OUT")" "A 0" "  ...and the cursor did not move"
fc cursor A set 4
is "$RC $(cat "$OUT")" "0 A 4" "cursor set 4 (the newest): accepted"
fc cursor A set abc
is "$RC" 2 "cursor set abc: a usage error (2)"
ok "  ...saying \"abc\" is not a story number" has "$ERR" '"abc" is not a story number'
fc cursor A get
is "$(cat "$OUT")" "A 4" "  ...and the cursor did not move"

# ---- items: a story once, as new shows it ----
# ids: 1 and 2 from a (2 is a's "one" story, oldest first), 3 from b, 4
# from c, both copies of 2.
fc items
is "$(grep -c '^  #' "$OUT")" 2 "items: 2 entries (a story carried by three feeds counts once)"
ok "  ...the story as its first item, #2 of a" grep -q '^  #2 · a · ' "$OUT"
ok "  ...with also in: the two other feeds" grep -Eq '^  also in: (b, c|c, b)$' "$OUT"
ok "  ...its copies not listed of their own" sh -c "! grep -Eq '^  #(3|4) ' '$OUT'"
fc new --peek
is "$(grep -c '^  #' "$OUT")" 2 "new --peek: the same 2 entries"
fc items --all-copies
is "$(grep -c '^  #' "$OUT")" 2 "items --all-copies: 2 entries"
is "$(grep -c '^  = #3 ' "$OUT") $(grep -c '^  = #4 ' "$OUT")" "1 1" \
    "  ...each copy printed once, under its story"
ok "  ...and no copy as an entry too" sh -c "! grep -Eq '^  #(3|4) ' '$OUT'"
fc --json items --all-copies
is "$(wc -l <"$OUT" | tr -d ' ')" 4 "items --json --all-copies: 2 items and 2 copies"
is "$(grep -c '"copy_of":2' "$OUT")" 2 "  ...the copies of #2, once each"
fc items --feed "$BASE/b.xml"
is "$(grep -c '^  #' "$OUT")" 1 "items --feed b: b's one item"
ok "  ...as b's copy, with the other two as also in" sh -c \
    "grep -q '^  #3 · b · ' '$OUT' && grep -Eq '^  also in: (a, c|c, a)$' '$OUT'"
fc items --limit 1
is "$(grep -c '^  #' "$OUT")" 1 "items --limit 1: one story"
ok "  ...the newest, #2" grep -q '^  #2 · a · ' "$OUT"

# ---- intervals outside min_interval and max_interval (5m and 1d) ----
fc set "$BASE/c.xml" --interval 10s
is "$RC" 0 "set --interval 10s: exit 0"
ok "  ...saying the feed is polled every 5m, the configured minimum" \
    has "$OUT" "polled every 5m, the configured minimum (min_interval), not every 10s"
fc set "$BASE/c.xml" --interval 3d
ok "set --interval 3d: polled every 1d, the configured maximum" \
    has "$OUT" "polled every 1d, the configured maximum (max_interval), not every 3d"
fc set "$BASE/c.xml" --interval 2h
ok "set --interval 2h: polled every 2h, nothing more" \
    sh -c "grep -q ', polled every 2h\$' '$OUT' && ! grep -q configured '$OUT'"
fc --json set "$BASE/c.xml" --interval 10s
ok "set --json: polled_every 300 beside interval 10" grep -q '"interval":10,.*"polled_every":300' "$OUT"
fc add --no-discover --interval 10s "$BASE/d.xml"
is "$RC" 0 "add --interval 10s: exit 0"
ok "  ...saying the feed is polled every 5m, the configured minimum" \
    has "$OUT" "polled every 5m, the configured minimum (min_interval), not every 10s"
fc add --no-discover --interval 1h "$BASE/e.xml"
ok "add --interval 1h: no note" sh -c "! grep -q 'configured' '$OUT'"

done_testing
