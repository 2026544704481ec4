/*
 * The item's JSON goes into a memfd that becomes the child's stdin, so
 * the loop never blocks writing to a pipe.  Children are reaped by
 * ev_child watchers; a timer kills one that overstays.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ev.h>
#include <jansson.h>

#include "feedd/daemon.h"
#include "feedd/hook.h"
#include "feedd/itemjson.h"
#include "feedd/log.h"

#define QUEUE_MAX	1024

struct child {
	struct child	*next;
	struct daemon	*d;
	ev_child	 cw;
	ev_timer	 tw;
	pid_t		 pid;
};

static struct child *children;
static int n_running;
static int64_t queue[QUEUE_MAX];
static int q_head, q_len;
static int dropped;

int
hook_running(void)
{
	return n_running;
}

static void start_next(struct daemon *);

static void
child_done(struct child *c)
{
	struct child **pc;

	ev_child_stop(c->d->loop, &c->cw);
	ev_timer_stop(c->d->loop, &c->tw);
	for (pc = &children; *pc; pc = &(*pc)->next)
		if (*pc == c) {
			*pc = c->next;
			break;
		}
	n_running--;
	start_next(c->d);
	free(c);
}

static void
on_exit_cb(struct ev_loop *loop, ev_child *w, int revents)
{
	struct child *c = w->data;
	int st = w->rstatus;

	(void)loop;
	(void)revents;
	if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
		log_warn("hook %s exited with status %d", c->d->cfg.hook_argv[0],
		    WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		log_warn("hook %s killed by signal %d", c->d->cfg.hook_argv[0],
		    WTERMSIG(st));
	child_done(c);
}

static void
on_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct child *c = w->data;

	(void)loop;
	(void)revents;
	log_warn("hook %s still running after %llds: killed",
	    c->d->cfg.hook_argv[0], (long long)c->d->cfg.hook_timeout);
	kill(c->pid, SIGKILL);
}

/* The JSON in an anonymous file, positioned at its start. */
static int
json_fd(json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT);
	size_t len, off = 0;
	ssize_t n;
	int fd;

	if (text == NULL)
		return -1;
	len = strlen(text);
	if ((fd = memfd_create("feedd-hook", MFD_CLOEXEC)) == -1) {
		free(text);
		return -1;
	}
	while (off < len && (n = write(fd, text + off, len - off)) > 0)
		off += n;
	free(text);
	if (off < len || write(fd, "\n", 1) != 1 || lseek(fd, 0, SEEK_SET)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
spawn(struct daemon *d, int64_t item)
{
	struct child *c;
	json_t *j = itemjson_by_id(d->store, item);
	int fd;
	pid_t pid;

	if (j == NULL)
		return;
	fd = json_fd(j);
	json_decref(j);
	if (fd == -1 || (c = calloc(1, sizeof(*c))) == NULL) {
		log_err("hook: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return;
	}
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(fd, 0);
		if (null != -1)
			dup2(null, 1);
		execv(d->cfg.hook_argv[0], d->cfg.hook_argv);
		_exit(127);
	}
	close(fd);
	if (pid == -1) {
		log_err("hook: fork: %s", strerror(errno));
		free(c);
		return;
	}
	c->d = d;
	c->pid = pid;
	ev_child_init(&c->cw, on_exit_cb, pid, 0);
	c->cw.data = c;
	ev_child_start(d->loop, &c->cw);
	ev_timer_init(&c->tw, on_timeout, (double)d->cfg.hook_timeout, 0.);
	c->tw.data = c;
	ev_timer_start(d->loop, &c->tw);
	c->next = children;
	children = c;
	n_running++;
}

static void
start_next(struct daemon *d)
{
	while (q_len > 0 && n_running < d->cfg.hook_max && !d->stopping) {
		int64_t item = queue[q_head];
		q_head = (q_head + 1) % QUEUE_MAX;
		q_len--;
		spawn(d, item);
	}
}

void
hook_run_item(struct daemon *d, int64_t item)
{
	if (d->cfg.hook_argv[0] == NULL)
		return;
	if (q_len == QUEUE_MAX) {
		if (dropped++ % 100 == 0)
			log_warn("hook queue full (%d items): new items are not "
			    "passed to the hook", QUEUE_MAX);
		return;
	}
	queue[(q_head + q_len) % QUEUE_MAX] = item;
	q_len++;
	start_next(d);
}

void
hook_stop_all(struct daemon *d)
{
	struct child *c;

	(void)d;
	q_len = 0;
	/* SIGKILL: a hook that ignores SIGTERM must not stall shutdown. */
	while ((c = children) != NULL) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		children = c->next;
		ev_child_stop(c->d->loop, &c->cw);
		ev_timer_stop(c->d->loop, &c->tw);
		free(c);
	}
	n_running = 0;
}
