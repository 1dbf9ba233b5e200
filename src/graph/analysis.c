/* analysis.c: analyse a plan's route graph: components, single points of failure, bridges, connectivity. */
#include <stdlib.h>
#include <string.h>

#include "graph/connectivity.h"
#include "graph/csr.h"
#include "meshsim/meshsim.h"
#include "base/util.h"

/* Depth-first search state over the csr: discovery times, low points,
 * subtree sizes and first names, and prefix / suffix minima of name ranks
 * over the pre-order of each component. */
struct dfs {
	int *tin, *low, *parent, *size, *submin, *pre, *root, *pm, *sm;
	int *it, *stack;
};

/* Working state of one analysis. Survivors are numbered 0 .. n-1. */
struct work {
	const struct mesh_plan *plan;
	struct mesh_analysis *a;
	int n;
	int *orig;              /* survivor -> plan node */
	int *rank;              /* survivor -> position by name */
	int *by_rank;           /* position by name -> survivor */
	int *edges;             /* 2 * m survivor indices */
	int m;
	struct mesh_i_csr g;
	struct dfs dfs;         /* over g: low points, subtrees, roots */
};

/* Survivors, their order by name, and the links between them. */
static enum mesh_error
collect_survivors(struct work *w)
{
	const struct mesh_plan *p = w->plan;
	struct mesh_analysis *a = w->a;
	int *sid = NULL;
	size_t i;
	int v, n = 0;

	sid = malloc((p->nnodes + 1) * sizeof(*sid));
	w->orig = malloc((p->nnodes + 1) * sizeof(*w->orig));
	w->rank = malloc((p->nnodes + 1) * sizeof(*w->rank));
	w->by_rank = malloc((p->nnodes + 1) * sizeof(*w->by_rank));
	w->edges = malloc((p->nlinks * 2 + 1) * sizeof(*w->edges));
	if (!sid || !w->orig || !w->rank || !w->by_rank || !w->edges)
		goto nomem;
	for (i = 0; i < p->nnodes; i++) {
		sid[i] = a->is_down[i] ? -1 : n;
		if (!a->is_down[i])
			w->orig[n++] = (int)i;
	}
	w->n = n;
	for (i = 0; i < p->nlinks; i++) {
		int x = sid[p->links[2 * i]], y = sid[p->links[2 * i + 1]];

		if (x >= 0 && y >= 0) {
			w->edges[2 * w->m] = x;
			w->edges[2 * w->m + 1] = y;
			w->m++;
		}
	}
	/* Ranks: survivors in name order. */
	memcpy(w->by_rank, w->orig, (size_t)n * sizeof(*w->by_rank));
	if (mesh_plan_sort_nodes(p, w->by_rank, (size_t)n) != 0 ||
	    mesh_plan_sort_nodes(p, a->down, a->ndown) != 0)
		goto nomem;
	for (v = 0; v < n; v++) {
		w->by_rank[v] = sid[w->by_rank[v]];
		w->rank[w->by_rank[v]] = v;
	}
	free(sid);
	return MESH_OK;
nomem:
	free(sid);
	return MESH_ENOMEM;
}

struct comp_key {
	int size;
	int first;              /* rank of its first name */
	int id;
};

/* Largest first; ties by first name. */
static int
comp_key_cmp(const void *pa, const void *pb)
{
	const struct comp_key *a = pa, *b = pb;

	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return (a->first > b->first) - (a->first < b->first);
}

/* Connected components, from the depth-first search's roots: largest
 * first, ties by first name; members sorted by name. */
static enum mesh_error
find_components(struct work *w)
{
	struct mesh_analysis *a = w->a;
	const struct dfs *d = &w->dfs;
	struct comp_key *key = NULL;
	size_t *fill = NULL;
	int *newid = NULL, *cid = NULL, ncomp = 0, c, r, v;

	/* cid: the root of each component -> its number in search order. */
	if ((cid = malloc(((size_t)w->n + 1) * sizeof(*cid))) == NULL)
		return MESH_ENOMEM;
	for (v = 0; v < w->n; v++)
		if (d->root[v] == v)
			cid[v] = ncomp++;
	key = malloc(((size_t)ncomp + 1) * sizeof(*key));
	newid = malloc(((size_t)ncomp + 1) * sizeof(*newid));
	fill = malloc(((size_t)ncomp + 1) * sizeof(*fill));
	a->comp_start = calloc((size_t)ncomp + 2, sizeof(*a->comp_start));
	a->comp_nodes = malloc(((size_t)w->n + 1) * sizeof(*a->comp_nodes));
	a->cut_off = malloc(((size_t)w->n + 1) * sizeof(*a->cut_off));
	if (!key || !newid || !fill || !a->comp_start || !a->comp_nodes ||
	    !a->cut_off) {
		free(cid);
		free(key);
		free(newid);
		free(fill);
		return MESH_ENOMEM;
	}
	a->ncomponents = (size_t)ncomp;
	for (v = 0; v < w->n; v++)
		if (d->root[v] == v) {
			c = cid[v];
			key[c].size = d->size[v];
			key[c].first = -1;
			key[c].id = c;
		}
	for (r = 0; r < w->n; r++) {
		c = cid[d->root[w->by_rank[r]]];
		if (key[c].first < 0)
			key[c].first = r;
	}
	qsort(key, (size_t)ncomp, sizeof(*key), comp_key_cmp);
	for (c = 0; c < ncomp; c++) {
		newid[key[c].id] = (int)c;
		a->comp_start[c + 1] = a->comp_start[c] + (size_t)key[c].size;
		fill[c] = a->comp_start[c];
	}
	/* Walking survivors in name order leaves every component sorted. */
	for (r = 0; r < w->n; r++) {
		int u = w->by_rank[r];
		int id = newid[cid[d->root[u]]];

		a->comp_nodes[fill[id]++] = w->orig[u];
		if (id != 0)
			a->cut_off[a->ncut_off++] = w->orig[u];
	}
	a->connected = ncomp <= 1;
	free(cid);
	free(key);
	free(newid);
	free(fill);
	return MESH_OK;
}

/* Sort survivor indices v[0 .. n-1] by name, through their ranks: a
 * counting pass over the ranks, linear in the survivors. */
static void
sort_by_rank(const struct work *w, int *v, size_t n, char *mark)
{
	size_t i, k = 0;
	int r;

	for (i = 0; i < n; i++)
		mark[w->rank[v[i]]] = 1;
	for (r = 0; r < w->n && k < n; r++)
		if (mark[r]) {
			mark[r] = 0;
			v[k++] = w->by_rank[r];
		}
}

/* A piece of a component left by the loss of one node. */
struct piece {
	int size;
	int seed;               /* a survivor in the piece */
	int min_rank;           /* its first name's rank */
};

static int
piece_cmp(const void *pa, const void *pb)
{
	const struct piece *a = pa, *b = pb;

	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return (a->min_rank > b->min_rank) - (a->min_rank < b->min_rank);
}

static void
dfs_free(struct dfs *d)
{
	free(d->tin);
	free(d->low);
	free(d->parent);
	free(d->size);
	free(d->submin);
	free(d->pre);
	free(d->root);
	free(d->pm);
	free(d->sm);
	free(d->it);
	free(d->stack);
}

static int
dfs_run(const struct work *w, struct dfs *d)
{
	const struct mesh_i_csr *g = &w->g;
	size_t n1 = (size_t)w->n + 1;
	int s, t = 0, sp, i;

	memset(d, 0, sizeof(*d));
	d->tin = malloc(n1 * sizeof(int));
	d->low = malloc(n1 * sizeof(int));
	d->parent = malloc(n1 * sizeof(int));
	d->size = malloc(n1 * sizeof(int));
	d->submin = malloc(n1 * sizeof(int));
	d->pre = malloc(n1 * sizeof(int));
	d->root = malloc(n1 * sizeof(int));
	d->pm = malloc(n1 * sizeof(int));
	d->sm = malloc(n1 * sizeof(int));
	d->it = malloc(n1 * sizeof(int));
	d->stack = malloc(n1 * sizeof(int));
	if (!d->tin || !d->low || !d->parent || !d->size || !d->submin ||
	    !d->pre || !d->root || !d->pm || !d->sm || !d->it || !d->stack)
		return -1;
	for (s = 0; s < w->n; s++)
		d->tin[s] = -1;
	for (s = 0; s < w->n; s++) {
		if (d->tin[s] >= 0)
			continue;
		d->parent[s] = -1;
		d->stack[0] = s;
		sp = 1;
		d->root[s] = s;
		d->tin[s] = d->low[s] = t;
		d->submin[s] = w->rank[s];
		d->pre[t++] = s;
		d->it[s] = g->off[s];
		while (sp > 0) {
			int v = d->stack[sp - 1];

			if (d->it[v] < g->off[v + 1]) {
				int u = g->adj[d->it[v]++];

				if (d->tin[u] < 0) {
					d->parent[u] = v;
					d->root[u] = s;
					d->tin[u] = d->low[u] = t;
					d->submin[u] = w->rank[u];
					d->pre[t++] = u;
					d->it[u] = g->off[u];
					d->stack[sp++] = u;
				} else if (u != d->parent[v] &&
				    d->tin[u] < d->low[v]) {
					d->low[v] = d->tin[u];
				}
				continue;
			}
			sp--;
			d->size[v] = t - d->tin[v];
			if (d->parent[v] >= 0) {
				int p = d->parent[v];

				if (d->low[v] < d->low[p])
					d->low[p] = d->low[v];
				if (d->submin[v] < d->submin[p])
					d->submin[p] = d->submin[v];
			}
		}
	}
	for (i = 0; i < w->n; i++)
		d->pm[i] = d->root[d->pre[i]] == d->pre[i] ? w->n :
		    (d->pm[i - 1] < w->rank[d->pre[i - 1]] ? d->pm[i - 1] :
		    w->rank[d->pre[i - 1]]);
	for (i = w->n - 1; i >= 0; i--) {
		d->sm[i] = w->rank[d->pre[i]];
		if (i + 1 < w->n && d->root[d->pre[i + 1]] != d->pre[i + 1] &&
		    d->sm[i + 1] < d->sm[i])
			d->sm[i] = d->sm[i + 1];
	}
	return 0;
}

/*
 * Articulation points and bridges, from one depth-first search over the
 * csr (Hopcroft-Tarjan low points; the links are simple, so a tree edge
 * is the only link between a node and its parent). On return the analysis
 * holds them as survivor indices (turned into plan indices by the caller),
 * articulation points sorted by name, each bridge (a, b) with a's name
 * first, the list sorted. The search stays in w->dfs for find_groups().
 */
static enum mesh_error
find_cuts(struct work *w, int **art, size_t *nart)
{
	struct mesh_analysis *a = w->a;
	const struct dfs *d = &w->dfs;
	char *mark = NULL;
	int *pairs = NULL, *children = NULL, u;
	size_t nb = 0, k;

	*art = NULL;
	*nart = 0;
	mark = calloc((size_t)w->n + 1, 1);
	children = calloc((size_t)w->n + 1, sizeof(*children));
	*art = malloc(((size_t)w->n + 1) * sizeof(**art));
	if (mark == NULL || children == NULL || *art == NULL)
		goto nomem;
	/* A root is cut when it has two children; another node v when some
	 * child's subtree reaches no higher than v. */
	for (u = 0; u < w->n; u++) {
		int p = d->parent[u];

		if (p < 0)
			continue;
		if (d->low[u] > d->tin[p])
			nb++;
		if (d->parent[p] < 0 ? ++children[p] == 2 :
		    d->low[u] >= d->tin[p] && !mark[p]) {
			mark[p] = 1;
			(*art)[(*nart)++] = p;
		}
	}
	for (k = 0; k < *nart; k++)
		mark[(*art)[k]] = 0;
	sort_by_rank(w, *art, *nart, mark);

	pairs = malloc((2 * nb + 1) * sizeof(*pairs));
	a->bridges = malloc((2 * nb + 1) * sizeof(*a->bridges));
	if (pairs == NULL || a->bridges == NULL)
		goto nomem;
	for (k = 0, u = 0; u < w->n; u++) {
		int p = d->parent[u];
		int first, second;

		if (p < 0 || d->low[u] <= d->tin[p])
			continue;
		first = w->rank[p] < w->rank[u] ? p : u;
		second = first == p ? u : p;
		pairs[2 * k] = first;
		pairs[2 * k + 1] = second;
		k++;
	}
	if (mesh_i_sort_pairs(pairs, nb, w->rank, (size_t)w->n) != 0)
		goto nomem;
	for (k = 0; k < 2 * nb; k++)
		a->bridges[k] = w->orig[pairs[k]];
	a->nbridges = nb;
	free(mark);
	free(children);
	free(pairs);
	return MESH_OK;
nomem:
	free(mark);
	free(children);
	free(pairs);
	free(*art);
	*art = NULL;
	*nart = 0;
	return MESH_ENOMEM;
}

/* The pieces that the loss of survivor a leaves of its component, into
 * out (room for deg(a) + 1). Returns how many. */
static int
pieces_of(const struct work *w, const struct dfs *d, int a,
    struct piece *out)
{
	const struct mesh_i_csr *g = &w->g;
	int k = 0, sep = 0, other_min = w->n, i;

	for (i = g->off[a]; i < g->off[a + 1]; i++) {
		int u = g->adj[i];

		if (d->parent[u] != a)
			continue;
		if (d->low[u] >= d->tin[a]) {
			out[k].size = d->size[u];
			out[k].seed = u;
			out[k].min_rank = d->submin[u];
			sep += d->size[u];
			k++;
		} else if (d->submin[u] < other_min) {
			other_min = d->submin[u];
		}
	}
	if (d->parent[a] >= 0) {
		int r = d->root[a];
		int end = d->tin[a] + d->size[a];
		int m = d->pm[d->tin[a]];

		if (end < d->tin[r] + d->size[r] && d->sm[end] < m)
			m = d->sm[end];
		if (other_min < m)
			m = other_min;
		out[k].size = d->size[r] - 1 - sep;
		out[k].seed = d->parent[a];
		out[k].min_rank = m;
		k++;
	}
	return k;
}

/* Append up to MESH_GROUP_NAMES_MAX nodes of the piece at seed, the
 * nearest first by breadth-first search that does not enter a, to the
 * analysis's group_nodes, sorted by name. stamp marks what this search
 * saw (value tag). Returns 0 or -1 when out of memory. */
static int
list_group(struct work *w, int a, int seed, int *stamp, int tag,
    int *queue, struct mesh_group *grp, size_t *cap)
{
	struct mesh_analysis *an = w->a;
	const struct mesh_i_csr *g = &w->g;
	int head = 0, tail = 0, i, j;

	if (an->ngroup_nodes + MESH_GROUP_NAMES_MAX > *cap) {
		size_t c = *cap ? *cap * 2 : 256;
		int *p = realloc(an->group_nodes, c * sizeof(*p));

		if (p == NULL)
			return -1;
		an->group_nodes = p;
		*cap = c;
	}
	stamp[a] = tag;
	stamp[seed] = tag;
	queue[tail++] = seed;
	while (head < tail && tail < MESH_GROUP_NAMES_MAX) {
		int v = queue[head++];

		for (i = g->off[v]; i < g->off[v + 1] &&
		    tail < MESH_GROUP_NAMES_MAX; i++) {
			int u = g->adj[i];

			if (stamp[u] != tag) {
				stamp[u] = tag;
				queue[tail++] = u;
			}
		}
	}
	/* Insertion sort by rank: at most MESH_GROUP_NAMES_MAX items. */
	for (i = 1; i < tail; i++) {
		int v = queue[i];

		for (j = i; j > 0 && w->rank[queue[j - 1]] > w->rank[v]; j--)
			queue[j] = queue[j - 1];
		queue[j] = v;
	}
	grp->first = an->ngroup_nodes;
	grp->nlisted = (size_t)tail;
	for (i = 0; i < tail; i++)
		an->group_nodes[an->ngroup_nodes++] = w->orig[queue[i]];
	return 0;
}

/* For every articulation point (survivor indices, sorted by name), the
 * pieces its loss leaves: the largest, and the groups cut off from it.
 * Each piece lists at most MESH_GROUP_NAMES_MAX names, so the whole stays
 * linear in the links. */
static enum mesh_error
find_groups(struct work *w, const int *art, size_t nart)
{
	struct mesh_analysis *an = w->a;
	struct piece *pc = NULL;
	const struct dfs *d = &w->dfs;
	int *stamp = NULL, *queue = NULL, maxdeg = 0, tag = 0, v, k, j;
	size_t i, gcap = 0, ncap = 0;
	enum mesh_error err = MESH_ENOMEM;

	for (v = 0; v < w->n; v++)
		if (w->g.off[v + 1] - w->g.off[v] > maxdeg)
			maxdeg = w->g.off[v + 1] - w->g.off[v];
	pc = malloc(((size_t)maxdeg + 2) * sizeof(*pc));
	stamp = malloc(((size_t)w->n + 1) * sizeof(*stamp));
	queue = malloc((MESH_GROUP_NAMES_MAX + 1) * sizeof(*queue));
	an->cutpoints = malloc((nart + 1) * sizeof(*an->cutpoints));
	if (!pc || !stamp || !queue || !an->cutpoints)
		goto done;
	for (v = 0; v < w->n; v++)
		stamp[v] = -1;
	for (i = 0; i < nart; i++) {
		struct mesh_cutpoint *cp = &an->cutpoints[i];

		k = pieces_of(w, d, art[i], pc);
		qsort(pc, (size_t)k, sizeof(*pc), piece_cmp);
		cp->node = w->orig[art[i]];
		cp->stays = k > 0 ? (size_t)pc[0].size : 0;
		cp->nlargest = 0;
		for (j = 0; j < k && pc[j].size == pc[0].size; j++)
			cp->nlargest++;
		memset(&cp->largest, 0, sizeof(cp->largest));
		cp->largest.size = cp->stays;
		if (k > 0 && list_group(w, art[i], pc[0].seed, stamp, tag++,
		    queue, &cp->largest, &ncap) != 0)
			goto done;
		cp->first = an->ngroups;
		cp->ngroups = k > 0 ? (size_t)k - 1 : 0;
		if (an->ngroups + (size_t)k > gcap) {
			size_t c = gcap ? gcap * 2 : 64;
			struct mesh_group *p;

			while (c < an->ngroups + (size_t)k)
				c *= 2;
			if ((p = realloc(an->groups, c * sizeof(*p))) == NULL)
				goto done;
			an->groups = p;
			gcap = c;
		}
		for (j = 1; j < k; j++) {
			struct mesh_group *grp = &an->groups[an->ngroups];

			grp->size = (size_t)pc[j].size;
			if (list_group(w, art[i], pc[j].seed, stamp, tag++,
			    queue, grp, &ncap) != 0)
				goto done;
			an->ngroups++;
		}
		an->ncutpoints++;
	}
	err = MESH_OK;
done:
	free(pc);
	free(stamp);
	free(queue);
	return err;
}

/* Vertex and edge connectivity: exact from articulation points, bridges
 * and the minimum degree where those settle it, else by max-flow
 * (connectivity.c) unless the survivors exceed the limit. */
static enum mesh_error
find_connectivity(struct work *w)
{
	struct mesh_analysis *a = w->a;
	int delta = w->n > 0 ? w->g.off[1] - w->g.off[0] : 0, v, lower;

	for (v = 1; v < w->n; v++)
		if (w->g.off[v + 1] - w->g.off[v] < delta)
			delta = w->g.off[v + 1] - w->g.off[v];
	a->vertex_connectivity = a->edge_connectivity = 0;
	if (w->n < 2 || !a->connected)
		return MESH_OK;
	if (w->n == 2) {
		a->vertex_connectivity = a->edge_connectivity = 1;
		return MESH_OK;
	}

	/* kappa <= lambda <= delta; kappa >= 2 without articulation points,
	 * lambda >= 2 without bridges. */
	lower = a->ncutpoints > 0 ? 1 : 2;
	if (lower == 1 || delta == lower)
		a->vertex_connectivity = lower;
	else if ((size_t)w->n > a->connectivity_limit)
		a->vertex_connectivity = -1;
	else if (mesh_i_vertex_connectivity(&w->g, lower,
	    &a->vertex_connectivity) != 0)
		return MESH_ENOMEM;

	lower = a->nbridges > 0 ? 1 : 2;
	if (a->vertex_connectivity > lower)
		lower = a->vertex_connectivity;
	if (lower == 1 || delta == lower)
		a->edge_connectivity = lower;
	else if ((size_t)w->n > a->connectivity_limit)
		a->edge_connectivity = -1;
	else if (mesh_i_edge_connectivity(&w->g, lower,
	    &a->edge_connectivity) != 0)
		return MESH_ENOMEM;
	return MESH_OK;
}

/* Routes each survivor stores that make a link to another survivor;
 * those that lead to down nodes; those the down nodes store. */
static enum mesh_error
count_storage(struct work *w)
{
	const struct mesh_plan *p = w->plan;
	struct mesh_analysis *a = w->a;
	int r;

	if ((a->stored = calloc(p->nnodes + 1, sizeof(*a->stored))) == NULL)
		return MESH_ENOMEM;
	a->top_storer = -1;
	for (r = 0; r < w->n; r++) {
		int u = w->orig[w->by_rank[r]];
		const struct mesh_node *n = &p->nodes[u];
		size_t j;

		a->nroutes += n->nroutes;
		for (j = 0; j < n->nroutes; j++) {
			if (n->routes[j].target < 0)
				continue;
			if (a->is_down[n->routes[j].target])
				a->nroutes_to_down++;
			else
				a->stored[u]++;
		}
		a->stored_total += a->stored[u];
		if (a->stored[u] > 0 && (a->top_storer < 0 ||
		    a->stored[u] > a->stored[a->top_storer]))
			a->top_storer = u;
	}
	for (r = 0; (size_t)r < a->ndown; r++)
		a->nroutes_of_down += p->nodes[a->down[r]].nroutes;
	return MESH_OK;
}

/* The compact adjacency array over the survivors, and one depth-first
 * search over it, which components, cuts and groups all read. */
static enum mesh_error
build_graph(struct work *w)
{
	if (mesh_i_csr_build(&w->g, w->n, w->edges, w->m) != 0 ||
	    dfs_run(w, &w->dfs) != 0)
		return MESH_ENOMEM;
	return MESH_OK;
}

enum mesh_error
mesh_analyze(const struct mesh_plan *plan,
    const struct mesh_analysis_options *opts, struct mesh_analysis **out)
{
	struct work w;
	struct mesh_analysis *a;
	enum mesh_error err = MESH_ENOMEM;
	int *art = NULL;
	size_t i, nart = 0;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return MESH_ENOMEM;
	a->plan = plan;
	a->connectivity_limit = opts && opts->connectivity_limit ?
	    opts->connectivity_limit : MESH_CONNECTIVITY_LIMIT;
	a->is_down = calloc(plan->nnodes + 1, sizeof(*a->is_down));
	a->down = malloc(((opts ? opts->ndown : 0) + 1) * sizeof(*a->down));
	a->by_name = malloc((plan->nnodes + 1) * sizeof(*a->by_name));
	if (a->is_down == NULL || a->down == NULL || a->by_name == NULL)
		goto done;
	for (i = 0; opts != NULL && i < opts->ndown; i++) {
		int v = opts->down[i];

		if (v < 0 || (size_t)v >= plan->nnodes) {
			err = MESH_EINVAL;
			goto done;
		}
		if (!a->is_down[v])
			a->down[a->ndown++] = v;
		a->is_down[v] = true;
	}

	w.plan = plan;
	w.a = a;
	if ((err = collect_survivors(&w)) != MESH_OK ||
	    (err = build_graph(&w)) != MESH_OK ||
	    (err = find_components(&w)) != MESH_OK ||
	    (err = find_cuts(&w, &art, &nart)) != MESH_OK ||
	    (err = find_groups(&w, art, nart)) != MESH_OK ||
	    (err = find_connectivity(&w)) != MESH_OK ||
	    (err = count_storage(&w)) != MESH_OK)
		goto done;
	a->nnodes = (size_t)w.n;
	a->nlinks = (size_t)w.m;
	for (i = 0; i < a->nnodes; i++)
		a->by_name[i] = w.orig[w.by_rank[i]];
	*out = a;
	a = NULL;
done:
	dfs_free(&w.dfs);
	mesh_i_csr_free(&w.g);
	free(w.orig);
	free(w.rank);
	free(w.by_rank);
	free(w.edges);
	free(art);
	mesh_analysis_free(a);
	return err;
}

void
mesh_analysis_free(struct mesh_analysis *a)
{
	if (a == NULL)
		return;
	free(a->is_down);
	free(a->down);
	free(a->by_name);
	free(a->comp_start);
	free(a->comp_nodes);
	free(a->cut_off);
	free(a->cutpoints);
	free(a->groups);
	free(a->group_nodes);
	free(a->bridges);
	free(a->stored);
	free(a);
}
