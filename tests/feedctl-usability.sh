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

done_testing
