#!/bin/sh
# feedctl items over more than one answer: a feed of 1000 items of 10 KB
# each, more than one answer holds under its size budget (8 MiB), served
# by tests/httpd.py.  items --limit N prints exactly N (all, when fewer),
# newest first, none twice, in --json and as text; feedd's "before" field.
# POSIX sh, TAP.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"
NITEMS=1000

OUT=$T/fc.out
ERR=$T/fc.err
fc() {
	RC=0
	"$FEEDCTL" --socket "$SOCK" "$@" >"$OUT" 2>"$ERR" </dev/null || RC=$?
}
lines() { wc -l <"$1" | tr -d ' '; }
# ids FILE: the ids of a --json listing, one a line.
ids() {
	"$PY" -c 'import json, sys
for l in open(sys.argv[1]):
    print(json.loads(l)["id"])' "$1"
}
# newest_first FILE: the ids of FILE fall, each once.
newest_first() {
	"$PY" -c 'import sys
v = [int(l) for l in open(sys.argv[1])]
sys.exit(0 if all(a > b for a, b in zip(v, v[1:])) else 1)' "$1"
}

# Each item's text differs from the others' (no two are one story).
"$PY" - "$T/big.xml" "$NITEMS" <<'EOF'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel>'
            "<title>Big</title><link>http://example.org/big</link>\n")
    for i in range(n):
        text = " ".join("w%d-%d" % (i, k) for k in range(1200))[:10240]
        f.write("<item><title>big %d</title>"
                "<link>http://example.org/big/%d</link><guid>big-%d</guid>"
                "<description>%s</description></item>\n" % (i, i, i, text))
    f.write("</channel></rss>\n")
EOF
httpd_start
routes '{"/big.xml": {"body_file": "big.xml",
                      "headers": {"Content-Type": "application/rss+xml"}}}'
feedd_start
FEED=$BASE/big.xml
fc add --no-discover "$FEED"
is "$RC" 0 "add the big feed"
ok "polled" wait_polled 30
ok "all $NITEMS items stored" check "feed(\"/big.xml\")[\"items\"] == $NITEMS"

# The premise: one answer cannot hold them all.
cli -t 30 '{"cmd":"items","feed":"'"$FEED"'","limit":'$NITEMS'}'
ok "one answer holds fewer than $NITEMS and says more" \
    check 'r["more"] is True and 0 < len(r["items"]) < '$NITEMS

fc items --feed "$FEED" --limit 2000 --json
is "$RC" 0 "--limit 2000: exit 0"
is "$(lines "$OUT")" $NITEMS "--limit 2000: all $NITEMS items"
ids "$OUT" >"$T/all.ids"
ok "--limit 2000: newest first, none twice" newest_first "$T/all.ids"
is "$(cat "$ERR")" "" "--limit 2000: nothing on stderr"

fc items --feed "$FEED" --limit 900 --json
is "$RC" 0 "--limit 900: exit 0"
is "$(lines "$OUT")" 900 "--limit 900: 900 items"
ids "$OUT" >"$T/900.ids"
head -n 900 "$T/all.ids" >"$T/want.ids"
ok "--limit 900: the 900 newest, in order" cmp -s "$T/900.ids" "$T/want.ids"

fc items --feed "$FEED" --limit 900
is "$RC" 0 "--limit 900, text: exit 0"
sed -n 's/^  #\([0-9]*\) .*/\1/p' "$OUT" >"$T/text.ids"
is "$(lines "$T/text.ids")" 900 "--limit 900, text: 900 items"
ok "--limit 900, text: the same items in the same order" \
    cmp -s "$T/text.ids" "$T/want.ids"

fc items --feed "$FEED" --json
is "$(lines "$OUT")" 100 "no --limit: 100 items"

# "before" on the socket.
b=$(sed -n 5p "$T/all.ids")
cli -t 30 '{"cmd":"items","feed":"'"$FEED"'","before":'"$b"',"limit":3}'
ok "before: the three below it" \
    check '[i["id"] for i in r["items"]] == '"[$(sed -n '6,8p' "$T/all.ids" |
    paste -sd, -)]"
cli '{"cmd":"items","before":"'"$b"'"}'
ok "before not an integer: bad_request" check 'r["error"]["code"] == "bad_request"'
cli '{"cmd":"items","before":0}'
ok "before 0: invalid" check 'r["error"]["code"] == "invalid"'
# "limit": a bad one is said so, not taken as the default.
for l in 0 -1 '"x"' 2.5; do
	cli '{"cmd":"items","limit":'"$l"'}'
	ok "items limit $l: invalid" check 'r["error"]["code"] == "invalid"'
	cli '{"cmd":"new","peek":true,"limit":'"$l"'}'
	ok "new limit $l: invalid" check 'r["error"]["code"] == "invalid"'
done
cli -t 30 '{"cmd":"items","feed":"'"$FEED"'","limit":20000}'
ok "items limit 20000: not taken as the default 100" \
    check 'len(r["items"]) > 100'

done_testing
