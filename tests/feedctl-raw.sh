#!/bin/sh
# feedctl --json against a fake feedd: the items of an answer in the
# form feedd writes ({"id":ID,"ok":true,"sizes":[...],"items":[...],...},
# each item printable ASCII and as long as sizes says) are printed as they
# came (escapes and reals spelt otherwise included); anything else (no or
# wrong sizes, UTF-8, white space, duplicate keys, errors, events, another
# request's answer, malformed text) goes through jansson's parse and is
# printed as jansson writes it.  With sizes, an item's text is feedd's
# (jansson's) to get right: feedctl checks its bytes, not its JSON.  Also a long answer in small pieces, pages, and
# --all-copies; items asking for page after page (before) while feedd says
# more, and stopping at a page that does not move on.  refresh of a feedd
# that does not name the feeds it holds back.  POSIX sh, TAP.
. "${top_srcdir:-.}/tests/lib.sh"

have_python || { echo "1..0 # SKIP python3 missing"; exit 0; }
SOCK=$TEST_TMP/feedd.sock
FAKE=

test_cleanup() {
	[ -n "$FAKE" ] && kill "$FAKE" 2>/dev/null
	return 0
}

# fake.py SOCKET ANSWERS CHUNK: one connection; each request is answered
# with the next line of ANSWERS, "{ID}" replaced by the request's id and
# "{NL}" by a newline, written CHUNK bytes at a time (0: at once).  The
# requests go to SOCKET.log, a line each.
cat >"$TEST_TMP/fake.py" <<'EOF'
import json, os, signal, socket, sys, time
signal.alarm(30)
path, answers, chunk = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(answers, "rb").read().split(b"\n")[:-1]
srv = socket.socket(socket.AF_UNIX)
srv.bind(path + ".new")
srv.listen(1)
os.rename(path + ".new", path)
conn, _ = srv.accept()
f = conn.makefile("rb")
log = open(path + ".log", "wb")
for tmpl in lines:
    req = f.readline()
    if not req:
        break
    log.write(req)
    log.flush()
    out = tmpl.replace(b"{ID}", str(json.loads(req)["id"]).encode())
    out = out.replace(b"{NL}", b"\n") + b"\n"
    step = chunk or len(out)
    for i in range(0, len(out), step):
        conn.sendall(out[i:i + step])
        if chunk:
            time.sleep(0.0005)
f.read()
EOF

# cases.py DIR: for each case NAME, NAME.args (feedctl's arguments),
# NAME.answers, NAME.chunk, NAME.out (stdout expected), NAME.rc and
# NAME.err (a string stderr holds); the names in DIR/cases.
cat >"$TEST_TMP/cases.py" <<'EOF'
import os, sys
d = sys.argv[1]
# Two items as jansson writes them with JSON_COMPACT | JSON_ENSURE_ASCII.
A = (b'{"seq":1,"id":1,"story":1,"feed":{"id":1,"title":"Caf\\u00E9 '
     b'\\uD83D\\uDE00","url":"http://x/f"},"guid":"g1","title":"T '
     b'\\u001B[31m \\" \\\\ / \x7f \\t","link":"http://x/1",'
     b'"published":"2024-05-01T08:00:00Z","updated":null,"author":null,'
     b'"summary":"<p>a\\nb</p>","enclosures":[{"url":"http://x/a.mp3",'
     b'"type":"audio/mpeg","length":1234}],"categories":["x"],'
     b'"read":false,"starred":false,"copies":[]}')
B = (b'{"seq":2,"id":2,"story":2,"feed":{"id":1,"title":null,"url":"u"},'
     b'"title":"-9223372036854775808","n":-9223372036854775808,"copies":'
     b'[{"id":3,"feed":{"id":2,"title":"Other","url":"http://y/f"},'
     b'"link":"http://y/3"}]}')
B_COPY = (b'{"id":3,"feed":{"id":2,"title":"Other","url":"http://y/f"},'
          b'"link":"http://y/3","copy_of":2}')
# A as feedd < 0.2 sent it (UTF-8), and in other spellings of its values.
A_UTF8 = (A.replace(b"\\u00E9", "\u00e9".encode())
          .replace(b"\\uD83D\\uDE00", "\U0001F600".encode()))
A_SPELT = A.replace(b"\\u00E9", b"\\u00e9").replace(b" / ", b" \\/ ")
A_SPACED = A.replace(b'","', b'", "').replace(b'":', b'": ')


def ok(items, more=b"false", sep=b",", sizes=True):
    """An item list as feedd writes it: sizes, then the items.  Without
    sizes (an older feedd, or sep with white space), feedctl parses."""
    head = b'{"id":{ID},"ok":true,'
    if sizes and sep == b",":
        head += (b'"sizes":[' + b",".join(b"%d" % len(i) for i in items) +
                 b'],')
    return (head + b'"items":[' + sep.join(items) + b'],"more":' + more +
            b'}')


# What feedd answers a cursor request.
CURSOR = b'{"id":{ID},"ok":true,"name":"default","seq":2}'


def big(n):
    return [A.replace(b'"seq":1,', b'"seq":%d,' % i) for i in range(n)]


def item(i):
    """An item of id i, for the pages of items (newest first)."""
    return (b'{"seq":%d,"id":%d,"story":%d,"feed":{"id":1,"title":"F",'
            b'"url":"u"},"title":"t%d","copies":[]}' % (i, i, i, i))


def pages(sizes=True):
    """Three answers of items, the first two cut at their budget."""
    return [ok([item(9), item(8)], b"true", sizes=sizes),
            ok([item(7), item(6)], b"true", sizes=sizes),
            ok([item(5)], sizes=sizes)]


PAGES_OUT = b"".join(item(i) + b"\n" for i in range(9, 4, -1))


cases = {
    "canonical": ("new --json --peek", [ok([A, B])], 0, A + b"\n" + B +
                  b"\n", ""),
    "items": ("items --json", [ok([B, A])], 0, B + b"\n" + A + b"\n", ""),
    "empty": ("new --json --peek", [ok([])], 0, b"", ""),
    "long, in pieces": ("new --json --peek", [ok(big(3000))], 0,
                        b"\n".join(big(3000)) + b"\n", "", 4093),
    "UTF-8 (an older feedd)": ("new --json --peek",
                               [ok([A_UTF8], sizes=False)], 0, A + b"\n", ""),
    "UTF-8, with sizes": ("new --json --peek", [ok([A_UTF8])], 0,
                          A + b"\n", ""),
    "no sizes": ("new --json --peek", [ok([A, B], sizes=False)], 0,
                 A + b"\n" + B + b"\n", ""),
    "sizes wrong": ("new --json --peek",
                    [ok([A, B]).replace(b'"sizes":[', b'"sizes":[1')], 0,
                    A + b"\n" + B + b"\n", ""),
    "lower-case hex, \\/": ("new --json --peek", [ok([A_SPELT])], 0,
                            A_SPELT + b"\n", ""),
    "white space": ("new --json --peek",
                    [ok([A_SPACED, B], sep=b", ").replace(b'"ok":true',
                                                          b'"ok": true')],
                    0, A + b"\n" + B + b"\n", ""),
    "reals": ("new --json --peek", [ok([b'{"x":1.5,"y":1e3,"z":-0}'])], 0,
              b'{"x":1.5,"y":1e3,"z":-0}\n', ""),
    "reals, white space": ("new --json --peek",
                           [ok([b'{"x":1.5,"y":1e3,"z":-0}'], sep=b", ")
                            .replace(b'[', b'[ ', 1)], 0,
                           b'{"x":1.5,"y":1000.0,"z":0}\n', ""),
    "an item not JSON": ("new --json --peek", [ok([A, b'{"x":1,}'], sizes=False)], 1,
                         b"", "malformed JSON"),
    "a key twice": ("new --json --peek", [ok([b'{"t":"a","u":1,"t":"b"}'], sizes=False)],
                    0, b'{"t":"b","u":1}\n', ""),
    "items twice": ("new --json --peek",
                    [ok([A]).replace(b'],"more"', b'],"items":[' + B +
                                     b'],"more"')], 0, B + b"\n", ""),
    "ok twice": ("new --json --peek",
                 [ok([A]).replace(b'"more":false', b'"ok":false,'
                                  b'"error":{"message":"no, after all"}')],
                 1, b"", "feedctl: no, after all"),
    "an error": ("new --json --peek", [b'{"id":{ID},"ok":false,"error":'
                                       b'{"code":"internal","message":'
                                       b'"disk on fire"}}'],
                 1, b"", "feedctl: disk on fire"),
    "busy": ("new --json --peek", [b'{"id":null,"ok":false,"error":'
                                   b'{"code":"busy","message":"too many '
                                   b'clients"}}'],
             1, b"", "feedctl: too many clients"),
    "another id first": ("new --json --peek",
                         [ok([B]).replace(b"{ID}", b"99") + b"{NL}" +
                          ok([A])], 0, A + b"\n", ""),
    "an event first": ("new --json --peek",
                       [b'{"id":{ID},"event":"progress","items":[' + B +
                        b']}{NL}' + ok([A])], 0, A + b"\n", ""),
    "no item list": ("new --json --peek", [b'{"id":{ID},"ok":true,'
                                           b'"items":5}'],
                     1, b"", "feedd sent no item list"),
    "malformed": ("new --json --peek", [ok([A])[:-1]], 1, b"",
                  "malformed JSON"),
    "trailing bytes": ("new --json --peek", [ok([A]) + b" x"], 1, b"",
                       "malformed JSON"),
    "--all-copies": ("new --json --peek --all-copies", [ok([A, B])], 0,
                     A + b"\n" + B + b"\n" + B_COPY + b"\n", ""),
    "--all-copies, UTF-8": ("new --json --peek --all-copies",
                            [ok([A_UTF8, B])], 0,
                            A + b"\n" + B + b"\n" + B_COPY + b"\n", ""),
    "pages": ("new --json", [ok([A]), ok([B]), ok([]), CURSOR], 0,
              A + b"\n" + B + b"\n", ""),
    "a page that does not move on": ("new --json",
              [ok([A]), ok([A])], 1, A + b"\n" + A + b"\n",
              "feedd sent stories the cursor cannot pass"),
    "items, pages": ("items --json --limit 5", pages(), 0, PAGES_OUT, ""),
    "items, pages parsed": ("items --json --limit 5", pages(sizes=False), 0,
                            PAGES_OUT, ""),
    "items, fewer than asked": ("items --json --limit 50",
                                [ok([item(9)], b"true"), ok([])], 0,
                                item(9) + b"\n", ""),
    "items, the limit reached": ("items --json --limit 2",
                                 [ok([item(9), item(8)], b"true")], 0,
                                 item(9) + b"\n" + item(8) + b"\n", ""),
    "items, a page that does not move on": ("items --json",
              [ok([item(9)], b"true"), ok([item(9)], b"true")], 1,
              item(9) + b"\n" + item(9) + b"\n",
              "feedd sent a page of items that does not move on"),
    "items, more but nothing": ("items --json", [ok([], b"true")], 1, b"",
                                "feedd sent a page of items that does not "
                                "move on"),
    # A feedd older than "held" (protocol 4): feedctl says what it can.
    "refresh, no held list": ("--json refresh 1 2",
        [b'{"id":{ID},"ok":true,"queued":0,"off":2,"not_before":null}'], 0,
        b'{"queued":0,"off":2,"limited":null,"not_before":null,'
        b'"held":null}\n', "2 feeds are gone or disabled, not polled"),
    "refresh --wait, no held list": ("--json refresh --wait 1 2",
        [b'{"id":{ID},"event":"not_before","not_before":'
         b'"2030-01-01T00:00:00Z"}{NL}{"id":{ID},"ok":true,"feeds":0,'
         b'"fetched":0,"not_modified":0,"failed":0,"new_items":0,'
         b'"new_stories":0,"off":1,"not_before":"2030-01-01T00:00:00Z"}'],
        0, b'{"feeds":0,"fetched":0,"not_modified":0,"failed":0,'
        b'"new_items":0,"new_stories":0,"off":1,"limited":null,'
        b'"not_before":"2030-01-01T00:00:00Z","held":null}\n',
        "some feeds are rate-limited by the server; next poll at "),
}
names = []
for i, (name, c) in enumerate(cases.items()):
    args, answers, rc, out, err = c[:5]
    base = os.path.join(d, "c%02d" % i)
    names.append("c%02d %s" % (i, name))
    for ext, data in (("args", args.encode()),
                      ("answers", b"\n".join(answers) + b"\n"),
                      ("chunk", str(c[5] if len(c) > 5 else 0).encode()),
                      ("out", out), ("rc", str(rc).encode()),
                      ("err", err.encode())):
        with open(base + "." + ext, "wb") as f:
            f.write(data)
with open(os.path.join(d, "cases"), "w") as f:
    f.write("\n".join(names) + "\n")
EOF

mkdir "$TEST_TMP/c"
"$PYTHON3" "$TEST_TMP/cases.py" "$TEST_TMP/c" || bail_out "cases.py failed"

while read -r id name; do
	c=$TEST_TMP/c/$id
	rm -f "$SOCK"
	"$PYTHON3" "$TEST_TMP/fake.py" "$SOCK" "$c.answers" "$(cat "$c.chunk")" \
	    2>"$TEST_TMP/fake.err" &
	FAKE=$!
	n=0
	while [ ! -S "$SOCK" ] && [ $n -lt 200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	# shellcheck disable=SC2046 # the arguments are words
	run "$FEEDCTL" --socket "$SOCK" $(cat "$c.args")
	kill "$FAKE" 2>/dev/null
	wait "$FAKE" 2>/dev/null
	FAKE=
	is "$RC" "$(cat "$c.rc")" "$name: exit status $(cat "$c.rc")"
	if cmp -s "$OUT" "$c.out"; then
		pass "$name: the items printed"
	else
		fail "$name: the items printed" \
		    "got:  $(head -c 300 "$OUT")" "want: $(head -c 300 "$c.out")"
	fi
	if [ -s "$c.err" ]; then
		ok "$name: $(cat "$c.err")" grep -qF -- "$(cat "$c.err")" "$ERR"
	fi
	case $name in
	pages)
		# The pages are peeked, each after the last; the cursor
		# moves once, past them all, when all were written.
		ok "pages: peeked in turn, the cursor advanced once at the end" \
		    "$PYTHON3" -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
want = [("new", True, None, None), ("new", True, 1, None),
        ("new", True, 2, None), ("cursor", None, None, 2)]
got = [(q["cmd"], q.get("peek"), q.get("after"), q.get("seq") if
        q.get("action") == "advance" else None) for q in r]
sys.exit(got != want and print(got) is None)' "$SOCK.log"
		;;
	"items, pages"*)
		# Each page asks for what is left, below the last id shown.
		ok "$name: before the last id, the rest of the limit" \
		    "$PYTHON3" -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
want = [("items", 5, None), ("items", 3, 8), ("items", 1, 6)]
got = [(q["cmd"], q.get("limit"), q.get("before")) for q in r]
sys.exit(got != want and print(got) is None)' "$SOCK.log"
		;;
	"items, the limit reached")
		is "$(wc -l <"$SOCK.log" | tr -d ' ')" 1 "$name: one request"
		;;
	esac
done <"$TEST_TMP/c/cases"
done_testing
