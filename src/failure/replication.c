/* replication.c: the replication model (Harper 4.4+): running-cluster survival and join dependencies. */
#include <stdlib.h>
#include <string.h>

#include "meshsim/meshsim.h"
#include "meshsim/replication.h"
#include "graph/csr.h"
#include "out/json_out.h"
#include "base/util.h"

/* Working arrays, over the plan's nodes; all freed by work_free(). */
struct work {
	struct mesh_i_csr g;      /* every link of the plan */
	int *order;             /* every node, sorted by name */
	int *rank;              /* position of a node in order */
	int *comp;              /* component id, -1 when down (or unseen) */
	int *queue;
	int *pre, *low, *size, *parent, *next;  /* the DFS */
	int *kids;              /* DFS children, grouped by parent, in
	                         * preorder: kids[kid_at[v] ..] */
	int *kid_at, *nkids;
	int *stamp;             /* BFS marks, by the dependency's node */
};

static void
work_free(struct work *w)
{
	mesh_i_csr_free(&w->g);
	free(w->order);
	free(w->rank);
	free(w->comp);
	free(w->queue);
	free(w->pre);
	free(w->low);
	free(w->size);
	free(w->parent);
	free(w->next);
	free(w->kids);
	free(w->kid_at);
	free(w->nkids);
	free(w->stamp);
}

static int
work_init(struct work *w, const struct mesh_plan *p)
{
	size_t n = p->nnodes + 1, i;

	memset(w, 0, sizeof(*w));
	if (mesh_i_csr_build(&w->g, (int)p->nnodes, p->links,
	    (int)p->nlinks) != 0)
		return -1;
	w->order = malloc(n * sizeof(int));
	w->rank = malloc(n * sizeof(int));
	w->comp = malloc(n * sizeof(int));
	w->queue = malloc(n * sizeof(int));
	w->pre = malloc(n * sizeof(int));
	w->low = malloc(n * sizeof(int));
	w->size = malloc(n * sizeof(int));
	w->parent = malloc(n * sizeof(int));
	w->next = malloc(n * sizeof(int));
	w->kids = malloc(n * sizeof(int));
	w->kid_at = malloc(n * sizeof(int));
	w->nkids = malloc(n * sizeof(int));
	w->stamp = malloc(n * sizeof(int));
	if (w->order == NULL || w->rank == NULL || w->comp == NULL ||
	    w->queue == NULL || w->pre == NULL || w->low == NULL ||
	    w->size == NULL || w->parent == NULL || w->next == NULL ||
	    w->kids == NULL || w->kid_at == NULL || w->nkids == NULL ||
	    w->stamp == NULL)
		return -1;
	for (i = 0; i < p->nnodes; i++)
		w->order[i] = (int)i;
	if (mesh_plan_sort_nodes(p, w->order, p->nnodes) != 0)
		return -1;
	for (i = 0; i < p->nnodes; i++) {
		w->rank[w->order[i]] = (int)i;
		w->stamp[i] = -1;
	}
	return 0;
}

static bool
up(const bool *is_down, int v)
{
	return is_down == NULL || !is_down[v];
}

/* Label the components of the links among nodes taken (all nodes when
 * all is set, else the up ones) in w->comp (-1: not taken); sizes[c]
 * counts the up nodes of component c. Returns the number of components. */
static int
components(struct work *w, const struct mesh_plan *p, const bool *is_down,
    int all, size_t *sizes)
{
	size_t i;
	int nc = 0;

	for (i = 0; i < p->nnodes; i++)
		w->comp[i] = -1;
	for (i = 0; i < p->nnodes; i++) {
		int s = w->order[i], head = 0, tail = 0;

		if (w->comp[s] >= 0 || (!all && !up(is_down, s)))
			continue;
		sizes[nc] = 0;
		w->comp[s] = nc;
		w->queue[tail++] = s;
		while (head < tail) {
			int v = w->queue[head++], k;

			sizes[nc] += up(is_down, v);
			for (k = w->g.off[v]; k < w->g.off[v + 1]; k++) {
				int u = w->g.adj[k];

				if (w->comp[u] < 0 && (all || up(is_down, u))) {
					w->comp[u] = nc;
					w->queue[tail++] = u;
				}
			}
		}
		nc++;
	}
	return nc;
}

/* Sort key of a cluster: size, then the rank of its first name. */
struct cluster_key {
	size_t size;
	int first;
	int id;
};

static int
cluster_cmp(const void *x, const void *y)
{
	const struct cluster_key *a = x, *b = y;

	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return (a->first > b->first) - (a->first < b->first);
}

/* The running cluster: the components of the whole route graph, cut
 * down to their up nodes. Returns 0 or -1 (out of memory). */
static int
running(struct work *w, const struct mesh_plan *p, const bool *is_down,
    struct mesh_replication *r)
{
	size_t *sizes = malloc((p->nnodes + 1) * sizeof(*sizes));
	struct cluster_key *keys = malloc((p->nnodes + 1) * sizeof(*keys));
	int *slot = malloc((p->nnodes + 1) * sizeof(*slot));
	size_t i, k, *fill = NULL;
	int nc, c, rc = -1;

	if (sizes == NULL || keys == NULL || slot == NULL)
		goto done;
	nc = components(w, p, is_down, 1, sizes);
	for (c = 0; c < nc; c++) {
		keys[c].size = sizes[c];
		keys[c].first = -1;
		keys[c].id = c;
	}
	for (i = 0; i < p->nnodes; i++) {
		int v = w->order[i];

		if (up(is_down, v) && keys[w->comp[v]].first < 0)
			keys[w->comp[v]].first = (int)i;
	}
	qsort(keys, (size_t)nc, sizeof(*keys), cluster_cmp);
	r->cluster_start = malloc(((size_t)nc + 1) * sizeof(size_t));
	r->cluster_nodes = malloc((r->nup + 1) * sizeof(int));
	fill = malloc(((size_t)nc + 1) * sizeof(size_t));
	if (r->cluster_start == NULL || r->cluster_nodes == NULL ||
	    fill == NULL)
		goto done;
	r->cluster_start[0] = 0;
	for (k = 0; k < (size_t)nc && keys[k].size > 0; k++) {
		slot[keys[k].id] = (int)k;
		fill[k] = r->cluster_start[k];
		r->cluster_start[k + 1] = r->cluster_start[k] + keys[k].size;
	}
	r->nclusters = k;
	for (i = 0; i < p->nnodes; i++) {
		int v = w->order[i];

		if (up(is_down, v))
			r->cluster_nodes[fill[slot[w->comp[v]]]++] = v;
	}
	rc = 0;
done:
	free(sizes);
	free(keys);
	free(slot);
	free(fill);
	return rc;
}

/* Up nodes with no route path to the strictly largest component of the
 * up nodes' route graph (all of them on a tie). Leaves w->comp labelling
 * those components. Returns 0 or -1. */
static int
joining_now(struct work *w, const struct mesh_plan *p, const bool *is_down,
    struct mesh_replication *r)
{
	size_t *sizes = malloc((p->nnodes + 1) * sizeof(*sizes)), max = 0;
	size_t i;
	int nc, c, best = -1, ties = 0;

	r->cannot_join = malloc((r->nup + 1) * sizeof(int));
	if (sizes == NULL || r->cannot_join == NULL) {
		free(sizes);
		return -1;
	}
	nc = components(w, p, is_down, 0, sizes);
	for (c = 0; c < nc; c++) {
		if (sizes[c] > max) {
			max = sizes[c];
			best = c;
			ties = 0;
		} else if (sizes[c] == max) {
			ties++;
		}
	}
	for (i = 0; i < p->nnodes; i++) {
		int v = w->order[i];

		if (up(is_down, v) && (ties > 0 || w->comp[v] != best))
			r->cannot_join[r->ncannot_join++] = v;
	}
	free(sizes);
	return 0;
}

/* Iterative DFS of the up nodes: preorder, low points, subtree sizes,
 * parents, and each node's children in preorder. */
static void
dfs(struct work *w, const struct mesh_plan *p, const bool *is_down)
{
	size_t i;
	int clock = 0, nk = 0;

	for (i = 0; i < p->nnodes; i++) {
		w->pre[i] = -1;
		w->nkids[i] = 0;
	}
	for (i = 0; i < p->nnodes; i++) {
		int s = w->order[i], top = 0;

		if (w->pre[s] >= 0 || !up(is_down, s))
			continue;
		w->parent[s] = -1;
		w->pre[s] = w->low[s] = clock++;
		w->size[s] = 1;
		w->next[s] = w->g.off[s];
		w->queue[top++] = s;    /* the DFS stack */
		while (top > 0) {
			int v = w->queue[top - 1], u;

			if (w->next[v] == w->g.off[v + 1]) {
				int q = w->parent[v];

				top--;
				if (q >= 0) {
					w->size[q] += w->size[v];
					if (w->low[v] < w->low[q])
						w->low[q] = w->low[v];
				}
				continue;
			}
			u = w->g.adj[w->next[v]++];
			if (!up(is_down, u))
				continue;
			if (w->pre[u] < 0) {
				w->parent[u] = v;
				w->pre[u] = w->low[u] = clock++;
				w->size[u] = 1;
				w->next[u] = w->g.off[u];
				w->queue[top++] = u;
			} else if (u != w->parent[v] && w->pre[u] < w->low[v]) {
				w->low[v] = w->pre[u];
			}
		}
	}
	/* Children grouped by parent, each group in preorder. */
	for (i = 0; i < p->nnodes; i++)
		if (w->pre[i] >= 0 && w->parent[i] >= 0)
			w->nkids[w->parent[i]]++;
	for (i = 0; i < p->nnodes; i++) {
		w->kid_at[i] = nk;
		nk += w->pre[i] >= 0 ? w->nkids[i] : 0;
		w->nkids[i] = 0;
	}
	/* Fill in preorder: walk the nodes by preorder number. */
	for (i = 0; i < p->nnodes; i++)
		if (w->pre[i] >= 0)
			w->next[w->pre[i]] = (int)i;
	for (i = 0; i < (size_t)clock; i++) {
		int v = w->next[i], q = w->parent[v];

		if (q >= 0)
			w->kids[w->kid_at[q] + w->nkids[q]++] = v;
	}
}

/* The child of x whose subtree holds descendant u: a binary search of
 * x's children by preorder. */
static int
child_holding(const struct work *w, int x, int u)
{
	int lo = 0, hi = w->nkids[x] - 1;

	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;

		if (w->pre[w->kids[w->kid_at[x] + mid]] <= w->pre[u])
			lo = mid;
		else
			hi = mid - 1;
	}
	return w->kids[w->kid_at[x] + lo];
}

/* The piece of G - x that holds x's neighbour u: a separated child of x,
 * or -1 for the rest of x's component. */
static int
piece_of(const struct work *w, int x, int u)
{
	int c;

	if (w->pre[u] <= w->pre[x] || w->pre[u] >= w->pre[x] + w->size[x])
		return -1;
	c = child_holding(w, x, u);
	return w->low[c] >= w->pre[x] ? c : -1;
}

/* Join dependencies: each articulation point x, the up nodes outside
 * the largest piece of G - x, and up to MESH_GROUP_NAMES_MAX of them
 * nearest x (a BFS from x's neighbours in those pieces). Needs dfs() and
 * joining_now()'s component labels. Returns 0 or -1. */
static int
dependencies(struct work *w, const struct mesh_plan *p, const bool *is_down,
    struct mesh_replication *r, const size_t *comp_size)
{
	size_t i, cap = 0;

	r->deps = malloc((p->nnodes + 1) * sizeof(*r->deps));
	if (r->deps == NULL)
		return -1;
	for (i = 0; i < p->nnodes; i++) {
		int x = w->order[i], k, sep = 0, best = -2, ties = 0, head = 0,
		    tail = 0;
		size_t rest, max, dependents, listed = 0;
		struct mesh_repl_dependency *d;

		if (w->pre[x] < 0)
			continue;
		/* The pieces: separated children, and the rest. */
		rest = comp_size[w->comp[x]] - 1;
		max = 0;
		for (k = 0; k < w->nkids[x]; k++) {
			int c = w->kids[w->kid_at[x] + k];
			size_t sz;

			if (w->low[c] < w->pre[x] && w->parent[x] >= 0)
				continue;
			sep++;
			sz = (size_t)w->size[c];
			rest -= sz;
			if (sz > max) {
				max = sz;
				best = c;
				ties = 0;
			} else if (sz == max) {
				ties++;
			}
		}
		if (sep == 0 || (w->parent[x] < 0 && sep < 2))
			continue;       /* not an articulation point */
		if (rest > max) {
			max = rest;
			best = -1;
			ties = 0;
		} else if (rest == max && rest > 0) {
			ties++;
		}
		dependents = comp_size[w->comp[x]] - 1 - (ties ? 0 : max);
		/* The nearest dependents: a BFS from x's neighbours in the
		 * pieces that are not the largest. */
		w->stamp[x] = x;
		for (k = w->g.off[x]; k < w->g.off[x + 1]; k++) {
			int u = w->g.adj[k];

			if (!up(is_down, u) || w->stamp[u] == x ||
			    (!ties && piece_of(w, x, u) == best))
				continue;
			w->stamp[u] = x;
			w->queue[tail++] = u;
		}
		while (head < tail && listed < MESH_GROUP_NAMES_MAX) {
			int v = w->queue[head++];

			if (r->nnames + listed >= cap) {
				int *t;

				cap = cap ? 2 * cap : 64;
				if ((t = realloc(r->names, cap * sizeof(int))) ==
				    NULL)
					return -1;
				r->names = t;
			}
			r->names[r->nnames + listed++] = v;
			for (k = w->g.off[v]; k < w->g.off[v + 1] &&
			    tail < (int)p->nnodes; k++) {
				int u = w->g.adj[k];

				if (up(is_down, u) && w->stamp[u] != x) {
					w->stamp[u] = x;
					w->queue[tail++] = u;
				}
			}
		}
		if (mesh_plan_sort_nodes(p, r->names + r->nnames, listed) != 0)
			return -1;
		d = &r->deps[r->ndeps++];
		d->node = x;
		d->size = dependents;
		d->first = r->nnames;
		d->nlisted = listed;
		r->nnames += listed;
	}
	return 0;
}

enum mesh_error
mesh_replication_analyze(const struct mesh_plan *p, const bool *is_down,
    struct mesh_replication **out)
{
	struct mesh_replication *r;
	struct work w;
	size_t i, *comp_size = NULL;
	enum mesh_error err = MESH_ENOMEM;

	*out = NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return MESH_ENOMEM;
	r->plan = p;
	for (i = 0; i < p->nnodes; i++)
		r->nup += up(is_down, (int)i);
	if (work_init(&w, p) != 0 || running(&w, p, is_down, r) != 0 ||
	    joining_now(&w, p, is_down, r) != 0)
		goto done;
	if ((comp_size = calloc(p->nnodes + 1, sizeof(*comp_size))) == NULL)
		goto done;
	for (i = 0; i < p->nnodes; i++)
		if (w.comp[i] >= 0)
			comp_size[w.comp[i]]++;
	dfs(&w, p, is_down);
	if (dependencies(&w, p, is_down, r, comp_size) != 0)
		goto done;
	*out = r;
	r = NULL;
	err = MESH_OK;
done:
	free(comp_size);
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

/* The "replication" object, ending in ",\n". */
static void
put_json(struct mesh_i_buf *b, const struct mesh_replication *r)
{
	const struct mesh_plan *p = r->plan;
	char *t;
	size_t i;

	mesh_i_buf_puts(b, "  \"replication\": {\n    \"running\": {\"ok\": ");
	mesh_i_buf_puts(b, mesh_replication_running_ok(r) ? "true" : "false");
	mesh_i_buf_puts(b, ", \"verdict\": ");
	t = mesh_replication_running_text(r);
	if (t == NULL)
		b->failed = 1;          /* mesh_i_buf_take() gives NULL */
	mesh_i_buf_json_string(b, t ? t : "");
	free(t);
	mesh_i_buf_puts(b, ", \"clusters\": [");
	for (i = 0; i < r->nclusters; i++) {
		mesh_i_buf_puts(b, i ? ", " : "");
		mesh_i_json_names(b, p, r->cluster_nodes + r->cluster_start[i],
		    r->cluster_start[i + 1] - r->cluster_start[i]);
	}
	mesh_i_buf_puts(b, "]},\n    \"joining\": {\"ok\": ");
	mesh_i_buf_puts(b, mesh_replication_joining_ok(r) ? "true" : "false");
	mesh_i_buf_puts(b, ", \"verdict\": ");
	t = mesh_replication_joining_text(r);
	if (t == NULL)
		b->failed = 1;          /* mesh_i_buf_take() gives NULL */
	mesh_i_buf_json_string(b, t ? t : "");
	free(t);
	mesh_i_buf_puts(b, ", \"cannot_join\": ");
	mesh_i_json_names(b, p, r->cannot_join, r->ncannot_join);
	mesh_i_buf_puts(b, ",\n      \"dependencies\": [");
	for (i = 0; i < r->ndeps; i++) {
		const struct mesh_repl_dependency *d = &r->deps[i];

		mesh_i_buf_puts(b, i ? ",\n        {\"node\": " :
		    "\n        {\"node\": ");
		mesh_i_buf_json_string(b, p->nodes[d->node].name);
		mesh_i_buf_printf(b, ", \"size\": %zu, \"cannot_join\": ",
		    d->size);
		mesh_i_json_names(b, p, r->names + d->first, d->nlisted);
		mesh_i_buf_puts(b, "}");
	}
	mesh_i_buf_puts(b, r->ndeps ? "\n      ]}\n  },\n" : "]}\n  },\n");
}

char *
mesh_replication_json(const struct mesh_analysis *a,
    const struct mesh_replication *r, const struct mesh_diags *diags)
{
	char *base = mesh_analysis_json(a, diags), *nodes, *diag, *s;
	struct mesh_i_buf b;

	if (base == NULL)
		return NULL;
	/* The analysis object's keys are fixed: "nodes" is the first key
	 * at the top level after "file", "diagnostics" the last. */
	nodes = strstr(base, "\n  \"nodes\": ");
	diag = strstr(base, "\n  \"diagnostics\": ");
	if (nodes == NULL || diag == NULL) {
		free(base);
		return NULL;
	}
	mesh_i_buf_init(&b);
	mesh_i_buf_add(&b, base, (size_t)(nodes - base) + 1);
	mesh_i_buf_puts(&b, "  \"model\": \"replication\",\n");
	mesh_i_buf_add(&b, nodes + 1, (size_t)(diag - nodes));
	put_json(&b, r);
	mesh_i_buf_puts(&b, diag + 1);
	free(base);
	s = mesh_i_buf_take(&b);
	return s;
}
