/* survivors.c: a plan's up nodes, their name order and their links (survivors.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "graph/survivors.h"
#include "meshsim/meshsim.h"

/* Survivors from this many on have their links built by a second thread
 * while this one sorts them by name (documented in analysis.h). */
#define TWO_THREADS     65536

/* The adjacency build, run by a second thread. */
struct csr_job {
	struct mesh_i_csr *g;
	int n, m, rc;
	const int *edges;
};

static void *
csr_job(void *arg)
{
	struct csr_job *j = arg;

	j->rc = mesh_i_csr_build(j->g, j->n, j->edges, j->m);
	return NULL;
}

int
mesh_i_survivors_build(struct mesh_i_survivors *s, const struct mesh_plan *p,
    const bool *is_down)
{
	int *sid = NULL, *edges = NULL;
	size_t i, sz[3];
	void *kept[3], *tmp[2], *work = NULL;
	int v, n = 0, m = 0, rc = -1, sorted;
	struct csr_job job;
	pthread_t worker;
	int threaded = 0;

	memset(s, 0, sizeof(*s));
	/* What s keeps in one block, what this pass needs in another. */
	sz[0] = sz[1] = sz[2] = (p->nnodes + 1) * sizeof(int);
	if ((s->block = mesh_i_alloc_arrays(3, sz, kept, 0)) == NULL)
		goto done;
	s->orig = kept[0];
	s->rank = kept[1];
	s->by_rank = kept[2];
	sz[1] = (p->nlinks * 2 + 1) * sizeof(int);
	if ((work = mesh_i_alloc_arrays(2, sz, tmp, 0)) == NULL)
		goto done;
	sid = tmp[0];
	edges = tmp[1];
	for (i = 0; i < p->nnodes; i++) {
		bool down = is_down != NULL && is_down[i];

		sid[i] = down ? -1 : n;
		if (!down)
			s->orig[n++] = (int)i;
	}
	s->n = n;
	for (i = 0; i < p->nlinks; i++) {
		int x = sid[p->links[2 * i]], y = sid[p->links[2 * i + 1]];

		if (x >= 0 && y >= 0) {
			edges[2 * m] = x;
			edges[2 * m + 1] = y;
			m++;
		}
	}
	/* The links (on a second thread for many survivors: the csr build
	 * shares nothing with the sort), and the ranks: survivors in name
	 * order. */
	job.g = &s->g;
	job.n = n;
	job.m = m;
	job.edges = edges;
	job.rc = -1;
	if (n >= TWO_THREADS &&
	    pthread_create(&worker, NULL, csr_job, &job) == 0)
		threaded = 1;
	memcpy(s->by_rank, s->orig, (size_t)n * sizeof(*s->by_rank));
	sorted = mesh_plan_sort_nodes(p, s->by_rank, (size_t)n);
	if (threaded)
		pthread_join(worker, NULL);
	else
		csr_job(&job);
	if (sorted != 0 || job.rc != 0)
		goto done;
	for (v = 0; v < n; v++) {
		s->by_rank[v] = sid[s->by_rank[v]];
		s->rank[s->by_rank[v]] = v;
	}
	rc = 0;
done:
	free(work);
	return rc;
}

void
mesh_i_survivors_free(struct mesh_i_survivors *s)
{
	free(s->block);
	mesh_i_csr_free(&s->g);
	memset(s, 0, sizeof(*s));
}
