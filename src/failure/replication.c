/* replication.c: the replication model (Harper 4.4+): running-cluster survival and join dependencies. */
#include <stdlib.h>
#include <string.h>

#include "meshsim/meshsim.h"
#include "meshsim/replication.h"
#include "graph/components.h"
#include "graph/csr.h"
#include "graph/dfs.h"
#include "graph/survivors.h"
#include "base/util.h"

/*
 * Working state: every node and link of the plan (all), the up nodes and
 * the links between them (up), and one depth-first search over those.
 * All freed by work_free().
 */
struct work {
	struct mesh_i_survivors all, up;
	struct mesh_i_dfs dfs;
	struct mesh_i_piece *pc;        /* the pieces of one node's loss */
	int *queue;
	int *stamp;             /* breadth-first marks, by the node lost */
};

static void
work_free(struct work *w)
{
	mesh_i_survivors_free(&w->all);
	mesh_i_survivors_free(&w->up);
	mesh_i_dfs_free(&w->dfs);
	free(w->pc);
	free(w->queue);
	free(w->stamp);
}

/* The work of plan p with the nodes whose is_down[v] is set down. Returns
 * 0, or -1 when out of memory; either way work_free() frees w. */
static int
work_init(struct work *w, const struct mesh_plan *p, const bool *is_down)
{
	int v;

	memset(w, 0, sizeof(*w));
	if (mesh_i_survivors_build(&w->all, p, NULL) != 0 ||
	    mesh_i_survivors_build(&w->up, p, is_down) != 0 ||
	    mesh_i_dfs_run(&w->dfs, &w->up.g, w->up.rank) != 0)
		return -1;
	w->pc = malloc(((size_t)mesh_i_csr_max_degree(&w->up.g) + 2) *
	    sizeof(*w->pc));
	w->queue = malloc((p->nnodes + 1) * sizeof(int));
	w->stamp = malloc((p->nnodes + 1) * sizeof(int));
	if (w->pc == NULL || w->queue == NULL || w->stamp == NULL)
		return -1;
	for (v = 0; v < w->up.n; v++)
		w->stamp[v] = -1;
	return 0;
}

/* The running cluster: the components of the whole route graph, cut
 * down to their up nodes. Returns 0 or -1 (out of memory). */
static int
running(struct work *w, const bool *is_down, struct mesh_replication *r)
{
	int *comp = malloc(((size_t)w->all.n + 1) * sizeof(*comp));
	int nc;

	if (comp == NULL)
		return -1;
	nc = mesh_i_components_label(&w->all.g, comp, w->queue);
	nc = mesh_i_components_sort(comp, nc, w->all.by_rank, w->all.n,
	    is_down, &r->cluster_start, &r->cluster_nodes);
	free(comp);
	if (nc < 0)
		return -1;
	r->nclusters = (size_t)nc;
	return 0;
}

/* Up nodes with no route path to the strictly largest component of the
 * up nodes' route graph (all of them on a tie). Returns 0 or -1. */
static int
joining_now(struct work *w, struct mesh_replication *r)
{
	const struct mesh_i_dfs *d = &w->dfs;
	int v, best = -1, max = 0, ties = 0;

	r->cannot_join = malloc((r->nup + 1) * sizeof(int));
	if (r->cannot_join == NULL)
		return -1;
	for (v = 0; v < w->up.n; v++) {
		if (d->root[v] != v)
			continue;
		if (d->size[v] > max) {
			max = d->size[v];
			best = v;
			ties = 0;
		} else if (d->size[v] == max) {
			ties++;
		}
	}
	for (v = 0; v < w->up.n; v++) {
		int u = w->up.by_rank[v];

		if (ties > 0 || d->root[u] != best)
			r->cannot_join[r->ncannot_join++] = w->up.orig[u];
	}
	return 0;
}

/* Join dependencies: each articulation point x, the up nodes outside
 * the largest piece of G - x, and up to MESH_GROUP_NAMES_MAX of them
 * nearest x (a breadth-first search from x's neighbours in those
 * pieces). Returns 0 or -1. */
static int
dependencies(struct work *w, const struct mesh_plan *p,
    struct mesh_replication *r)
{
	const struct mesh_i_csr *g = &w->up.g;
	const struct mesh_i_dfs *d = &w->dfs;
	size_t cap = 0;
	int i;

	r->deps = malloc((p->nnodes + 1) * sizeof(*r->deps));
	if (r->deps == NULL)
		return -1;
	for (i = 0; i < w->up.n; i++) {
		int x = w->up.by_rank[i], k, j, e, best = 0, ties = 0, seeds = 0;
		int listed;
		struct mesh_repl_dependency *dep;

		k = mesh_i_dfs_pieces(d, g, x, w->pc);
		if (k < 2)
			continue;       /* not an articulation point */
		for (j = 1; j < k; j++) {
			if (w->pc[j].size > w->pc[best].size) {
				best = j;
				ties = 0;
			} else if (w->pc[j].size == w->pc[best].size) {
				ties++;
			}
		}
		/* The nearest dependents: a breadth-first search from x's
		 * neighbours in the pieces that are not the largest. */
		w->stamp[x] = x;
		for (e = g->off[x]; e < g->off[x + 1]; e++) {
			int u = g->adj[e];

			if (w->stamp[u] == x || (!ties &&
			    mesh_i_dfs_piece_holding(d, x, w->pc, k, u) == best))
				continue;
			w->stamp[u] = x;
			w->queue[seeds++] = u;
		}
		listed = mesh_i_csr_nearest(g, w->up.rank, w->queue, seeds,
		    MESH_GROUP_NAMES_MAX, w->stamp, x);
		if (r->nnames + (size_t)listed > cap) {
			int *t;

			while (r->nnames + (size_t)listed > cap)
				cap = cap ? 2 * cap : 64;
			if ((t = realloc(r->names, cap * sizeof(int))) == NULL)
				return -1;
			r->names = t;
		}
		dep = &r->deps[r->ndeps++];
		dep->node = w->up.orig[x];
		dep->size = (size_t)d->size[d->root[x]] - 1 -
		    (ties ? 0 : (size_t)w->pc[best].size);
		dep->first = r->nnames;
		dep->nlisted = (size_t)listed;
		for (j = 0; j < listed; j++)
			r->names[r->nnames++] = w->up.orig[w->queue[j]];
	}
	return 0;
}

enum mesh_error
mesh_replication_analyze(const struct mesh_plan *p, const bool *is_down,
    struct mesh_replication **out)
{
	struct mesh_replication *r;
	struct work w;
	enum mesh_error err = MESH_ENOMEM;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return MESH_ENOMEM;
	r->plan = p;
	if (work_init(&w, p, is_down) != 0)
		goto done;
	r->nup = (size_t)w.up.n;
	if (running(&w, is_down, r) != 0 || joining_now(&w, r) != 0 ||
	    dependencies(&w, p, r) != 0)
		goto done;
	*out = r;
	r = NULL;
	err = MESH_OK;
done:
	work_free(&w);
	mesh_replication_free(r);
	return err;
}

void
mesh_replication_free(struct mesh_replication *r)
{
	if (r == NULL)
		return;
	free(r->cluster_start);
	free(r->cluster_nodes);
	free(r->cannot_join);
	free(r->deps);
	free(r->names);
	free(r);
}

bool
mesh_replication_running_ok(const struct mesh_replication *r)
{
	return r->nclusters <= 1;
}

bool
mesh_replication_joining_ok(const struct mesh_replication *r)
{
	return r->ncannot_join == 0 && r->ndeps == 0;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Up to MESH_GROUP_NAMES_MAX names of v, then "... and N more" up to
 * total. */
static void
put_names(struct mesh_i_buf *b, const struct mesh_plan *p, const int *v,
    size_t n, size_t total)
{
	size_t i;

	for (i = 0; i < n && i < MESH_GROUP_NAMES_MAX; i++)
		mesh_i_buf_printf(b, "%s%s", i ? ", " : "", p->nodes[v[i]].name);
	if (total > i)
		mesh_i_buf_printf(b, "%s... and %zu more", i ? ", " : "",
		    total - i);
}

char *
mesh_replication_running_text(const struct mesh_replication *r)
{
	struct mesh_i_buf b;

	mesh_i_buf_init(&b);
	if (r->nup == 0)
		mesh_i_buf_puts(&b, "no node is up");
	else if (r->nclusters == 1)
		mesh_i_buf_printf(&b, "survives any node failures: one "
		    "cluster, a full mesh of its %zu up %s", r->nup,
		    plural(r->nup, "member", "members"));
	else
		mesh_i_buf_printf(&b, "SPLIT: %zu clusters that never learn "
		    "of each other; the largest has %zu of %zu up nodes",
		    r->nclusters, r->cluster_start[1], r->nup);
	return mesh_i_buf_take(&b);
}

char *
mesh_replication_joining_text(const struct mesh_replication *r)
{
	const struct mesh_repl_dependency *d = r->deps;
	struct mesh_i_buf b;
	size_t i;

	mesh_i_buf_init(&b);
	if (r->nup == 0) {
		mesh_i_buf_puts(&b, "no node is up");
		return mesh_i_buf_take(&b);
	}
	if (r->ncannot_join > 0) {
		mesh_i_buf_printf(&b, "%zu %s: ", r->ncannot_join,
		    plural(r->ncannot_join, "node cannot join",
		    "nodes cannot join"));
		put_names(&b, r->plan, r->cannot_join, r->ncannot_join,
		    r->ncannot_join);
		mesh_i_buf_printf(&b, " (no route path to the cluster%s)",
		    r->nup < r->plan->nnodes ? " while the down nodes are down" :
		    "");
		if (r->ndeps > 0)
			mesh_i_buf_puts(&b, "; ");
	}
	if (r->ndeps == 1) {
		mesh_i_buf_printf(&b, "1 single point of failure: %s (",
		    r->plan->nodes[d->node].name);
		put_names(&b, r->plan, r->names + d->first, d->nlisted,
		    d->size);
		mesh_i_buf_printf(&b, " cannot join while it is down)");
	} else if (r->ndeps > 1) {
		mesh_i_buf_printf(&b, "%zu single points of failure: ",
		    r->ndeps);
		for (i = 0; i < r->ndeps && i < MESH_GROUP_NAMES_MAX; i++)
			mesh_i_buf_printf(&b, "%s%s", i ? ", " : "",
			    r->plan->nodes[d[i].node].name);
		if (r->ndeps > i)
			mesh_i_buf_printf(&b, ", ... and %zu more",
			    r->ndeps - i);
		mesh_i_buf_puts(&b, " (see join dependencies)");
	} else if (r->ncannot_join == 0) {
		mesh_i_buf_puts(&b, "no single point of failure: every node "
		    "can join while any one node is down");
	}
	return mesh_i_buf_take(&b);
}
