/* pool.c: worker processes that share some work with their parent, count their progress to it and send it their results through pipes. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/pool.h"
#include "base/sat.h"

/* The record that ends a worker's counts: its result follows. */
#define POOL_END UINT64_MAX

/*
 * Workers 1 .. n - 1 (0 is the parent). A worker's state is 0 while its
 * counts come, 1 once its end mark has come (its result follows), and
 * -1 when it failed, could not start, or its pipe is closed.
 */
struct mesh_i_pool {
	int n;
	pid_t *pid;             /* -1: none, or reaped */
	int *fd;                /* its pipe's end to read, or -1 */
	int *state;
	uint64_t *count;        /* the last count it sent */
	struct pollfd *pfd;     /* room for poll(2) */
	int *which;             /* the worker of each pfd */
};

/* read(2) n bytes into in, or write(2) the n bytes of out (in NULL),
 * again after EINTR. Returns 0, or -1 on an error or an early end. */
static int
move_all(int fd, char *in, const char *out, size_t n)
{
	while (n > 0) {
		ssize_t k = in != NULL ? read(fd, in, n) : write(fd, out, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		if (in != NULL)
			in += k;
		else
			out += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Send count (or POOL_END). Returns 0, or -1 on a write error. */
static int
send_count(int fd, uint64_t count)
{
	return move_all(fd, NULL, (const char *)&count, sizeof(count));
}

/*
 * Read the records on fd: with wait, until POOL_END; without, those that
 * are there now (never blocks). *count becomes the last count read.
 * Returns 1 once POOL_END has been read (the result follows), 0 when it
 * has not yet come, or -1 at an early end of the pipe or an error.
 */
static int
read_counts(int fd, int wait, uint64_t *count)
{
	struct pollfd pfd;
	uint64_t rec;
	int r;

	for (;;) {
		if (!wait) {
			pfd.fd = fd;
			pfd.events = POLLIN;
			pfd.revents = 0;
			while ((r = poll(&pfd, 1, 0)) < 0 && errno == EINTR)
				;
			if (r < 0)
				return -1;
			if (r == 0)
				return 0;
		}
		/* Records are written whole: one that has begun is there. */
		if (move_all(fd, (char *)&rec, NULL, sizeof(rec)) != 0)
			return -1;
		if (rec == POOL_END)
			return 1;
		*count = rec;
	}
}

/* Read fd to its end into b. Returns 0, or -1 on an error or when out of
 * memory (b then holds what it could). */
static int
read_rest(int fd, struct mesh_i_buf *b)
{
	char chunk[16384];
	ssize_t k;

	for (;;) {
		if ((k = read(fd, chunk, sizeof(chunk))) < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return k < 0 || b->failed ? -1 : 0;
		mesh_i_buf_add(b, chunk, (size_t)k);
	}
}

/*
 * Wait up to ms milliseconds (-1: for ever) until one of the workers whose
 * state is 0 has something to read, then read what is there, setting its
 * state to read_counts()'s answer when it is not 0 (-1 too when poll(2)
 * fails). Returns how many workers are still at state 0.
 */
static int
pool_poll(struct mesh_i_pool *pool, int ms)
{
	int i, k = 0, r = 0, left = 0;

	for (i = 1; i < pool->n; i++)
		if (pool->state[i] == 0) {
			pool->pfd[k].fd = pool->fd[i];
			pool->pfd[k].events = POLLIN;
			pool->pfd[k].revents = 0;
			pool->which[k++] = i;
		}
	if (k > 0)
		while ((r = poll(pool->pfd, (nfds_t)k, ms)) < 0 &&
		    errno == EINTR)
			;
	/* A pipe that cannot be polled counts as failed. */
	for (i = 0; r != 0 && i < k; i++)
		if (r < 0)
			pool->state[pool->which[i]] = -1;
		else if (pool->pfd[i].revents != 0)
			pool->state[pool->which[i]] = read_counts(
			    pool->fd[pool->which[i]], 0,
			    &pool->count[pool->which[i]]);
	for (i = 1; i < pool->n; i++)
		left += pool->state[i] == 0;
	return left;
}

void
mesh_i_meter_share(struct mesh_i_meter *m, uint64_t stride)
{
	m->own = 0;
	m->stride = m->left = stride > 0 ? stride : 1;
	m->fd = -1;
	m->pool = NULL;
}

/* The parent: read the workers' counts that are there, and report. */
static void
meter_report(struct mesh_i_meter *m)
{
	uint64_t sum = m->own;
	int i;

	if (m->pool != NULL) {
		pool_poll(m->pool, 0);
		for (i = 1; i < m->pool->n; i++)
			sum = mesh_i_sat_add(sum, m->pool->count[i]);
	}
	mesh_i_tick_to(&m->tick, mesh_i_sat_add(m->base,
	    mesh_i_sat_mul(sum, m->weight)));
}

void
mesh_i_meter_add(struct mesh_i_meter *m, uint64_t units)
{
	m->own = mesh_i_sat_add(m->own, units);
	if (--m->left > 0)
		return;
	m->left = m->stride;
	if (m->fd < 0)
		meter_report(m);
	else if (send_count(m->fd, m->own) != 0)
		m->left = UINT64_MAX;
}

/* The parent: until every worker has sent its end mark or failed,
 * report every 100 ms. */
static void
meter_wait(struct mesh_i_meter *m)
{
	while (m->pool != NULL && pool_poll(m->pool, 100) > 0)
		meter_report(m);
	meter_report(m);
}

/* Free the pool's arrays (its workers are the caller's concern). */
static void
pool_free(struct mesh_i_pool *pool)
{
	free(pool->pid);
	free(pool->fd);
	free(pool->state);
	free(pool->count);
	free(pool->pfd);
	free(pool->which);
	memset(pool, 0, sizeof(*pool));
}

/* Wait for worker i to end; its exit status into *status (0 when it
 * cannot be had). */
static void
reap(struct mesh_i_pool *pool, int i, int *status)
{
	*status = 0;
	while (waitpid(pool->pid[i], status, 0) < 0 && errno == EINTR)
		;
	pool->pid[i] = -1;
}

/* In worker i (the child just made): run its share and send its counts,
 * its end mark and its result on fd; never returns. */
static void
work_here(struct mesh_i_pool *pool, int i, int fd,
    const struct mesh_i_pool_work *w, void *ctx, struct mesh_i_meter *meter,
    uint64_t calls)
{
	struct mesh_i_buf b;
	int k, ok;

	/* The pipes of the workers made before, which are the parent's. */
	for (k = 1; k < i; k++)
		if (pool->fd[k] >= 0)
			close(pool->fd[k]);
	if (meter != NULL) {
		mesh_i_meter_share(meter, calls / (uint64_t)pool->n /
		    MESH_I_METER_SENDS);
		meter->fd = fd;
	}
	pool_free(pool);
	mesh_i_buf_init(&b);
	ok = w->run(ctx, i) == 0;
	if (ok)
		w->put(ctx, i, &b);
	ok = ok && !b.failed && send_count(fd, POOL_END) == 0 &&
	    move_all(fd, NULL, b.data, b.len) == 0;
	mesh_i_buf_free(&b);
	close(fd);
	_exit(ok ? 0 : 1);
}

/* Start workers 1 .. n - 1 (one that cannot start is left at state -1).
 * Returns 0, or -1 when out of memory (nothing started, pool zeroed). */
static int
pool_start(struct mesh_i_pool *pool, int n, const struct mesh_i_pool_work *w,
    void *ctx, struct mesh_i_meter *meter, uint64_t calls)
{
	size_t z = (size_t)n;
	int i;

	memset(pool, 0, sizeof(*pool));
	pool->pid = malloc(z * sizeof(*pool->pid));
	pool->fd = malloc(z * sizeof(*pool->fd));
	pool->state = malloc(z * sizeof(*pool->state));
	pool->count = calloc(z, sizeof(*pool->count));
	pool->pfd = malloc(z * sizeof(*pool->pfd));
	pool->which = malloc(z * sizeof(*pool->which));
	if (pool->pid == NULL || pool->fd == NULL || pool->state == NULL ||
	    pool->count == NULL || pool->pfd == NULL || pool->which == NULL) {
		pool_free(pool);
		return -1;
	}
	pool->n = n;
	for (i = 0; i < n; i++) {
		int p[2];

		pool->pid[i] = -1;
		pool->fd[i] = -1;
		pool->state[i] = -1;
		if (i == 0 || pipe(p) != 0)
			continue;
		if ((pool->pid[i] = fork()) == 0) {
			close(p[0]);
			work_here(pool, i, p[1], w, ctx, meter, calls);
		}
		close(p[1]);
		if (pool->pid[i] < 0) {
			close(p[0]);
		} else {
			pool->fd[i] = p[0];
			pool->state[i] = 0;
		}
	}
	if (meter != NULL)
		meter->pool = pool;
	return 0;
}

/*
 * Worker i's result, to w->get(): wait for its end mark, read the rest of
 * its pipe, reap it. Returns 0, or -1 when it could not start or failed
 * (its counts are then forgotten: its share is to run here).
 */
static int
pool_take(struct mesh_i_pool *pool, int i, const struct mesh_i_pool_work *w,
    void *ctx)
{
	struct mesh_i_buf b;
	int ok, status;

	mesh_i_buf_init(&b);
	if (pool->pid[i] < 0) {
		pool->count[i] = 0;
		return -1;
	}
	if (pool->state[i] == 0)
		pool->state[i] = read_counts(pool->fd[i], 1, &pool->count[i]);
	ok = pool->state[i] == 1 && read_rest(pool->fd[i], &b) == 0;
	close(pool->fd[i]);
	pool->fd[i] = -1;
	pool->state[i] = -1;
	reap(pool, i, &status);
	ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    w->get(ctx, i, b.data, b.len) == 0;
	mesh_i_buf_free(&b);
	if (!ok)
		pool->count[i] = 0;
	return ok ? 0 : -1;
}

/* Close every pipe still open, then wait for every worker not yet
 * reaped (one still at work fails at its next write, or is ended by
 * SIGPIPE), then free. */
static void
pool_end(struct mesh_i_pool *pool)
{
	int i, status;

	for (i = 1; i < pool->n; i++)
		if (pool->fd[i] >= 0) {
			close(pool->fd[i]);
			pool->fd[i] = -1;
			pool->state[i] = -1;
		}
	for (i = 1; i < pool->n; i++)
		if (pool->pid[i] > 0)
			reap(pool, i, &status);
	pool_free(pool);
}

int
mesh_i_pool_run(int n, const struct mesh_i_pool_work *w, void *ctx,
    struct mesh_i_meter *meter, uint64_t calls)
{
	struct mesh_i_pool pool;
	int i, rc = 0;

	if (n <= 1 || pool_start(&pool, n, w, ctx, meter, calls) != 0) {
		for (i = 0; i < n && rc == 0; i++)
			rc = w->run(ctx, i);
		return rc;
	}
	rc = w->run(ctx, 0);
	/* The workers' ends, reported as they come. */
	if (rc == 0 && meter != NULL)
		meter_wait(meter);
	/* A worker that could not start, or failed, has its share run
	 * here. */
	for (i = 1; i < n && rc == 0; i++)
		if (pool_take(&pool, i, w, ctx) != 0)
			rc = w->run(ctx, i);
	if (meter != NULL)
		meter->pool = NULL;
	pool_end(&pool);
	return rc;
}
