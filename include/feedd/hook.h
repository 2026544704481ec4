/* The exec hook: a configured program run for each new story with the
 * item as JSON on its standard input.  No shell; bounded in time (its
 * process group sent SIGTERM past the timeout, SIGKILL 2 s later) and in
 * concurrency (a bounded queue, then dropped with a warning). */
#ifndef FEEDD_HOOK_H
#define FEEDD_HOOK_H

#include <stdint.h>

struct daemon;

void	 hook_run_item(struct daemon *, int64_t item);
/* After a reload: starts what waits, up to the new max_running. */
void	 hook_configured(struct daemon *);
/* At shutdown: SIGTERM to what still runs, SIGKILL to what is left
 * 2 s later. */
void	 hook_stop_all(struct daemon *);
int	 hook_running(void);

#endif
