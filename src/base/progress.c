/* progress.c: reporting the progress of one phase through a mesh_progress hook. */
#include <string.h>

#include "base/progress.h"

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
