/*
 * The item's JSON goes into a memfd that becomes the child's stdin, so
 * the loop never blocks writing to a pipe.  Each hook leads a process
 * group of its own, so that what it starts is signalled with it.
 * Children are reaped by ev_child watchers; a timer sends SIGTERM to one
 * that overstays, then SIGKILL.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <ev.h>
#include <jansson.h>

#include "feedd/daemon.h"
#include "feedd/hook.h"
#include "feedd/itemjson.h"
#include "feedd/log.h"

#define QUEUE_MAX	1024	/* feedd.conf(5) and feedd(8) say so */
#define KILL_GRACE	2	/* seconds from SIGTERM to SIGKILL */

struct child {
	struct child	*next;
	struct daemon	*d;
	ev_child	 cw;
	ev_timer	 tw;
	pid_t		 pid;		/* and its process group */
	int64_t		 item;		/* the story it was given */
	int64_t		 timeout;	/* as configured when it started */
	int		 errfd;		/* exec's errno, if it failed */
	int		 termed;	/* SIGTERM sent: SIGKILL next */
	char		 prog[];	/* a reload may change the config's */
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
forget(struct child *c)
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
	close(c->errfd);
	free(c);
}

static void
child_done(struct child *c)
{
	struct daemon *d = c->d;

	forget(c);
	start_next(d);
}

/* The errno of a failed exec, or 0.  The child has exited: the pipe
 * holds it or is at its end. */
static int
exec_errno(struct child *c)
{
	int e;

	if (read(c->errfd, &e, sizeof(e)) != (ssize_t)sizeof(e))
		return 0;
	return e;
}

static void
on_exit_cb(struct ev_loop *loop, ev_child *w, int revents)
{
	struct child *c = w->data;
	int st = w->rstatus, e;

	(void)loop;
	(void)revents;
	/* Its grace began with SIGTERM; what it leaves goes now. */
	if (c->termed)
		kill(-c->pid, SIGKILL);
	if ((e = exec_errno(c)) != 0)
		log_warn("hook %s: cannot execute: %s (item #%lld)", c->prog,
		    strerror(e), (long long)c->item);
	else if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
		log_warn("hook %s exited with status %d (item #%lld)", c->prog,
		    WEXITSTATUS(st), (long long)c->item);
	else if (WIFSIGNALED(st))
		log_warn("hook %s killed by signal %d (item #%lld)", c->prog,
		    WTERMSIG(st), (long long)c->item);
	child_done(c);
}

static void
send_kill(struct child *c)
{
	log_warn("hook %s still running %ds after SIGTERM: sent SIGKILL "
	    "(item #%lld)", c->prog, KILL_GRACE, (long long)c->item);
	kill(-c->pid, SIGKILL);
}

/* SIGTERM first, so that a hook can clean up; SIGKILL if it does not
 * end within the grace. */
static void
on_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct child *c = w->data;

	(void)revents;
	if (c->termed) {
		send_kill(c);
		return;
	}
	log_warn("hook %s still running after %llds: sent SIGTERM "
	    "(item #%lld)", c->prog, (long long)c->timeout, (long long)c->item);
	kill(-c->pid, SIGTERM);
	c->termed = 1;
	ev_timer_set(w, KILL_GRACE, 0.);
	ev_timer_start(loop, w);
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

/* Closes every descriptor from lo up, below max when counting. */
static void
close_from(int lo, long max)
{
#ifdef HAVE_CLOSE_RANGE
	if (close_range(lo, ~0U, 0) == 0)
		return;
#endif
	for (; lo < max; lo++)
		close(lo);
}

/* After fork(), only async-signal-safe calls: curl's resolver may have
 * threads.  errfd takes exec's errno; max: sysconf(_SC_OPEN_MAX). */
_Noreturn static void
run_child(char *const argv[], int in, int errfd, long max)
{
	static const int sigs[] = { SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD };
	struct sigaction dfl;
	sigset_t none;
	size_t i;
	int null, e;

	setpgid(0, 0);
	/* The daemon ignores SIGPIPE, which exec would pass on: a pipeline
	 * in the hook must end as usual.  libev's handlers for the others
	 * would write to the daemon's pipe: a SIGTERM before exec must end
	 * the child.  Then no signal may stay blocked. */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* dup2() onto itself would keep close-on-exec. */
	if (in == 0)
		fcntl(0, F_SETFD, 0);
	else
		dup2(in, 0);
	if ((null = open("/dev/null", O_WRONLY)) != -1)
		dup2(null, 1);
	if (errfd != 3)
		dup3(errfd, 3, O_CLOEXEC);
	/* Nothing of the daemon's beyond stderr: not its sockets, pipes
	 * or database, which not all are close-on-exec. */
	close_from(4, max);
	execv(argv[0], argv);
	e = errno;
	(void)!write(3, &e, sizeof(e));
	_exit(127);
}

static struct child *
child_new(struct daemon *d, int64_t item)
{
	size_t n = strlen(d->cfg.hook_argv[0]) + 1;
	struct child *c;

	if ((c = calloc(1, sizeof(*c) + n)) == NULL)
		return NULL;
	c->d = d;
	c->errfd = -1;
	c->item = item;
	c->timeout = d->cfg.hook_timeout;
	memcpy(c->prog, d->cfg.hook_argv[0], n);
	return c;
}

/* Forks the hook with fd as its stdin; a failed exec reports its errno
 * on a close-on-exec pipe.  Returns the pid, or -1 with errno set. */
static pid_t
fork_hook(struct child *c, int fd)
{
	long max = sysconf(_SC_OPEN_MAX);
	int ep[2], e;
	pid_t pid;

	if (pipe2(ep, O_CLOEXEC | O_NONBLOCK) == -1)
		return -1;
	if ((pid = fork()) == 0)
		run_child(c->d->cfg.hook_argv, fd, ep[1], max);
	e = errno;
	close(ep[1]);
	if (pid == -1) {
		close(ep[0]);
		errno = e;
		return -1;
	}
	c->errfd = ep[0];
	/* As the child does: whichever runs first, the group exists before
	 * it can be signalled. */
	setpgid(pid, pid);
	return pid;
}

static void
spawn(struct daemon *d, int64_t item)
{
	struct child *c;
	json_t *j;
	int fd;

	/* A reload may have removed the hook since the item was queued. */
	if (d->cfg.hook_argv[0] == NULL ||
	    (j = itemjson_by_id(d->store, item)) == NULL)
		return;
	fd = json_fd(j);
	json_decref(j);
	if (fd == -1 || (c = child_new(d, item)) == NULL) {
		log_err("hook: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return;
	}
	c->pid = fork_hook(c, fd);
	if (c->pid == -1) {
		log_err("hook %s: cannot start: %s (item #%lld)", c->prog,
		    strerror(errno), (long long)item);
		close(fd);
		free(c);
		return;
	}
	close(fd);
	ev_child_init(&c->cw, on_exit_cb, c->pid, 0);
	c->cw.data = c;
	ev_child_start(d->loop, &c->cw);
	ev_timer_init(&c->tw, on_timeout, (double)c->timeout, 0.);
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

/* A reload may allow more hooks at once: the waiting ones need not wait
 * for a running one to end. */
void
hook_configured(struct daemon *d)
{
	start_next(d);
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

/* Whether the hook has exited (or was reaped already).  Not reaped
 * here: a zombie leader keeps its group's id from being reused. */
static int
has_exited(pid_t pid)
{
	siginfo_t si;

	si.si_pid = 0;
	if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) == -1)
		return errno == ECHILD;
	return si.si_pid != 0;
}

/* Kills what the hooks that have exited left, and reaps them. */
static void
reap_exited(void)
{
	struct child *c, *next;

	for (c = children; c != NULL; c = next) {
		next = c->next;
		if (!has_exited(c->pid))
			continue;
		kill(-c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		forget(c);
	}
}

/* The loop has stopped: a bounded wait keeps shutdown prompt. */
void
hook_stop_all(struct daemon *d)
{
	static const struct timespec tick = { 0, 20 * 1000 * 1000 };
	struct child *c;
	int i;

	(void)d;
	q_len = 0;
	for (c = children; c != NULL; c = c->next)
		kill(-c->pid, SIGTERM);
	for (i = 0; children != NULL && i < KILL_GRACE * 50; i++) {
		nanosleep(&tick, NULL);
		reap_exited();
	}
	while ((c = children) != NULL) {
		send_kill(c);
		while (waitpid(c->pid, NULL, 0) == -1 && errno == EINTR)
			;
		forget(c);
	}
}
