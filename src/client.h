/* feedctl's side of the socket protocol (include/feedd/protocol.h). */
#ifndef FEEDCTL_CLIENT_H
#define FEEDCTL_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define CLIENT_TIMEOUT_MS	30000	/* for a request that does not stream */
#define CLIENT_INTERRUPTED	130	/* exit status after SIGINT */

struct client;

/* Where the daemon listens: --socket, else $FEEDD_SOCKET, else [paths]
 * socket in the configuration file (-c FILE, else the default one), else
 * the built-in default.  malloc'd; NULL after an error was printed. */
char	*client_socket_path(void);

/* Connects.  NULL after the reason was printed, with *rc set:
 * EXIT_NODAEMON when nothing listens there, EXIT_ERROR otherwise. */
struct client *client_connect(int *rc);
/* The same, but nothing is said when nothing listens (*rc EXIT_NODAEMON):
 * for a caller that tries again. */
struct client *client_try_connect(int *rc);
/* From now on, when the daemon closes the connection the caller says so,
 * not the client; client_lost() tells that case from other failures. */
void	 client_quiet_lost(struct client *);
int	 client_lost(const struct client *);
/* Whether the daemon dropped c with a too_slow error (not printed when
 * client_quiet_lost() was called: the caller says what it does). */
int	 client_too_slow(const struct client *);
void	 client_close(struct client *);

/* Sends {"id":N,"cmd":cmd,...fields}; fields is stolen and may be NULL.
 * Returns the id (> 0), or -1 after the reason was printed. */
int64_t	 client_send(struct client *, const char *cmd, json_t *fields);

/* Gets each event of a request; returns 0 to go on, or an exit status to
 * stop waiting with. */
typedef int (*client_event_fn)(void *arg, json_t *event);

/* Reads until the response to id.  Returns it when ok (the caller
 * decrefs); else NULL with *rc set and the reason printed ("feedctl:
 * MESSAGE" for {"ok":false}).  timeout_ms 0 waits as long as it takes. */
json_t	*client_wait(struct client *, int64_t id, client_event_fn fn,
	    void *arg, int timeout_ms, int *rc);
/* Sees a whole line before it is parsed, and may change its bytes.
 * Returns 1 when it took the line as the answer it waits for, 0 to leave
 * it to the parser. */
typedef int (*client_line_fn)(void *arg, char *line, size_t len);
/* client_wait without events, offering raw each line first (a caller
 * that can use the bytes as they are need not parse a long answer).
 * When raw takes one, returns NULL with *rc EXIT_OK. */
json_t	*client_wait_raw(struct client *, int64_t id, client_line_fn raw,
	    void *arg, int timeout_ms, int *rc);
/* client_send, then client_wait with the default timeout, no events. */
json_t	*client_call(struct client *, const char *cmd, json_t *fields,
	    int *rc);
/* Connects, calls, closes: for the commands that send one request. */
json_t	*client_once(const char *cmd, json_t *fields, int *rc);

/* After the response (follow): events of id until the daemon closes the
 * connection, fn stops, or SIGINT (then EXIT_OK).  Returns an exit
 * status. */
int	 client_stream(struct client *, int64_t id, client_event_fn fn,
	    void *arg);

/* From now on SIGINT ends a wait (CLIENT_INTERRUPTED) instead of the
 * process, so that a command can tidy the terminal. */
void	 client_catch_interrupt(void);
int	 client_interrupted(void);

#endif
