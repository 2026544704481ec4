/*
 * Unit tests for the feed date parser (src/date.c).  date_parse() copies
 * Python feedparser 6.0.10, against which feedd is judged, so every
 * expected value below is feedparser's own answer for that string: the
 * corpus vectors come from shared/corpus/reference.jsonl, the odd ones
 * were run through feedparser 6.0.10 (TZ=UTC).  NULL: feedparser finds no
 * date there (or, for month 13 in a Perforce date, raises).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedd/date.h"
#include "tap.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

struct vec {
	const char	*in;
	const char	*want;		/* date_format() of the result, or NULL */
};

/* From the project corpus: feedparser 6.0.10 results (reference.jsonl). */
static const struct vec corpus_vecs[] = {
	{ "Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Wed, 29 May 2019 10:16:00 GMT", "2019-05-29T10:16:00Z" },
	{ "Tue, 28 May 2019 12:29:30 GMT", "2019-05-28T12:29:30Z" },
	{ "Sat, 24 Jun 2017 05:50:50 GMT", "2017-06-24T05:50:50Z" },
	{ "Wed, 21 Jun 2017 11:01:33 GMT", "2017-06-21T11:01:33Z" },
	{ "Mon, 24 Apr 2006 22:04:33 GMT", "2006-04-24T22:04:33Z" },
	{ "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
	{ "2017-06-26T22:18:03Z", "2017-06-26T22:18:03Z" },
	{ "2017-06-20T20:08:46Z", "2017-06-20T20:08:46Z" },
	{ "2016-02-25T20:25:28Z", "2016-02-25T20:25:28Z" },
	{ "2016-02-22T21:52:49Z", "2016-02-22T21:52:49Z" },
	{ "2015-08-26T15:43:55Z", "2015-08-26T15:43:55Z" },
	{ "2004-04-06T23:05:43-05:00", "2004-04-07T04:05:43Z" },
	{ "2019-03-01T11:00:00-05:00", "2019-03-01T16:00:00Z" },
	{ "2018-06-07T10:22:00-04:00", "2018-06-07T14:22:00Z" },
	{ "2018-02-22T17:00:00-05:00", "2018-02-22T22:00:00Z" },
	{ "2017-01-09T09:02:00-05:00", "2017-01-09T14:02:00Z" },
	{ "2008-01-25T00:00:00-05:00", "2008-01-25T05:00:00Z" },
	{ "2009-12-08T16:59:02.544-08:00", "2009-12-09T00:59:02Z" },
	{ "2007-12-05T20:58:51.202-08:00", "2007-12-06T04:58:51Z" },
	{ "2007-11-27T23:29:14.452-08:00", "2007-11-28T07:29:14Z" },
	{ "2007-11-15T07:37:10.404-08:00", "2007-11-15T15:37:10Z" },
	{ "2007-10-26T12:35:32.562-07:00", "2007-10-26T19:35:32Z" },
	{ "2007-10-03T09:22:49.587-07:00", "2007-10-03T16:22:49Z" },
	{ "Fri, 25 Dec 2009 03:30:22 +0000", "2009-12-25T03:30:22Z" },
	{ "Sun, 17 Jan 2021 12:18:00 +0100", "2021-01-17T11:18:00Z" },
	{ "Thu, 23 Aug 2018 17:47:26 +0000", "2018-08-23T17:47:26Z" },
	{ "Thu, 26 Oct 2017 21:16:09 +0000", "2017-10-26T21:16:09Z" },
	{ "Fri, 25 Sep 2015 00:38:25 +0000", "2015-09-25T00:38:25Z" },
	{ "Fri, 27 Aug 2021 21:01:00 +0200", "2021-08-27T19:01:00Z" },
	{ "2018-11-19T08:42:59.267Z", "2018-11-19T08:42:59Z" },
	{ "2018-09-28T13:59:06.252Z", "2018-09-28T13:59:06Z" },
	{ "2007-05-22T20:29:24.000Z", "2007-05-22T20:29:24Z" },
	{ "2006-10-11T22:20:59.000Z", "2006-10-11T22:20:59Z" },
	{ "2006-11-06T15:51:58.000Z", "2006-11-06T15:51:58Z" },
	{ "2018-11-19T21:45:04.398Z", "2018-11-19T21:45:04Z" },
	{ "2019-08-27", "2019-08-27T00:00:00Z" },
	{ "2019-08-22", "2019-08-22T00:00:00Z" },
	{ "2019-08-20", "2019-08-20T00:00:00Z" },
	{ "2019-08-18", "2019-08-18T00:00:00Z" },
	{ "2019-08-15", "2019-08-15T00:00:00Z" },
	{ "2023-12-16", "2023-12-16T00:00:00Z" },
	{ "Tue, 03 Sep 2019 18:00:00 -0000", "2019-09-03T18:00:00Z" },
	{ "Tue, 27 Aug 2019 13:00:00 -0000", "2019-08-27T13:00:00Z" },
	{ "Tue, 28 Nov 2017 15:40:00 -0800", "2017-11-28T23:40:00Z" },
	{ "Mon, 27 Nov 2017 13:55:00 -0800", "2017-11-27T21:55:00Z" },
	{ "Mon, 27 Nov 2017 00:25:00 -0800", "2017-11-27T08:25:00Z" },
	{ "Fri, 27 Sep 2024 12:29:11 -0400", "2024-09-27T16:29:11Z" },
	{ "2017-04-07T12:20:50+10:30", "2017-04-07T01:50:50Z" },
	{ "2014-07-16T21:12:18+10:30", "2014-07-16T10:42:18Z" },
	{ "2013-08-01T15:17:02+10:30", "2013-08-01T04:47:02Z" },
	{ "2013-03-15T11:25:45+11:00", "2013-03-15T00:25:45Z" },
	{ "2023-07-23T15:43:50+00:00", "2023-07-23T15:43:50Z" },
	{ "2020-05-20T00:01:59+00:00", "2020-05-20T00:01:59Z" },
	{ "Thu, 6 Sep 2018 13:27:00 +0000", "2018-09-06T13:27:00Z" },
	{ "Thu, 5 Jul 2018 12:30:39 +0000", "2018-07-05T12:30:39Z" },
	{ "Sat, 5 Jul 2014 08:30:39 +0000", "2014-07-05T08:30:39Z" },
	{ "Wed, 5 Feb 2014 04:31:39 +0000", "2014-02-05T04:31:39Z" },
	{ "Tue, 4 Sep 2012 16:00:20 +0000", "2012-09-04T16:00:20Z" },
	{ "Wed, 1 Aug 2012 21:16:00 +0000", "2012-08-01T21:16:00Z" },
	{ "2017-06-13T03:18:00+00:0", "2017-06-13T03:18:00Z" },
	{ "Thu, 01 Aug 2019 16:15 EDT", "2019-08-01T20:15:00Z" },
	{ "Sat, Dec 16 2023 02:02:33 PM", "2023-12-16T02:02:33Z" },
	{ "2001-01-04T00:00+00:00", "2001-01-04T00:00:00Z" },
	{ "2001-02-04T00:00+00:00", "2001-02-04T00:00:00Z" },
	{ "2001-01-01T00:00+00:00", "2001-01-01T00:00:00Z" },
	{ "2006-01-17T12:35:9+01:00", "2006-01-17T11:35:09Z" },
	{ "2006-01-17T12:35:8+01:00", "2006-01-17T11:35:08Z" },
	{ "2006-01-17T12:35:7+01:00", "2006-01-17T11:35:07Z" },
	{ "2006-01-17T12:35:6+01:00", "2006-01-17T11:35:06Z" },
	{ "2006-01-17T12:35:5+01:00", "2006-01-17T11:35:05Z" },
	{ "2006-01-17T12:35:4+01:00", "2006-01-17T11:35:04Z" },
	{ "2013-09-16T06:57:33.39885-05:00", "2013-09-16T11:57:33Z" },
	{ "2013-09-13T02:23:56.26306-05:00", "2013-09-13T07:23:56Z" },
	{ "2013-09-05T01:17:07.08938-05:00", "2013-09-05T06:17:07Z" },
	{ "2013-08-26T23:47:23.56713-05:00", "2013-08-27T04:47:23Z" },
	{ "2013-08-01T07:57:26.79478-05:00", "2013-08-01T12:57:26Z" },
	{ "2013-05-08T04:12:35.37883-05:00", "2013-05-08T09:12:35Z" },
	{ "2013-09-13T23:45:36.972031-05:00", "2013-09-14T04:45:36Z" },
	{ "2013-08-01T07:57:17.416699-05:00", "2013-08-01T12:57:17Z" },
	{ "2013-06-22T01:43:34.916182-05:00", "2013-06-22T06:43:34Z" },
	{ "2012-11-24T01:17:35.991563-05:00", "2012-11-24T06:17:35Z" },
	{ "2012-11-21T12:55:40.686784-05:00", "2012-11-21T17:55:40Z" },
	{ "2012-12-01T04:18:25.121883-05:00", "2012-12-01T09:18:25Z" },
	{ "2006-01-11 16:42:55 -0800", "2006-01-12T00:42:55Z" },
	{ "2006-01-11 16:43:05 -0800", "2006-01-12T00:43:05Z" },
	{ "2006-01-11 16:42:47 -0800", "2006-01-12T00:42:47Z" },
	{ "2006-01-11 16:43:21 -0800", "2006-01-12T00:43:21Z" },
	{ "Tue,  5 Jul 2005 09:00:00 -0700", "2005-07-05T16:00:00Z" },
	{ "Tue,  7 Jun 2005 09:00:00 -0700", "2005-06-07T16:00:00Z" },
	{ "Fri,  7 Apr 2006 09:00:00 -0700", "2006-04-07T16:00:00Z" },
	{ "Fri,  3 Mar 2006 08:00:00 -0800", "2006-03-03T16:00:00Z" },
	{ "Mon, 21 Jan 2008 8:56 am PST", "2008-01-21T08:56:00Z" },
	{ "Sun, 20 Apr 2014 8:19 pm CEST", "2014-04-20T08:19:00Z" },
};

/* Odd variants; expectations are feedparser 6.0.10's answers. */
static const struct vec odd_vecs[] = {
	{ "Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 99 19:48:21 GMT", "1999-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 89 19:48:21 GMT", "2089-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 90 19:48:21 GMT", "1990-01-01T19:48:21Z" },
	{ "01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
	{ "01 Jan 2004 19:48 +0100", "2004-01-01T18:48:00Z" },
	{ "01 Jan 2004 19 +0100", "2004-01-01T18:00:00Z" },
	{ "01 Jan 2004", "2004-01-01T00:00:00Z" },
	{ "Thu, 01 Jan 2004", "2004-01-01T00:00:00Z" },
	{ "Thursday, 01 January 2004 19:48:21 EST", "2004-01-02T00:48:21Z" },
	{ "THU, 01 JAN 2004 19:48:21 EDT", "2004-01-01T23:48:21Z" },
	{ "thu, 01 jan 2004 19:48:21 cst", "2004-01-02T01:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 CDT", "2004-01-02T00:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 MST", "2004-01-02T02:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 MDT", "2004-01-02T01:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 PST", "2004-01-02T03:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 PDT", "2004-01-02T02:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 UT", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 Z", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 A", "2004-01-01T20:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 N", "2004-01-01T18:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 M", "2004-01-02T07:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 Y", "2004-01-01T07:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 B", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 MET", "2004-01-01T18:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 MEST", "2004-01-01T17:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 XYZ", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 +05:30", "2004-01-01T14:18:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 -0530", "2004-01-02T01:18:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 GMT+05:30", "2004-01-01T14:18:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 GMT-0800", "2004-01-02T03:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 GMT+5", NULL },
	{ "Thu, 01 Jan 2004 19:48:21 Etc/GMT", "2004-01-01T19:48:21Z" },
	{ "Thu, 01 Jan 2004 19:48:21 +05", NULL },
	{ "Sun, 5 Sept 2004 1:2:3 -0000", "2004-09-05T01:02:03Z" },
	{ "Jan 16 2023 02:02:33 GMT", "2023-01-16T02:02:33Z" },
	{ "Sat, Dec 16 2023 02:02:33 PM", "2023-12-16T02:02:33Z" },
	{ "Mon, 21 Jan 2008 8:56 am PST", "2008-01-21T08:56:00Z" },
	{ "Mon, 16 Jan 2004 12:00:00 +0000 (UTC)", "2004-01-16T12:00:00Z" },
	{ "Mon,\302\24016\302\240Jan\302\2402004\302\24012:00:00\302\240"
	    "+0000", "2004-01-16T12:00:00Z" },
	{ "Mon,\01116 Jan 2004  12:00:00\012+0000", "2004-01-16T12:00:00Z" },
	{ "Thu, 01 Jan 2004 19:48:21 GMT trailing garbage", "2004-01-01T19:48:21Z" },
	{ "31 Feb 2004 12:00:00 GMT", NULL },
	{ "29 Feb 2000 12:00:00 GMT", "2000-02-29T12:00:00Z" },
	{ "29 Feb 2001 12:00:00 GMT", NULL },
	{ "16 Jan 2004 24:00:00 GMT", NULL },
	{ "16 Jan 2004 12:60:00 GMT", NULL },
	{ "16 Jan 2004 1:2:3:4 GMT", NULL },
	{ "Mon, 16-Jan-2004 12:00:00 +0000", NULL },
	{ "mer, 16 nov 2022 00:38:15 +0100", NULL },
	{ "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
	{ "2003-12-31t10:14:55z", "2003-12-31T10:14:55Z" },
	{ "2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z" },
	{ "2003-12-31T10:14:55+0530", "2003-12-31T05:14:55Z" },
	{ "2003-12-31T10:14:55+05", "2003-12-31T05:14:55Z" },
	{ "2003-12-31T10:14:55.544-08:00", "2003-12-31T18:14:55Z" },
	{ "2003-12-31T10:14:55.9999999Z", "2003-12-31T10:14:55Z" },
	{ "2003-12-31T10:14Z", "2003-12-31T10:14:00Z" },
	{ "2003-12-31T10Z", "2003-12-31T10:00:00Z" },
	{ "2003-12-31T10:14:55 EST", "2003-12-31T10:14:55Z" },
	{ "2003-12-31", "2003-12-31T00:00:00Z" },
	{ "2003-12", "2003-12-01T00:00:00Z" },
	{ "2003", "2003-01-01T00:00:00Z" },
	{ "20031231", "2003-12-31T00:00:00Z" },
	{ "20031231T101455Z", "2003-12-31T00:00:00Z" },
	{ "2003-365", "2003-12-31T00:00:00Z" },
	{ "2004-366", "2004-12-31T00:00:00Z" },
	{ "2003365", "2003-12-31T00:00:00Z" },
	{ "03-12-31", "2003-12-31T00:00:00Z" },
	{ "031231", "2003-12-31T00:00:00Z" },
	{ "2003-12-31 10:14:55", "2003-12-31T10:14:55Z" },
	{ "2003-12-31 10:14:55 -0800", "2003-12-31T18:14:55Z" },
	{ "2003-12-31 10:14:55Z", "2003-12-31T10:14:55Z" },
	{ "2004-07-08 23:56:58.0", "2004-07-08T23:56:58Z" },
	{ "2004-07-08 23:56:58.7", "2004-07-08T23:56:58Z" },
	{ " 2004-07-08 23:56:58 ", "2004-07-08T23:56:58Z" },
	{ "2004-02-30", "2004-03-01T00:00:00Z" },
	{ "2004-02-30T12:00:00Z", "2004-03-01T12:00:00Z" },
	{ "2003-02-29", "2003-03-01T00:00:00Z" },
	{ "2000-02-29", "2000-02-29T00:00:00Z" },
	{ "1900-02-29", "1900-03-01T00:00:00Z" },
	{ "2004-00-10", "2003-12-10T00:00:00Z" },
	{ "2004-13-01", "2005-01-01T00:00:00Z" },
	{ "2004-12-31T23:00:00-02:00", "2005-01-01T01:00:00Z" },
	{ "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z" },
	{ "0001-01-01T00:00:00+01:00", "0000-12-31T23:00:00Z" },
	{ "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z" },
	/* feedparser: 10000-01-01T00:59:59Z, which RFC 3339 cannot write. */
	{ "9999-12-31T23:59:59-01:00", NULL },
	{ "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z" },
	{ "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z" },
	{ "2038-01-19T03:14:08Z", "2038-01-19T03:14:08Z" },
	{ "Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z" },
	{ "Sun Jan 04 16:29:06 PST 2004", "2004-01-05T00:29:06Z" },
	{ "Sun Jan  4 16:29:06 +0100 2004", "2004-01-04T15:29:06Z" },
	{ "Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z" },
	{ "Fri, 2006/9/15 8:19:53 PST", "2006-09-15T16:19:53Z" },
	{ "Fri, 06/09/15 08:19:53 GMT", "2006-09-15T08:19:53Z" },
	{ "Fri, 2006/09/15 08:19:53", NULL },
	{ "Fri, 2006/00/15 08:19:53 UTC", "2006-12-15T08:19:53Z" },
	{ "Fri, 2006/13/15 08:19:53 UTC", NULL },
	{ "Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T17:00:00Z" },
	{ "Τρι, 01 Μάι 2004 00:00:00 +0200", "2004-04-30T22:00:00Z" },
	{ "Κυρ, 11 Foo 2004 12:00:00 EST", NULL },
	{ "2004-05-25 오후 11:23:17", "2004-05-25T00:00:00Z" },
	{ "２００４-０１-０５T１２:００:００Z", "2004-01-05T12:00:00Z" },
	{ "٢٠٠٤-٠١-٠٥", "2004-01-05T00:00:00Z" },
	{ "2004-01-05T12:00:0.99999999999999999", "2004-01-05T12:00:01Z" },
	{ "2004-01-05T12:00:59.99999999999999999", "2004-01-05T12:00:59Z" },
	{ "2004-01-05T12:00:1_0", "2004-01-05T12:00:10Z" },
	{ "2004-01-05T12:00:1e1", "2004-01-05T12:00:10Z" },
	{ "2004-01-05T12:00:inf", "2004-01-05T12:00:00Z" },
	{ "not a date", NULL },
	{ "garbage, 12 13 14 15", NULL },
	{ "T", NULL },
	{ "z", NULL },
	{ "-", NULL },
	{ "123", NULL },
	{ "2004-01-05T", "2004-01-05T00:00:00Z" },
	{ "2004-01-05T12:00:00+", "2004-01-05T12:00:00Z" },
	{ "2004-01-05T10:00:00.123456789012345678901234567890Z",
	    "2004-01-05T10:00:00Z" },
	{ "16 Jan 2004 12:00:00 +99999999999999999999", NULL },
	{ "16 Jan 99999999999999999999 12:00:00", NULL },
};



/* date_parse() then date_format(), or NULL when it finds no date. */
static const char *
parsed(const char *s, char *buf, size_t len)
{
	int64_t t;

	if (date_parse(s, &t) < 0)
		return NULL;
	date_format(t, buf, len);
	return buf;
}

/* A test name for s on one TAP line: control characters escaped. */
static const char *
test_name(const char *s, char *buf, size_t len)
{
	size_t o;

	o = (size_t)snprintf(buf, len, "parse \"");
	for (; *s != '\0' && o + 8 < len; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			o += (size_t)snprintf(buf + o, len - o, "\\%03o",
			    (unsigned char)*s);
		else
			buf[o++] = *s;
	}
	snprintf(buf + o, len - o, "\"");
	return buf;
}

static void
test_vecs(const struct vec *v, size_t n)
{
	char buf[64], what[160];
	size_t i;

	for (i = 0; i < n; i++)
		is_str(parsed(v[i].in, buf, sizeof(buf)), v[i].want,
		    test_name(v[i].in, what, sizeof(what)));
}

static void
test_api(void)
{
	int64_t t = 42;

	is_int(date_parse(NULL, &t), -1, "NULL string");
	is_int(date_parse("", &t), -1, "empty string");
	is_int(date_parse(" \t\n", &t), -1, "whitespace only");
	is_int(t, 42, "*out untouched on failure");
	is_int(date_parse("2004-01-05", NULL), 0, "out may be NULL");
	is_int(date_parse("2004-04-20T00:23:47Z", &t), 0, "returns 0");
	is_int(t, 1082420627, "Unix seconds");
	/* MySQL's zero date spills into the year -1, which RFC 3339
	 * output cannot write. */
	is_int(date_parse("0000-00-00 00:00:00", &t), -1,
	    "0000-00-00: no date (it would land before the year 1)");
	is_int(date_parse("9999-12-31T23:59:60+00:00", &t), -1,
	    "past 9999-12-31T23:59:59Z: no date");
}

static void
format_is(int64_t t, const char *want)
{
	char buf[32], what[64];

	snprintf(what, sizeof(what), "format %lld", (long long)t);
	date_format(t, buf, sizeof(buf));
	is_str(buf, want, what);
}

static void
test_format(void)
{
	char buf[32];
	int64_t t, back;
	int bad = 0;

	format_is(0, "1970-01-01T00:00:00Z");
	format_is(1082420627, "2004-04-20T00:23:47Z");
	format_is(-1, "1969-12-31T23:59:59Z");
	format_is(951782400, "2000-02-29T00:00:00Z");
	format_is(4107542400LL, "2100-03-01T00:00:00Z");
	format_is(-62135596800LL, "0001-01-01T00:00:00Z");
	format_is(253402300799LL, "9999-12-31T23:59:59Z");
	format_is(2147483648LL, "2038-01-19T03:14:08Z");

	memset(buf, 'x', sizeof(buf));
	date_format(1082420627, buf, 5);
	is_str(buf, "2004", "truncated to the buffer");
	buf[0] = 'x';
	date_format(0, buf, 0);
	ok(buf[0] == 'x', "len 0 writes nothing");
	date_format(INT64_MIN, buf, sizeof(buf));
	ok(memchr(buf, '\0', sizeof(buf)) != NULL, "INT64_MIN formats");
	date_format(INT64_MAX, buf, sizeof(buf));
	ok(memchr(buf, '\0', sizeof(buf)) != NULL, "INT64_MAX formats");

	/* Every format we write must read back the same. */
	for (t = -62135596800LL; t <= 253402300799LL; t += 7777777 + 13) {
		date_format(t, buf, sizeof(buf));
		if (date_parse(buf, &back) < 0 || back != t)
			bad++;
	}
	is_int(bad, 0, "format and parse round-trip, years 1-9999");
}

/* Some ISO 8601 forms leave out the year or month, and feedparser fills
 * them in from today's date, so the answer changes with the clock.  feedd
 * does not: such strings are no date, and slash dates read as written. */
static void
no_date(const char *in)
{
	char what[96];

	snprintf(what, sizeof(what), "\"%s\" is no date (no clock guesses)",
	    in);
	ok(date_parse(in, NULL) == -1, what);
}

static void
test_clock(void)
{
	char got[32];

	is_str(parsed("2020/1/10 14:33:00", got, sizeof(got)),
	    "2020-01-10T14:33:00Z", "slash date with time, as written");
	is_str(parsed("2020/01/10", got, sizeof(got)),
	    "2020-01-10T00:00:00Z", "slash date alone");
	no_date("2020/13/10");
	no_date("2004-j\303\272lius-13T9:15-05:00");
	no_date("12");
	no_date("--05-12");
	no_date("--05");
	no_date("-032");
	no_date("12:34");
}

static char *
repeat(const char *head, const char *unit, size_t times, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
	char *s = malloc(hl + ul * times + tl + 1), *p = s;

	if (s == NULL) {
		perror("malloc");
		exit(1);
	}
	memcpy(p, head, hl);
	p += hl;
	for (i = 0; i < times; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl + 1);
	return s;
}

static void
long_is(char *in, const char *want, const char *what)
{
	char buf[64];

	is_str(parsed(in, buf, sizeof(buf)), want, what);
	free(in);
}

static void
test_long(void)
{
	long_is(repeat("Thu, 01 Jan 2004 19:48:21 GMT", "x", 100000, ""),
	    "2004-01-01T19:48:21Z", "RFC 822, 100k bytes of garbage after");
	long_is(repeat("", " ", 100000, "2004-01-05"),
	    "2004-01-05T00:00:00Z", "100k spaces before");
	long_is(repeat("", "x", 100000, "Fri, 2006/09/15 08:19:53 EDT"),
	    "2006-09-15T12:19:53Z", "Perforce date after 100k bytes");
	long_is(repeat("16 Jan 2004 12:00:00 gmt+0500", ":", 1000, ""),
	    "2004-01-16T07:00:00Z", "GMT zone, 1000 colons");
	long_is(repeat("16 Jan 2004 12:00:00 gmt", ":", 1000, ""),
	    "2004-01-16T12:00:00Z", "GMT and colons only");
	long_is(repeat("2004-01-05T12:00:00Z", "\302\240", 500, ""),
	    "2004-01-05T12:00:00Z", "500 no-break spaces after");
	long_is(repeat("", ", ", 50000, ""), NULL, "100k bytes of \", \"");
	long_is(repeat("2004-01-05T12:00:0.", "9", 10000, ""),
	    "2004-01-05T12:00:01Z", "10k nines of fraction");
	long_is(repeat("2004-01-05T12:00:1e", "9", 10000, ""),
	    "2004-01-05T12:00:00Z", "huge exponent");
	long_is(repeat("2004-01-05T12:00:", "0", 10000, "7"),
	    "2004-01-05T12:00:07Z", "10k leading zeros");
	long_is(repeat("16 Jan ", "9", 1000, " 12:00:00"), NULL,
	    "1000-digit year");
}

/* A small LCG, so the run is the same every time. */
static uint32_t
rnd(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 16;
}

static void
test_garbage(void)
{
	static const char alphabet[] = "0123456789-:T Z+.,/ztJanSunGMT"
	    "\302\240\303\251\342\200\257\377\200\t\n_e";
	static const char *const odd[] = {
		"\377\376", "\302", "\342\200", "2004-01-05\302",
		"Thu, 01 Jan 2004 19:48:21 \342", "\357\274", ",", ", ",
		"T", "TT", "--", "---", "+", "Z", "\n", "20\n", "9999-99-99",
	};
	char buf[80], out[32];
	uint32_t state = 12345;
	int64_t t;
	size_t i, j, n;
	int bad = 0, parsed_some = 0;

	for (i = 0; i < nitems(odd); i++) {
		snprintf(buf, sizeof(buf), "no crash on odd input %zu", i);
		ok(date_parse(odd[i], &t) >= -1, buf);
	}
	for (i = 0; i < 50000; i++) {
		n = rnd(&state) % 40;
		for (j = 0; j < n; j++)
			buf[j] = alphabet[rnd(&state) % (sizeof(alphabet) - 1)];
		buf[n] = '\0';
		if (date_parse(buf, &t) == 0) {
			parsed_some++;
			date_format(t, out, sizeof(out));
			bad += strlen(out) < 20;
		}
	}
	ok(parsed_some > 0, "random strings: some parse");
	is_int(bad, 0, "random strings: results format");
}

int
main(void)
{
	test_api();
	test_vecs(corpus_vecs, nitems(corpus_vecs));
	test_vecs(odd_vecs, nitems(odd_vecs));
	test_format();
	test_clock();
	test_long();
	test_garbage();
	return tap_done();
}
