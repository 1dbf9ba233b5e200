/* progress.c: reporting the progress of one phase through a mesh_progress hook, and worker processes' counts sent through a pipe. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/progress.h"
#include "base/util.h"

void
mesh_i_tick_start(struct mesh_i_tick *t, const struct mesh_progress *p,
    const char *phase, uint64_t total)
{
	memset(t, 0, sizeof(*t));
	if (p == NULL || p->fn == NULL || total == 0)
		return;
	t->p = p;
	t->phase = phase;
	t->total = total;
	t->step = total / MESH_PROGRESS_STEPS +
	    (total % MESH_PROGRESS_STEPS != 0);
	t->next = t->step;
	p->fn(p->ctx, phase, 0, total);
}

void
mesh_i_tick_to(struct mesh_i_tick *t, uint64_t done)
{
	if (t->p == NULL || done < t->next || t->done == t->total)
		return;
	if (done > t->total)
		done = t->total;
	t->done = done;
	t->next = done > t->total - t->step ? t->total : done + t->step;
	t->p->fn(t->p->ctx, t->phase, done, t->total);
}

void
mesh_i_tick_end(struct mesh_i_tick *t)
{
	if (t->p == NULL || t->done == t->total)
		return;
	t->done = t->total;
	t->p->fn(t->p->ctx, t->phase, t->total, t->total);
}

int
mesh_i_tick_on(const struct mesh_i_tick *t)
{
	return t->p != NULL;
}

int
mesh_i_tick_put(int fd, uint64_t count)
{
	return mesh_i_write_all(fd, &count, sizeof(count));
}

int
mesh_i_tick_get(int fd, int wait, uint64_t *count)
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
		if (mesh_i_read_all(fd, &rec, sizeof(rec)) != 0)
			return -1;
		if (rec == MESH_I_TICK_END)
			return 1;
		*count = rec;
	}
}

int
mesh_i_tick_poll(const int *fd, int *state, uint64_t *count, int n, int ms)
{
	struct pollfd *pfd = malloc(((size_t)n + 1) * sizeof(*pfd)), one;
	int *which = malloc(((size_t)n + 1) * sizeof(*which)), first;
	int i, k = 0, r = 0, left = 0, held = pfd != NULL && which != NULL;

	if (!held) {
		/* Out of memory: wait on the first pending pipe alone. */
		free(pfd);
		free(which);
		pfd = &one;
		which = &first;
	}
	for (i = 0; i < n && (held || k == 0); i++)
		if (state[i] == 0) {
			pfd[k].fd = fd[i];
			pfd[k].events = POLLIN;
			pfd[k].revents = 0;
			which[k++] = i;
		}
	if (k > 0)
		while ((r = poll(pfd, (nfds_t)k, ms)) < 0 && errno == EINTR)
			;
	/* A pipe that cannot be polled counts as failed. */
	for (i = 0; r != 0 && i < k; i++)
		if (r < 0)
			state[which[i]] = -1;
		else if (pfd[i].revents != 0)
			state[which[i]] = mesh_i_tick_get(fd[which[i]], 0,
			    &count[which[i]]);
	for (i = 0; i < n; i++)
		left += state[i] == 0;
	if (held) {
		free(pfd);
		free(which);
	}
	return left;
}

uint64_t
mesh_i_sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

uint64_t
mesh_i_sat_mul(uint64_t a, uint64_t b)
{
	return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

void
mesh_i_meter_share(struct mesh_i_meter *m, uint64_t stride)
{
	m->own = 0;
	m->stride = m->left = stride > 0 ? stride : 1;
	m->fd = -1;
	m->nworkers = 0;
}

void
mesh_i_meter_add(struct mesh_i_meter *m, uint64_t units)
{
	m->own = mesh_i_sat_add(m->own, units);
	if (--m->left > 0)
		return;
	m->left = m->stride;
	if (m->fd < 0)
		mesh_i_meter_report(m);
	else if (mesh_i_tick_put(m->fd, m->own) != 0)
		m->left = UINT64_MAX;
}

void
mesh_i_meter_report(struct mesh_i_meter *m)
{
	uint64_t sum = m->own;
	int i;

	if (m->nworkers > 0) {
		mesh_i_tick_poll(m->wfd, m->wstate, m->wcount, m->nworkers, 0);
		for (i = 0; i < m->nworkers; i++)
			sum = mesh_i_sat_add(sum, m->wcount[i]);
	}
	mesh_i_tick_to(&m->tick, mesh_i_sat_add(m->base,
	    mesh_i_sat_mul(sum, m->weight)));
}

void
mesh_i_meter_wait(struct mesh_i_meter *m)
{
	while (m->nworkers > 0 && mesh_i_tick_poll(m->wfd, m->wstate,
	    m->wcount, m->nworkers, 100) > 0)
		mesh_i_meter_report(m);
	mesh_i_meter_report(m);
}
