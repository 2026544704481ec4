/* The socket server: clients of the protocol in protocol.h, in the
 * daemon's loop. */
#ifndef FEEDD_SERVER_H
#define FEEDD_SERVER_H

#include <stddef.h>
#include <stdint.h>

struct daemon;
struct server;

/* Listens on the configured socket, or on the one systemd passed. */
struct server *server_new(struct daemon *, char *err, size_t errlen);
/* A story was committed (or an item updated): tell the followers. */
void	 server_notify(struct server *, int64_t item, int is_update);
size_t	 server_clients(const struct server *);
void	 server_free(struct server *);

#endif
