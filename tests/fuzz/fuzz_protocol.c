/*
 * libFuzzer harness: proto_decode(), proto_ok(), proto_error() and
 * proto_encode() (include/feedd/protocol.h).
 *
 * The input is one request line.  A decoded request is answered both ways
 * (an "ok" response carrying the request's own fields, and an error); a
 * refused one gets the error response the server would send.  Each
 * response must encode to one '\n'-terminated line of ASCII holding no
 * other newline, and an "ok" response must decode again as a request (it
 * is a JSON object and still carries the "cmd" string).
 */
#include "fuzz.h"

#include "feedd/protocol.h"

static void
proto_check_line(json_t *msg, int redecode)
{
	const char *cmd, *code;
	char msgbuf[256], *line;
	size_t len = 0, i;
	json_t *again;

	FUZZ_CHECK(msg != NULL, "no message built");
	if ((line = proto_encode(msg, &len)) == NULL)
		return;		/* out of memory, or jansson refused */
	FUZZ_CHECK(len > 0 && len == strlen(line) && line[len - 1] == '\n' &&
	    memchr(line, '\n', len - 1) == NULL, "bad line \"%s\"", line);
	for (i = 0; i < len; i++)
		FUZZ_CHECK((unsigned char)line[i] < 0x80, "not ASCII: %s", line);
	if (redecode) {
		again = proto_decode(line, len - 1, &cmd, &code, msgbuf,
		    sizeof(msgbuf));
		FUZZ_CHECK(again != NULL, "own response %s does not decode: %s",
		    line, msgbuf);
		fuzz_touch(cmd);
		json_decref(again);
	}
	free(line);
}

int
FUZZ_ENTRY(protocol)(const uint8_t *data, size_t size)
{
	const char *cmd = NULL, *code = NULL;
	char msg[512];
	json_t *req, *id, *resp;

	msg[0] = '\0';
	req = proto_decode((const char *)data, size, &cmd, &code, msg,
	    sizeof(msg));
	if (req == NULL) {
		FUZZ_CHECK(code != NULL && msg[0] != '\0' && cmd == NULL,
		    "refused without a code or message");
		resp = proto_error(json_null(), code, "%s", msg);
		proto_check_line(resp, 0);
		json_decref(resp);
		return 0;
	}
	FUZZ_CHECK(cmd != NULL, "decoded without a command");
	fuzz_touch(cmd);
	id = proto_id(req);
	resp = proto_ok(id, json_deep_copy(req));
	proto_check_line(resp, 1);
	json_decref(resp);
	/* As the server words it: "%.64s" may cut a character in two. */
	resp = proto_error(id, PROTO_E_UNKNOWN, "unknown command \"%.64s\"",
	    cmd);
	proto_check_line(resp, 0);
	json_decref(resp);
	resp = proto_error(id, PROTO_E_INVALID, "%s", cmd);
	proto_check_line(resp, 0);
	json_decref(resp);
	resp = proto_event(id, "progress", json_incref(req));
	proto_check_line(resp, 0);
	json_decref(resp);
	json_decref(id);
	json_decref(req);
	return 0;
}
