#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <ev.h>

#include "config.h"
#include "feedd/daemon.h"
#include "feedd/log.h"
#include "feedd/notify.h"
#include "feedd/store.h"

#ifdef HAVE_SYSTEMD
#include <systemd/sd-daemon.h>

static ev_timer status_timer;
static ev_timer watchdog_timer;
static struct ev_loop *loop;
static int active;

static void
send_status(struct daemon *d)
{
	struct store_counts n = { 0 };

	if (d->store == NULL)
		return;
	store_counts(d->store, time(NULL), d->cfg.failing_after, &n);
	sd_notifyf(0, "STATUS=%lld feeds, %lld due, %zu in flight, %lld failing%s",
	    (long long)n.feeds, (long long)n.due, daemon_in_flight(d),
	    (long long)n.failing, store_readonly(d->store) ?
	    "; database read-only" : "");
}

static void
on_status(struct ev_loop *l, ev_timer *w, int revents)
{
	(void)l;
	(void)revents;
	send_status(w->data);
}

static void
on_watchdog(struct ev_loop *l, ev_timer *w, int revents)
{
	(void)l;
	(void)w;
	(void)revents;
	sd_notify(0, "WATCHDOG=1");
}

void
notify_init(struct daemon *d)
{
	uint64_t usec = 0;

	loop = d->loop;
	active = getenv("NOTIFY_SOCKET") != NULL;
	ev_timer_init(&status_timer, on_status, 1., 0.);
	status_timer.data = d;
	/* Ping at half the watchdog interval, from the loop itself: a
	 * stuck loop stops the pings and systemd restarts us. */
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
		ev_timer_init(&watchdog_timer, on_watchdog, 0.,
		    usec / 2e6);
		ev_timer_again(loop, &watchdog_timer);
		log_debug("watchdog every %.1fs", usec / 2e6);
	}
}

void
notify_ready(struct daemon *d)
{
	if (!active)
		return;
	sd_notify(0, "READY=1");
	send_status(d);
}

void
notify_status(struct daemon *d)
{
	if (!active || ev_is_active(&status_timer))
		return;
	status_timer.data = d;
	ev_timer_set(&status_timer, 1., 0.);
	ev_timer_start(loop, &status_timer);
}

/* MONOTONIC_USEC= lets systemd 253 and later (Type=notify-reload) tell
 * this reload from an earlier one; older versions ignore it. */
void
notify_reloading(void)
{
	struct timespec ts;

	if (!active)
		return;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
		sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu",
		    (unsigned long long)ts.tv_sec * 1000000ULL +
		    (unsigned long long)ts.tv_nsec / 1000ULL);
	else
		sd_notify(0, "RELOADING=1");
}

void
notify_stopping(void)
{
	if (active)
		sd_notify(0, "STOPPING=1");
}

void
notify_free(void)
{
	if (loop == NULL)
		return;
	ev_timer_stop(loop, &status_timer);
	ev_timer_stop(loop, &watchdog_timer);
}

#else	/* !HAVE_SYSTEMD */

void notify_init(struct daemon *d) { (void)d; }
void notify_ready(struct daemon *d) { (void)d; }
void notify_status(struct daemon *d) { (void)d; }
void notify_reloading(void) { }
void notify_stopping(void) { }
void notify_free(void) { }

#endif
