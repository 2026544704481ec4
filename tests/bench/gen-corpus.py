#!/usr/bin/env python3
"""Generate a synthetic feed corpus for the feedd benchmarks.

    gen-corpus.py OUTDIR [--feeds 1000] [--items 50] [--seed 1] [--version-tag N]

Writes OUTDIR/feed-0000.xml ...: even-numbered feeds are RSS 2.0, odd ones
Atom 1.0, each with --items items of about 1 KB (so ~50 KB a feed).  The
output depends only on the arguments: every feed and every item draws from
its own random stream seeded with a string (Python hashes str seeds with
SHA-512, so this holds across runs and PYTHONHASHSEED values).

--version-tag N (N > 0) rewrites a deterministic ~10 % of the items (title,
description, updated date; guid unchanged), as a feed would when its author
edits old posts.  The choice of items comes from a separate stream, so the
rest of the corpus is byte-identical to the untagged one.

When everything is written, OUTDIR/.complete records the arguments; a
driver can check it before reusing the corpus.
"""

import argparse
import datetime
import os
import random
import sys
from xml.sax.saxutils import escape, quoteattr

WORDS = """
the of and to in is that for it as was with be by on not he this are or his
from at which but have an they you were her she there been one all we their
has would when if so no what up out who them some could more time about other
into than only its new also any these two may first then do such like our
over even most made after well where through back years much before good
people way many must because those very just down year long great little
world still own see men work life should being under never day same another
while last might old make off both since know against right take three house
kernel release server network protocol cache latency throughput storage
feed update reader archive policy budget council election market weather
river garden recipe coffee bicycle library museum concert festival harbour
winter summer autumn spring morning evening review interview report analysis
""".split()

TOPICS = """Linux Rust Python Kubernetes PostgreSQL SQLite Debian Firefox
Climate Housing Transport Football Cycling Cooking Gardening Astronomy
Photography Music Books Film Science Health Economy Travel Security""".split()

AUTHORS = """Alice Martin|Bob Nguyen|Carla Rossi|Dmitri Ivanov|Eve O'Brien|
Farah Khan|Gunnar Larsen|Hana Sato|Ines Duarte|Jamal Wright|Kim Lee|
Lena Novak|Marc Dubois|Nora Schmidt|Omar Haddad|Priya Raman""".replace(
    "\n", "").split("|")

MEDIA = [("audio/mpeg", ".mp3"), ("audio/ogg", ".ogg"), ("video/mp4", ".mp4"),
         ("image/jpeg", ".jpg"), ("application/pdf", ".pdf")]

# Fixed epoch so that dates, like everything else, depend only on the seed.
EPOCH = datetime.datetime(2024, 6, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec"]


def rfc822(t):
    """RSS dates; a fixed English rendering, independent of the locale."""
    return "%s, %02d %s %04d %02d:%02d:%02d +0000" % (
        DAYS[t.weekday()], t.day, MONTHS[t.month - 1], t.year,
        t.hour, t.minute, t.second)


def rfc3339(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def words(rng, n):
    return " ".join(rng.choices(WORDS, k=n))


def sentence(rng):
    s = words(rng, rng.randint(6, 16))
    return s[0].upper() + s[1:] + rng.choice(".....?!")


def title(rng):
    """Titles, sometimes with the entities real feeds are full of."""
    t = words(rng, rng.randint(3, 9)).title()
    r = rng.random()
    if r < 0.15:
        t += " & " + rng.choice(TOPICS)
    elif r < 0.22:
        t = t.replace(" ", "\u2019s ", 1)	# typographic apostrophe
    return t


def html_body(rng, size, site):
    """Unescaped HTML of roughly `size` bytes: paragraphs with inline markup,
    a link now and then, an image sometimes."""
    parts = []
    n = 0
    while n < size:
        s = sentence(rng)
        r = rng.random()
        if r < 0.15:
            w = rng.choice(WORDS)
            s = s.replace(" " + w + " ", ' <a href="%s/%s/%d">%s</a> ' % (
                site, w, rng.randint(1, 9999), w), 1)
        elif r < 0.30:
            w = rng.choice(WORDS)
            s = s.replace(" " + w + " ", " <em>%s</em> " % w, 1)
        elif r < 0.38:
            s = s.replace(" ", " <strong>", 1).replace(".", "</strong>.", 1) \
                if "." in s else s
        elif r < 0.42:
            s = '<img src="%s/img/%d.jpg" alt="%s" width="640"> %s' % (
                site, rng.randint(1, 99999), rng.choice(WORDS), s)
        p = "<p>%s</p>" % s
        parts.append(p)
        n += len(p) + 1
    return "\n".join(parts)


class Item:
    """One item's content, shared by the RSS and Atom writers."""

    def __init__(self, rng, site, f, i, when):
        self.title = title(rng)
        self.slug = "%d/%d" % (when.year, rng.randint(100000, 999999))
        self.link = "%s/posts/%s" % (site, self.slug)
        self.guid = "%s/?p=%d" % (site, f * 100000 + i)
        self.published = when
        self.updated = when
        self.author = rng.choice(AUTHORS)
        # Sized so that the escaped text lands near 600-900 bytes and a
        # feed near 50 KB.
        self.summary = html_body(rng, rng.randint(360, 560), site)
        self.content = None
        if rng.random() < 0.08:
            self.content = html_body(rng, rng.randint(400, 1200), site)
        self.enclosure = None
        if rng.random() < 0.15:
            mime, ext = rng.choice(MEDIA)
            self.enclosure = ("%s/media/%d%s" % (site, rng.randint(1, 99999),
                              ext), mime, rng.randint(10000, 90000000))
        self.categories = rng.sample(TOPICS, rng.randint(0, 3))

    def revise(self, rng, tag):
        """What --version-tag does to a chosen item."""
        self.title += " (updated, rev %d)" % tag
        self.summary = "<p><b>Update %d:</b> %s</p>\n%s" % (
            tag, sentence(rng), self.summary)
        self.updated = self.published + datetime.timedelta(days=tag)


def make_items(args, f, site):
    rng = random.Random("feed-%d-%d" % (args.seed, f))
    vrng = random.Random("version-%d-%d-%d" % (args.seed, f, args.version_tag))
    when = EPOCH - datetime.timedelta(minutes=rng.randint(0, 7 * 24 * 60))
    items = []
    for i in range(args.items):
        items.append(Item(rng, site, f, i, when))
        when -= datetime.timedelta(minutes=rng.randint(20, 3 * 24 * 60))
        # Drawn for every item whatever the tag, so that the choice for one
        # item does not depend on earlier ones.
        hit = vrng.random() < 0.1
        if args.version_tag > 0 and hit:
            items[-1].revise(vrng, args.version_tag)
    return rng, items


def rss_item(it):
    out = ["<item>",
           "<title>%s</title>" % escape(it.title).replace("\u2019", "&#8217;"),
           "<link>%s</link>" % escape(it.link),
           '<guid isPermaLink="false">%s</guid>' % escape(it.guid),
           "<pubDate>%s</pubDate>" % rfc822(it.published),
           "<dc:creator>%s</dc:creator>" % escape(it.author)]
    if it.updated != it.published:
        out.append("<atom:updated>%s</atom:updated>" % rfc3339(it.updated))
    out += ["<category>%s</category>" % c for c in it.categories]
    out.append("<description>%s</description>" % escape(it.summary))
    if it.content is not None:
        # WordPress style: content:encoded in CDATA, not escaped.
        out.append("<content:encoded><![CDATA[%s]]></content:encoded>"
                   % it.content)
    if it.enclosure is not None:
        out.append("<enclosure url=%s length=\"%d\" type=\"%s\"/>" % (
            quoteattr(it.enclosure[0]), it.enclosure[2], it.enclosure[1]))
    out.append("</item>")
    return "\n".join(out)


def rss_feed(rng, f, site, items):
    head = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
<title>%s</title>
<link>%s/</link>
<atom:link href="%s/feed/" rel="self" type="application/rss+xml"/>
<description>%s</description>
<language>en-GB</language>
<lastBuildDate>%s</lastBuildDate>
<ttl>%d</ttl>
<sy:updatePeriod>hourly</sy:updatePeriod>
<sy:updateFrequency>1</sy:updateFrequency>
<generator>gen-corpus.py</generator>
""" % (escape(title(rng)), site, site, escape(sentence(rng)),
       rfc822(items[0].published if items else EPOCH), rng.choice([30, 60, 120]))
    body = "\n".join(rss_item(it) for it in items)
    return head + body + "\n</channel>\n</rss>\n"


def atom_entry(it, site):
    # Some feeds give links relative to xml:base, as real Atom feeds do.
    link = it.link[len(site):] if it.guid.endswith("5") else it.link
    out = ["<entry>",
           "<title type=\"html\">%s</title>" % escape(escape(it.title)),
           "<link rel=\"alternate\" type=\"text/html\" href=%s/>"
           % quoteattr(link),
           "<id>tag:%s,%d:%s</id>" % (site[8:], it.published.year,
                                       it.guid[len(site):]),
           "<published>%s</published>" % rfc3339(it.published),
           "<updated>%s</updated>" % rfc3339(it.updated),
           "<author><name>%s</name></author>" % escape(it.author)]
    out += ['<category term="%s"/>' % c for c in it.categories]
    out.append("<summary type=\"html\">%s</summary>" % escape(it.summary))
    if it.content is not None:
        out.append("<content type=\"html\">%s</content>" % escape(it.content))
    if it.enclosure is not None:
        out.append("<link rel=\"enclosure\" href=%s length=\"%d\" "
                   "type=\"%s\"/>" % (quoteattr(it.enclosure[0]),
                                      it.enclosure[2], it.enclosure[1]))
    out.append("</entry>")
    return "\n".join(out)


def atom_feed(rng, f, site, items):
    updated = max((it.updated for it in items), default=EPOCH)
    head = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="%s/" xml:lang="en">
<title>%s</title>
<subtitle>%s</subtitle>
<link rel="alternate" type="text/html" href="%s/"/>
<link rel="self" type="application/atom+xml" href="%s/feed.atom"/>
<id>%s/</id>
<updated>%s</updated>
<generator uri="https://example.org/gen-corpus">gen-corpus.py</generator>
""" % (site, escape(title(rng)), escape(sentence(rng)), site, site, site,
       rfc3339(updated))
    body = "\n".join(atom_entry(it, site) for it in items)
    return head + body + "\n</feed>\n"


def write_feed(args, outdir, f, width):
    site = "https://site%d.example.org" % f
    rng, items = make_items(args, f, site)
    doc = (rss_feed if f % 2 == 0 else atom_feed)(rng, f, site, items)
    path = os.path.join(outdir, "feed-%0*d.xml" % (width, f))
    with open(path, "w", encoding="utf-8", newline="\n") as fp:
        fp.write(doc)
    return len(doc.encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--version-tag", type=int, default=0, metavar="N")
    args = ap.parse_args()
    if args.feeds < 0 or args.items < 0 or args.version_tag < 0:
        ap.error("counts must not be negative")

    os.makedirs(args.outdir, exist_ok=True)
    stamp = os.path.join(args.outdir, ".complete")
    if os.path.exists(stamp):
        os.unlink(stamp)
    width = max(4, len(str(args.feeds - 1)))
    total = 0
    for f in range(args.feeds):
        total += write_feed(args, args.outdir, f, width)
    # Written last: its presence means every feed above is whole.
    with open(stamp, "w") as fp:
        fp.write("feeds=%d items=%d seed=%d version-tag=%d bytes=%d\n" % (
            args.feeds, args.items, args.seed, args.version_tag, total))
    print("gen-corpus: %d feeds, %d items, %.1f MB in %s" % (
        args.feeds, args.feeds * args.items, total / 1e6, args.outdir),
        file=sys.stderr)


if __name__ == "__main__":
    main()
