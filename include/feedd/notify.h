/* systemd notifications (sd_notify): READY, STATUS, RELOADING, STOPPING
 * and the watchdog.  Without libsystemd, or outside systemd, they do
 * nothing. */
#ifndef FEEDD_NOTIFY_H
#define FEEDD_NOTIFY_H

struct daemon;

void	 notify_init(struct daemon *);
void	 notify_ready(struct daemon *);
/* The STATUS= line changed (feeds, due, in flight): sent at most once a
 * second, from a one-shot timer, so an idle daemon never wakes for it. */
void	 notify_status(struct daemon *);
void	 notify_reloading(void);
void	 notify_stopping(void);
void	 notify_free(void);

#endif
