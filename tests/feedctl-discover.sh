#!/bin/sh
# feedctl add on a web page: the feeds the page names are fetched in page
# order and the first that answers as a feed is subscribed to, not a
# stale <link> to a 404; when none works (nor a common path such as
# /feed), the error says which URLs were tried and why each failed,
# within bounds.  POSIX sh, TAP.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

[ -x "$FEEDCTL" ] || bail_out "$FEEDCTL not built"
OUT=$T/fc.out
ERR=$T/fc.err
fc() {
	RC=0
	"$FEEDCTL" --socket "$SOCK" "$@" >"$OUT" 2>"$ERR" </dev/null || RC=$?
}
has_err() { grep -q -- "$1" "$ERR"; }

httpd_start
# page(links): an HTML page naming feeds, each (type, href).
routes '{
  "/stale/": {"headers": {"Content-Type": "text/html"}, "body":
      "<html><head>"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/gone.xml\">"
      "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/page.html\">"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/good.xml\">"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/other.xml\">"
      "</head><body></body></html>"},
  "/dead/": {"headers": {"Content-Type": "text/html"}, "body":
      "<html><head>"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/gone.xml\">"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/page.html\">"
      "<link rel=\"alternate\" type=\"application/json\" href=\"/api\">"
      "</head><body></body></html>"},
  "/many/": {"headers": {"Content-Type": "text/html"}, "body":
      "<html><head>" + "".join(
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/dead%d.xml\">"
      % i for i in range(20)) + "</head><body></body></html>"},
  "/page.html": {"headers": {"Content-Type": "text/html"},
                 "body": "<html><body>an article</body></html>"},
  "/api":       {"headers": {"Content-Type": "application/json"},
                 "body": "{\"id\": 2}"},
  "/good.xml":  {"body": rss(2, "good"),
                 "headers": {"Content-Type": "application/rss+xml"}},
  "/other.xml": {"body": rss(2, "other"),
                 "headers": {"Content-Type": "application/rss+xml"}}
}'
feedd_start

fc add --list "$BASE/stale/"
is "$(cat "$OUT" | tr '\n' ' ')" "$BASE/gone.xml $BASE/page.html $BASE/good.xml $BASE/other.xml " \
    "add --list: every feed the page names, in page order"

fc add "$BASE/stale/"
is "$RC" 0 "a page whose first feeds fail: exit 0"
ok "the first feed that works is chosen, and named" \
    grep -q "^found feed $BASE/good.xml on page $BASE/stale/\$" "$OUT"
cli '{"cmd":"feeds"}'
ok "only that feed subscribed" check \
    '[f["url"] for f in r["feeds"]] == ["'"$BASE"'/good.xml"]'
is "$(nreq /gone.xml) $(nreq /other.xml)" "1 0" \
    "the named feeds are tried in order, up to the first that works"

fc add "$BASE/dead/"
is "$RC" 1 "a page naming only feeds that fail: exit 1"
ok "the error names the page" has_err "no feed found on $BASE/dead/"
ok "... the 404, with its status" has_err "$BASE/gone.xml: HTTP 404"
ok "... the HTML page, not a feed" has_err "$BASE/page.html: not a feed: "
ok "... the JSON that is no JSON Feed" has_err "$BASE/api: not a feed: JSON without a JSON Feed version"
ok "... and the common paths" has_err "nor /feed, /rss, .* serves a feed"
cli '{"cmd":"feeds"}'
ok "nothing subscribed" check 'len(r["feeds"]) == 1'

fc add "$BASE/many/"
is "$RC" 1 "a page naming 20 dead feeds: exit 1"
is "$(grep -o 'dead[0-9]*\.xml: HTTP 404' "$ERR" | wc -l | tr -d ' ')" 8 \
    "20 dead feeds: 8 tried and reported"
ok "20 dead feeds: the rest counted, not tried" has_err "12 more it names not tried"
is "$(nreq /dead8.xml)" 0 "20 dead feeds: the ninth never fetched"
ok "20 dead feeds: the message stays short" \
    test "$(wc -c <"$ERR")" -lt 4096

# A common path that works is taken when the named feeds do not.
routes '{
  "/dead/": {"headers": {"Content-Type": "text/html"}, "body":
      "<html><head>"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/gone.xml\">"
      "</head><body></body></html>"},
  "/feed": {"body": rss(1, "fallback"),
            "headers": {"Content-Type": "application/rss+xml"}}
}'
fc add "$BASE/dead/"
is "$RC" 0 "dead named feed, working /feed: exit 0"
ok "dead named feed, working /feed: /feed subscribed" \
    grep -q "^found feed $BASE/feed on page $BASE/dead/\$" "$OUT"

feedd_stop 5
is "$FEEDD_RC" 0 "feedd exits 0"
done_testing
