#!/bin/sh
# A feed document cut short inside a complete HTTP response (a 200 with a
# correct Content-Length whose body stops in the middle of the last item):
# the items that closed are stored, the unfinished one is not (it comes
# whole at the next poll, and is then stored once, whole), and the
# response's validators are not kept (else the next poll would be a 304
# and the item would not come until the feed changes).  A JSON Feed cut
# short is no JSON: the poll fails with a clear error, and nothing
# already stored is lost.
# shellcheck disable=SC2119 # feedd_start without extra configuration
. "${top_srcdir:-.}/tests/daemon-lib.sh"

# The documents, whole and cut: cut(doc, marker) is doc up to marker.
cat >"$T/docs.py" <<'EOF'
import json
RSS = ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>R</title>'
       '<link>http://example.org/r</link>\n'
       '<item><title>R one</title><link>http://example.org/r/1</link>'
       '<guid>r-1</guid></item>\n'
       '<item><title>R two, the whole title</title>'
       '<link>http://example.org/r/2</link><guid>r-2</guid>'
       '<description>R two in full</description></item>\n'
       '</channel></rss>\n')
ATOM = ('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>A</title><id>urn:a</id>\n'
        '<entry><id>urn:a:1</id><title>A one</title>'
        '<link href="http://example.org/a/1"/></entry>\n'
        '<entry><title>A two, the whole title</title>'
        '<link href="http://example.org/a/2"/><id>urn:a:2</id>'
        '<summary>A two in full</summary></entry>\n</feed>\n')
def jf(n):
    return json.dumps({"version": "https://jsonfeed.org/version/1.1",
        "title": "J", "items": [{"id": "j-%d" % i, "title": "J %d" % i,
        "url": "http://example.org/j/%d" % i} for i in range(n)]})
def cut(doc, marker):
    return doc[:doc.index(marker)]
def route(body, etag):
    return {"body": body, "headers": {"ETag": '"%s"' % etag},
            "conditional": True}
EOF
# routes EXPR with the documents at hand.
droutes() {
	routes "exec(open('$T/docs.py').read()) or $1"
}

httpd_start
# Cut after the second item's link (no guid yet: stored, it would be
# known by its link, and come again under its guid) and in the middle
# of an Atom entry's summary.  The same ETag as the whole document will
# have: a server whose cache kept a cut copy.
droutes '{
  "/rss":  route(cut(RSS, "</link><guid>r-2"), "r"),
  "/atom": route(cut(ATOM, " in full</summary>"), "a"),
  "/json": route(jf(2), "j1")
}'
feedd_start
cli '{"cmd":"import","feeds":[{"url":"'"$BASE"'/rss"},{"url":"'"$BASE"'/atom"},{"url":"'"$BASE"'/json"}]}'
ok "three feeds imported" check 'r["added"] == 3'
ok "first polls done" wait_polled

cli '{"cmd":"feeds"}'
ok "RSS cut short: the poll is no failure" check \
    'feed("/rss")["error"] is None and feed("/rss")["last_status"] == 200'
ok "RSS cut short: only the item that closed is stored" check \
    'feed("/rss")["items"] == 1'
ok "Atom cut short: only the entry that closed is stored" check \
    'feed("/atom")["items"] == 1 and feed("/atom")["error"] is None'
ok "JSON: both items stored" check 'feed("/json")["items"] == 2'
ok "RSS and Atom cut short: a note says so" check \
    'all("cut short" in (feed(p)["note"] or "") for p in ("/rss", "/atom"))'
ok "the log says why an item was left out" \
    grep -q "/rss: the document is cut short; its unfinished last item" \
    "$T/feedd.log"

# The whole documents now, under the same validators; the JSON Feed is
# cut short in the middle of its second item.
droutes '{
  "/rss":  route(RSS, "r"),
  "/atom": route(ATOM, "a"),
  "/json": route(cut(jf(2), "\"J 1\""), "j2")
}'
cli -t 15 '{"cmd":"refresh","wait":true}'
is "$(req /rss -1 'h.get("If-None-Match")')" null \
    "RSS: the cut document's ETag was not sent back"
is "$(req /rss -1 'e["status"]')" 200 "RSS: the whole document came"
cli '{"cmd":"feeds"}'
ok "RSS: the whole document clears the note" check 'feed("/rss")["note"] is None'
cli '{"cmd":"items","feed":"'"$BASE"'/rss"}'
ok "RSS: each item once, the second whole" check \
    'sorted((i["guid"], i["title"], i["link"]) for i in r["items"]) == [
     ("r-1", "R one", "http://example.org/r/1"),
     ("r-2", "R two, the whole title", "http://example.org/r/2")]'
cli '{"cmd":"items","feed":"'"$BASE"'/atom"}'
ok "Atom: each entry once, the second whole" check \
    'sorted((i["guid"], i["title"], i["summary"]) for i in r["items"]) == [
     ("urn:a:1", "A one", None),
     ("urn:a:2", "A two, the whole title", "A two in full")]'

cli '{"cmd":"feeds"}'
ok "JSON cut short: the error says it ends early" check \
    're.search("invalid JSON: the document ends early", feed("/json")["error"] or "")'
ok "JSON cut short: nothing stored before is lost" check \
    'feed("/json")["items"] == 2'
cli '{"cmd":"new"}'
ok "new: every story once" check \
    'sorted(i["guid"] for i in r["items"]) == ["j-0", "j-1", "r-1", "r-2", "urn:a:1", "urn:a:2"]'

# The JSON Feed whole again, one item more: nothing twice.
droutes '{"/rss": route(RSS, "r"), "/atom": route(ATOM, "a"),
  "/json": route(jf(3), "j3")}'
cli -t 15 '{"cmd":"refresh","wait":true}'
cli '{"cmd":"feeds"}'
ok "JSON whole again: no error, three items" check \
    'feed("/json")["error"] is None and feed("/json")["items"] == 3'
ok "RSS and Atom unchanged (a 304 now)" check \
    'feed("/rss")["items"] == 2 and feed("/atom")["items"] == 2'
cli '{"cmd":"new"}'
ok "new: only the new JSON item" check \
    '[i["guid"] for i in r["items"]] == ["j-2"]'

feedd_stop 5
is "$FEEDD_RC" 0 "feedd exits 0"
done_testing
