/* analysis.c: analyse a plan's route graph: components, single points of failure, bridges, connectivity. */
#include <stdlib.h>
#include <string.h>

#include "graph/components.h"
#include "graph/connectivity.h"
#include "graph/csr.h"
#include "graph/dfs.h"
#include "graph/survivors.h"
#include "meshsim/meshsim.h"
#include "base/util.h"

/* Working state of one analysis. */
struct work {
	const struct mesh_plan *plan;
	struct mesh_analysis *a;
	struct mesh_i_survivors s;      /* the up nodes, 0 .. s.n - 1 */
	struct mesh_i_dfs dfs;  /* over s.g: low points, subtrees, roots */
};

/* Connected components, from the depth-first search's roots: largest
 * first, ties by first name; members sorted by name. */
static enum mesh_error
find_components(struct work *w)
{
	struct mesh_analysis *a = w->a;
	int *comp, ncomp = 0, nc, r, v;

	/* A root is the smallest vertex of its component. */
	if ((comp = malloc(((size_t)w->s.n + 1) * sizeof(*comp))) == NULL)
		return MESH_ENOMEM;
	for (v = 0; v < w->s.n; v++)
		comp[v] = w->dfs.root[v] == v ? ncomp++ : comp[w->dfs.root[v]];
	a->cut_off = malloc(((size_t)w->s.n + 1) * sizeof(*a->cut_off));
	if (a->cut_off == NULL || (nc = mesh_i_components_sort(comp, ncomp,
	    w->s.by_rank, w->s.n, NULL, &a->comp_start, &a->comp_nodes)) < 0) {
		free(comp);
		return MESH_ENOMEM;
	}
	a->ncomponents = (size_t)nc;
	for (v = 0; v < w->s.n; v++)
		a->comp_nodes[v] = w->s.orig[a->comp_nodes[v]];
	for (r = 0; r < w->s.n; r++) {
		int u = w->s.by_rank[r];

		if (comp[u] != 0)
			a->cut_off[a->ncut_off++] = w->s.orig[u];
	}
	a->connected = nc <= 1;
	free(comp);
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
		mark[w->s.rank[v[i]]] = 1;
	for (r = 0; r < w->s.n && k < n; r++)
		if (mark[r]) {
			mark[r] = 0;
			v[k++] = w->s.by_rank[r];
		}
}

/* Pieces: the largest first, ties by first name. */
static int
piece_cmp(const void *pa, const void *pb)
{
	const struct mesh_i_piece *a = pa, *b = pb;

	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return (a->min_rank > b->min_rank) - (a->min_rank < b->min_rank);
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
	const struct mesh_i_dfs *d = &w->dfs;
	char *mark = NULL;
	int *pairs = NULL, *children = NULL, u;
	size_t nb = 0, k;

	*art = NULL;
	*nart = 0;
	mark = calloc((size_t)w->s.n + 1, 1);
	children = calloc((size_t)w->s.n + 1, sizeof(*children));
	*art = malloc(((size_t)w->s.n + 1) * sizeof(**art));
	if (mark == NULL || children == NULL || *art == NULL)
		goto nomem;
	/* A root is cut when it has two children; another node v when some
	 * child's subtree reaches no higher than v. */
	for (u = 0; u < w->s.n; u++) {
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
	for (k = 0, u = 0; u < w->s.n; u++) {
		int p = d->parent[u];
		int first, second;

		if (p < 0 || d->low[u] <= d->tin[p])
			continue;
		first = w->s.rank[p] < w->s.rank[u] ? p : u;
		second = first == p ? u : p;
		pairs[2 * k] = first;
		pairs[2 * k + 1] = second;
		k++;
	}
	if (mesh_i_sort_pairs(pairs, nb, w->s.rank, (size_t)w->s.n) != 0)
		goto nomem;
	for (k = 0; k < 2 * nb; k++)
		a->bridges[k] = w->s.orig[pairs[k]];
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

/* Append up to MESH_GROUP_NAMES_MAX nodes of the piece at seed, the
 * nearest first by breadth-first search that does not enter a, to the
 * analysis's group_nodes, sorted by name. stamp marks what this search
 * saw (value tag). Returns 0 or -1 when out of memory. */
static int
list_group(struct work *w, int a, int seed, int *stamp, int tag,
    int *queue, struct mesh_group *grp, size_t *cap)
{
	struct mesh_analysis *an = w->a;
	int i, n;

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
	queue[0] = seed;
	n = mesh_i_csr_nearest(&w->s.g, w->s.rank, queue, 1,
	    MESH_GROUP_NAMES_MAX, stamp, tag);
	grp->first = an->ngroup_nodes;
	grp->nlisted = (size_t)n;
	for (i = 0; i < n; i++)
		an->group_nodes[an->ngroup_nodes++] = w->s.orig[queue[i]];
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
	struct mesh_i_piece *pc = NULL;
	const struct mesh_i_dfs *d = &w->dfs;
	int *stamp = NULL, *queue = NULL, tag = 0, v, k, j;
	size_t i, gcap = 0, ncap = 0;
	enum mesh_error err = MESH_ENOMEM;

	pc = malloc(((size_t)mesh_i_csr_max_degree(&w->s.g) + 2) *
	    sizeof(*pc));
	stamp = malloc(((size_t)w->s.n + 1) * sizeof(*stamp));
	queue = malloc((MESH_GROUP_NAMES_MAX + 1) * sizeof(*queue));
	an->cutpoints = malloc((nart + 1) * sizeof(*an->cutpoints));
	if (!pc || !stamp || !queue || !an->cutpoints)
		goto done;
	for (v = 0; v < w->s.n; v++)
		stamp[v] = -1;
	for (i = 0; i < nart; i++) {
		struct mesh_cutpoint *cp = &an->cutpoints[i];

		k = mesh_i_dfs_pieces(d, &w->s.g, art[i], pc);
		qsort(pc, (size_t)k, sizeof(*pc), piece_cmp);
		cp->node = w->s.orig[art[i]];
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
	int delta = w->s.n > 0 ? w->s.g.off[1] - w->s.g.off[0] : 0, v, lower;

	for (v = 1; v < w->s.n; v++)
		if (w->s.g.off[v + 1] - w->s.g.off[v] < delta)
			delta = w->s.g.off[v + 1] - w->s.g.off[v];
	a->vertex_connectivity = a->edge_connectivity = 0;
	if (w->s.n < 2 || !a->connected)
		return MESH_OK;
	if (w->s.n == 2) {
		a->vertex_connectivity = a->edge_connectivity = 1;
		return MESH_OK;
	}

	/* kappa <= lambda <= delta; kappa >= 2 without articulation points,
	 * lambda >= 2 without bridges. */
	lower = a->ncutpoints > 0 ? 1 : 2;
	if (lower == 1 || delta == lower)
		a->vertex_connectivity = lower;
	else if ((size_t)w->s.n > a->connectivity_limit)
		a->vertex_connectivity = -1;
	else if (mesh_i_vertex_connectivity(&w->s.g, lower,
	    &a->vertex_connectivity) != 0)
		return MESH_ENOMEM;

	lower = a->nbridges > 0 ? 1 : 2;
	if (a->vertex_connectivity > lower)
		lower = a->vertex_connectivity;
	if (lower == 1 || delta == lower)
		a->edge_connectivity = lower;
	else if ((size_t)w->s.n > a->connectivity_limit)
		a->edge_connectivity = -1;
	else if (mesh_i_edge_connectivity(&w->s.g, lower,
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
	for (r = 0; r < w->s.n; r++) {
		int u = w->s.orig[w->s.by_rank[r]];
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

/* The survivors and the links between them, and one depth-first search
 * over those, which components, cuts and groups all read. */
static enum mesh_error
build_graph(struct work *w)
{
	if (mesh_i_survivors_build(&w->s, w->plan, w->a->is_down) != 0 ||
	    mesh_plan_sort_nodes(w->plan, w->a->down, w->a->ndown) != 0 ||
	    mesh_i_dfs_run(&w->dfs, &w->s.g, w->s.rank) != 0)
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
	if ((err = build_graph(&w)) != MESH_OK ||
	    (err = find_components(&w)) != MESH_OK ||
	    (err = find_cuts(&w, &art, &nart)) != MESH_OK ||
	    (err = find_groups(&w, art, nart)) != MESH_OK ||
	    (err = find_connectivity(&w)) != MESH_OK ||
	    (err = count_storage(&w)) != MESH_OK)
		goto done;
	a->nnodes = (size_t)w.s.n;
	a->nlinks = (size_t)w.s.g.m;
	for (i = 0; i < a->nnodes; i++)
		a->by_name[i] = w.s.orig[w.s.by_rank[i]];
	*out = a;
	a = NULL;
done:
	mesh_i_dfs_free(&w.dfs);
	mesh_i_survivors_free(&w.s);
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

int
mesh_analysis_next_not_clustering(const struct mesh_analysis *a, size_t *at)
{
	while (*at < a->nnodes) {
		int v = a->by_name[(*at)++];

		if (a->plan->nodes[v].no_cluster)
			return v;
	}
	return -1;
}
