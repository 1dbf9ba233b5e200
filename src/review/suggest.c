/* suggest.c: suggest the fewest routes that leave a plan with no single point of failure (biconnectivity augmentation on the block-cut tree). */
#include <stdlib.h>
#include <string.h>

#include "graph/connectivity.h"
#include "graph/csr.h"
#include "meshsim/meshsim.h"
#include "meshsim/suggest.h"

/* The working graph: every plan node, the plan's links and the routes
 * added so far. */
struct work {
	const struct mesh_plan *plan;
	int n;
	int *rank;              /* node -> position by name */
	int *edges;             /* 2 * m node indices */
	int m, ecap;
	char *used;             /* endpoint of a new route */
	size_t *stored;         /* routes each node stores */
	struct mesh_suggestion *s;
	size_t rcap;
};

/* What one pass over the blocks finds; arrays have room for n + 1. */
struct blocks {
	int ncut;
	int d;                  /* most pieces one node's loss leaves */
	int p;                  /* leaf blocks */
	int *leaf_rep;          /* each leaf block's representative */
	int *leaf_alt;          /* another of its non-cut nodes, or -1 */
	int ncomp;
	int *comp_root;         /* each component's first node by name */
	int *comp_of;           /* node -> component */
	/* scratch */
	int *tin, *low, *parent, *it, *stack, *vstack, *nb, *members;
	int *bstart;
};

static void
blocks_free(struct blocks *b)
{
	free(b->leaf_rep);
	free(b->leaf_alt);
	free(b->comp_root);
	free(b->comp_of);
	free(b->tin);
	free(b->low);
	free(b->parent);
	free(b->it);
	free(b->stack);
	free(b->vstack);
	free(b->nb);
	free(b->members);
	free(b->bstart);
}

/* Allocate b for n nodes. Returns 0, or -1 when out of memory. */
static int
blocks_init(struct blocks *b, int n)
{
	size_t n1 = (size_t)n + 1, n2 = 2 * (size_t)n + 2;

	memset(b, 0, sizeof(*b));
	b->leaf_rep = malloc(n1 * sizeof(int));
	b->leaf_alt = malloc(n1 * sizeof(int));
	b->comp_root = malloc(n1 * sizeof(int));
	b->comp_of = malloc(n1 * sizeof(int));
	b->tin = malloc(n1 * sizeof(int));
	b->low = malloc(n1 * sizeof(int));
	b->parent = malloc(n1 * sizeof(int));
	b->it = malloc(n1 * sizeof(int));
	b->stack = malloc(n1 * sizeof(int));
	b->vstack = malloc(n1 * sizeof(int));
	b->nb = malloc(n1 * sizeof(int));
	b->members = malloc(n2 * sizeof(int));
	b->bstart = malloc(n2 * sizeof(int));
	if (!b->leaf_rep || !b->leaf_alt || !b->comp_root || !b->comp_of ||
	    !b->tin || !b->low || !b->parent || !b->it || !b->stack ||
	    !b->vstack || !b->nb || !b->members || !b->bstart) {
		blocks_free(b);
		return -1;
	}
	return 0;
}

/*
 * Blocks, cut nodes and leaf blocks of g (Hopcroft and Tarjan, with a
 * stack of nodes). Roots are taken in name order, so components come in
 * the order of their first names. A leaf block holds exactly one cut
 * node; its representative is its first non-cut node by name that no new
 * route uses yet, else its first non-cut node.
 */
static void
find_blocks(const struct work *w, const struct mesh_i_csr *g,
    const int *by_rank, struct blocks *b)
{
	int r, t = 0, nblocks = 0, nmem = 0, i, j;

	b->ncut = b->d = b->p = b->ncomp = 0;
	for (i = 0; i < w->n; i++) {
		b->tin[i] = -1;
		b->nb[i] = 0;
	}
	b->bstart[0] = 0;
	for (r = 0; r < w->n; r++) {
		int s = by_rank[r], sp = 1, vsp = 0;

		if (b->tin[s] >= 0)
			continue;
		b->comp_root[b->ncomp] = s;
		b->parent[s] = -1;
		b->stack[0] = s;
		b->tin[s] = b->low[s] = t++;
		b->comp_of[s] = b->ncomp;
		b->it[s] = g->off[s];
		b->vstack[vsp++] = s;
		while (sp > 0) {
			int v = b->stack[sp - 1];

			if (b->it[v] < g->off[v + 1]) {
				int u = g->adj[b->it[v]++];

				if (b->tin[u] < 0) {
					b->parent[u] = v;
					b->tin[u] = b->low[u] = t++;
					b->comp_of[u] = b->ncomp;
					b->it[u] = g->off[u];
					b->stack[sp++] = u;
					b->vstack[vsp++] = u;
				} else if (b->tin[u] < b->low[v]) {
					b->low[v] = b->tin[u];
				}
				continue;
			}
			sp--;
			if (b->parent[v] < 0)
				continue;
			{
				int p = b->parent[v];

				if (b->low[v] < b->low[p])
					b->low[p] = b->low[v];
				if (b->low[v] < b->tin[p])
					continue;
				/* v's subtree down to v, with p, is a block. */
				b->nb[p]++;
				do {
					b->members[nmem++] = b->vstack[--vsp];
				} while (b->members[nmem - 1] != v);
				b->members[nmem++] = p;
				b->bstart[++nblocks] = nmem;
			}
		}
		b->ncomp++;
	}
	/* Pieces a node's loss leaves: its blocks. */
	for (i = 0; i < w->n; i++) {
		int pieces = b->nb[i] + (b->parent[i] >= 0 ? 1 : 0);

		if (b->parent[i] < 0 && b->nb[i] < 2)
			continue;
		if (b->parent[i] >= 0 && b->nb[i] == 0)
			continue;
		b->ncut++;
		if (pieces > b->d)
			b->d = pieces;
	}
	for (j = 0; j < nblocks; j++) {
		int ncut = 0, rep = -1, first = -1, alt = -1;

		for (i = b->bstart[j]; i < b->bstart[j + 1]; i++) {
			int v = b->members[i];
			int cut = b->parent[v] < 0 ? b->nb[v] >= 2 :
			    b->nb[v] > 0;

			if (cut) {
				ncut++;
				continue;
			}
			if (first < 0 || w->rank[v] < w->rank[first])
				first = v;
			if (!w->used[v] &&
			    (rep < 0 || w->rank[v] < w->rank[rep]))
				rep = v;
		}
		if (ncut != 1 || first < 0)
			continue;
		if (rep < 0)
			rep = first;
		for (i = b->bstart[j]; i < b->bstart[j + 1]; i++) {
			int v = b->members[i];
			int cut = b->parent[v] < 0 ? b->nb[v] >= 2 :
			    b->nb[v] > 0;

			if (!cut && v != rep &&
			    (alt < 0 || w->rank[v] < w->rank[alt]))
				alt = v;
		}
		b->leaf_rep[b->p] = rep;
		b->leaf_alt[b->p] = alt;
		b->p++;
	}
}

/* The lower bound max(d - 1, ceil(p / 2)) of a connected graph; 0 when it
 * has no cut node. */
static int
bound_of(const struct blocks *b)
{
	int half = (b->p + 1) / 2;

	if (b->ncut == 0)
		return 0;
	return b->d - 1 > half ? b->d - 1 : half;
}

/* Add the link u-v to the working graph. Returns 0 or -1. */
static int
add_edge(struct work *w, int u, int v)
{
	if (w->m >= w->ecap) {
		int c = w->ecap ? w->ecap * 2 : 64;
		int *p = realloc(w->edges, 2 * (size_t)c * sizeof(*p));

		if (p == NULL)
			return -1;
		w->edges = p;
		w->ecap = c;
	}
	w->edges[2 * w->m] = u;
	w->edges[2 * w->m + 1] = v;
	w->m++;
	return 0;
}

/* Build g from the working graph and find its blocks. Returns 0 or -1. */
static int
recompute(const struct work *w, const int *by_rank, struct blocks *b)
{
	struct mesh_i_csr g;

	if (mesh_i_csr_build(&g, w->n, w->edges, w->m) != 0)
		return -1;
	find_blocks(w, &g, by_rank, b);
	mesh_i_csr_free(&g);
	return 0;
}

/* Record the route u-v, stored by the endpoint that stores fewer routes
 * (ties by name), and add its link. Returns 0 or -1. */
static int
take_route(struct work *w, int u, int v)
{
	struct mesh_suggestion *s = w->s;
	int from = u, to = v;

	if (w->stored[v] < w->stored[u] ||
	    (w->stored[v] == w->stored[u] && w->rank[v] < w->rank[u])) {
		from = v;
		to = u;
	}
	if (s->nroutes >= w->rcap) {
		size_t c = w->rcap ? w->rcap * 2 : 16;
		struct mesh_suggest_route *p = realloc(s->routes,
		    c * sizeof(*p));

		if (p == NULL)
			return -1;
		s->routes = p;
		w->rcap = c;
	}
	s->routes[s->nroutes].from = from;
	s->routes[s->nroutes].to = to;
	s->nroutes++;
	w->stored[from]++;
	w->used[u] = w->used[v] = 1;
	return add_edge(w, u, v);
}

/* Join the components in a chain, each entered and left through leaf
 * blocks (distinct ones where it has two). Returns 0 or -1. */
static int
join_components(struct work *w, const struct blocks *b)
{
	int c, i, prev_out = -1;

	for (c = 0; c < b->ncomp; c++) {
		int in = -1, out = -1;

		for (i = 0; i < b->p; i++) {
			if (b->comp_of[b->leaf_rep[i]] != c)
				continue;
			if (in < 0)
				in = b->leaf_rep[i];
			else
				out = b->leaf_rep[i];
		}
		if (in < 0) {
			/* One block (or one node): two of its nodes. */
			int root = b->comp_root[c];

			in = root;
			for (i = 0; i < w->n; i++)
				if (b->comp_of[i] == c && i != root &&
				    (out < 0 || w->rank[i] < w->rank[out]))
					out = i;
		}
		if (out < 0)
			out = in;
		if (prev_out >= 0) {
			if (take_route(w, prev_out, in) != 0)
				return -1;
			w->s->njoins++;
		}
		prev_out = out;
	}
	return 0;
}

/*
 * Try the link u-v: keep it as a route when it lowers the bound by one
 * (to want). Returns 1 when kept, 0 when not, -1 when out of memory.
 */
static int
try_pair(struct work *w, const int *by_rank, struct blocks *tb, int u,
    int v, int want)
{
	if (u == v || add_edge(w, u, v) != 0)
		return u == v ? 0 : -1;
	if (recompute(w, by_rank, tb) != 0)
		return -1;
	w->m--;
	if (bound_of(tb) != want)
		return 0;
	return take_route(w, u, v) == 0 ? 1 : -1;
}

/*
 * Remove every cut node of the connected working graph, one route at a
 * time: each lowers max(d - 1, ceil(p / 2)) by one. Leaves come in the
 * order of a depth-first search; leaf i is tried with leaf i + ceil(p/2)
 * first (Eswaran and Tarjan), then every pair of leaves, then other nodes
 * of the leaves. When no route lowers the bound, a route between two
 * leaves is taken anyway (fewer leaves) and the result is not minimal.
 * Returns 0 or -1.
 */
static int
augment(struct work *w, const int *by_rank, struct blocks *b,
    struct blocks *tb)
{
	int lb, i, j, h, k, r;

	if (recompute(w, by_rank, b) != 0)
		return -1;
	w->s->leaves = (size_t)b->p;
	w->s->pieces = (size_t)(b->ncut ? b->d : 0);
	w->s->bound = (size_t)bound_of(b);
	while ((lb = bound_of(b)) > 0 && b->p >= 2) {
		r = 0;
		h = (b->p + 1) / 2;
		for (i = 0; i < b->p && r == 0; i++) {
			j = (i + h) % b->p;
			r = try_pair(w, by_rank, tb, b->leaf_rep[i],
			    b->leaf_rep[j], lb - 1);
		}
		for (i = 0; i < b->p && r == 0; i++)
			for (j = i + 1; j < b->p && r == 0; j++)
				r = try_pair(w, by_rank, tb, b->leaf_rep[i],
				    b->leaf_rep[j], lb - 1);
		for (i = 0; i < b->p && r == 0; i++)
			for (j = 0; j < b->p && r == 0; j++)
				for (k = 0; k < 2 && r == 0; k++)
					if (i != j && b->leaf_alt[i] >= 0)
						r = try_pair(w, by_rank, tb,
						    b->leaf_alt[i], k ?
						    b->leaf_alt[j] :
						    b->leaf_rep[j], lb - 1);
		if (r < 0)
			return -1;
		if (r == 0 && take_route(w, b->leaf_rep[0],
		    b->leaf_rep[h]) != 0)
			return -1;
		if (recompute(w, by_rank, b) != 0)
			return -1;
	}
	return 0;
}

/*
 * A pair of nodes whose loss splits the working graph, found in name
 * order, and in two of the pieces it leaves the node of least degree
 * (then first by name): *u and *v. Returns 1 when found, 0 when there is
 * none, -1 when out of memory.
 */
static int
find_split_pair(const struct work *w, const int *by_rank, int *u, int *v)
{
	struct mesh_i_csr g;
	int *comp = NULL, *queue = NULL, *best = NULL;
	int rx, ry, r, i, found = -1;

	if (mesh_i_csr_build(&g, w->n, w->edges, w->m) != 0)
		return -1;
	comp = malloc(((size_t)w->n + 1) * sizeof(*comp));
	queue = malloc(((size_t)w->n + 1) * sizeof(*queue));
	best = malloc(((size_t)w->n + 1) * sizeof(*best));
	if (!comp || !queue || !best)
		goto done;
	found = 0;
	for (rx = 0; rx < w->n && !found; rx++)
		for (ry = rx + 1; ry < w->n && !found; ry++) {
			int nc = 0;

			for (i = 0; i < w->n; i++)
				comp[i] = -1;
			comp[by_rank[rx]] = comp[by_rank[ry]] = -2;
			for (r = 0; r < w->n && nc < 2; r++) {
				int s = by_rank[r], head = 0, tail = 0;

				if (comp[s] != -1)
					continue;
				comp[s] = nc;
				queue[tail++] = s;
				best[nc] = s;
				while (head < tail) {
					int x = queue[head++], dx, db;

					dx = g.off[x + 1] - g.off[x];
					db = g.off[best[nc] + 1] -
					    g.off[best[nc]];
					if (dx < db || (dx == db &&
					    w->rank[x] < w->rank[best[nc]]))
						best[nc] = x;
					for (i = g.off[x]; i < g.off[x + 1];
					    i++) {
						int y = g.adj[i];

						if (comp[y] != -1)
							continue;
						comp[y] = nc;
						queue[tail++] = y;
					}
				}
				nc++;
			}
			if (nc >= 2) {
				*u = best[0];
				*v = best[1];
				found = 1;
			}
		}
done:
	free(comp);
	free(queue);
	free(best);
	mesh_i_csr_free(&g);
	return found;
}

/* Half the route ends that nodes of degree below 3 lack, rounded up. */
static size_t
degree_bound(const struct work *w)
{
	size_t need = 0;
	int *deg, i;

	if ((deg = calloc((size_t)w->n + 1, sizeof(*deg))) == NULL)
		return 0;
	for (i = 0; i < 2 * w->m; i++)
		deg[w->edges[i]]++;
	for (i = 0; i < w->n; i++)
		if (deg[i] < 3)
			need += (size_t)(3 - deg[i]);
	free(deg);
	return (need + 1) / 2;
}

/*
 * A node of degree below 3 (the least degree, then first by name) and
 * the node of degree below 3 farthest from it that is not its neighbour
 * (then first by name): *u and *v. Returns 1 when found, 0 when there is
 * no such pair, -1 when out of memory.
 */
static int
find_short_pair(const struct work *w, const int *by_rank, int *u, int *v)
{
	struct mesh_i_csr g;
	int *dist = NULL, *queue = NULL, r, i, a = -1, b = -1, found = -1;

	if (mesh_i_csr_build(&g, w->n, w->edges, w->m) != 0)
		return -1;
	dist = malloc(((size_t)w->n + 1) * sizeof(*dist));
	queue = malloc(((size_t)w->n + 1) * sizeof(*queue));
	if (!dist || !queue)
		goto done;
	found = 0;
	for (r = 0; r < w->n; r++) {
		int x = by_rank[r], dx = g.off[x + 1] - g.off[x];

		if (dx < 3 && (a < 0 || dx < g.off[a + 1] - g.off[a]))
			a = x;
	}
	if (a >= 0) {
		int head = 0, tail = 0;

		for (i = 0; i < w->n; i++)
			dist[i] = -1;
		dist[a] = 0;
		queue[tail++] = a;
		while (head < tail) {
			int x = queue[head++];

			for (i = g.off[x]; i < g.off[x + 1]; i++)
				if (dist[g.adj[i]] < 0) {
					dist[g.adj[i]] = dist[x] + 1;
					queue[tail++] = g.adj[i];
				}
		}
		for (r = 0; r < w->n; r++) {
			int y = by_rank[r];

			if (y == a || dist[y] < 2 ||
			    g.off[y + 1] - g.off[y] >= 3)
				continue;
			if (b < 0 || dist[y] > dist[b])
				b = y;
		}
	}
	if (a >= 0 && b >= 0) {
		*u = a;
		*v = b;
		found = 1;
	}
done:
	free(dist);
	free(queue);
	mesh_i_csr_free(&g);
	return found;
}

/* Add routes until the vertex connectivity is 3: first between nodes of
 * degree below 3, far apart, then, one pair of nodes whose loss splits
 * the plan at a time, until none is left. Returns 0 or -1. */
static int
augment3(struct work *w, const int *by_rank)
{
	int u, v, r;

	while ((r = find_short_pair(w, by_rank, &u, &v)) == 1)
		if (take_route(w, u, v) != 0)
			return -1;
	if (r < 0)
		return -1;

	while ((r = find_split_pair(w, by_rank, &u, &v)) == 1)
		if (take_route(w, u, v) != 0)
			return -1;
	return r;
}

/* A copy of plan's nodes and routes with the suggested ones added,
 * resolved, analysed: whether it is connected with no cut node. Returns
 * 1, 0, or -1 when out of memory or the copy fails. */
static int
verify(const struct mesh_plan *plan, const struct mesh_suggestion *s)
{
	struct mesh_plan *c = NULL;
	struct mesh_analysis *a = NULL;
	struct mesh_diags diags;
	size_t i, j;
	int ok = -1;

	mesh_diags_init(&diags);
	if ((c = mesh_plan_new(plan->name, plan->file)) == NULL)
		goto done;
	c->cluster = plan->cluster;
	for (i = 0; i < plan->nnodes; i++) {
		const struct mesh_node *n = &plan->nodes[i];

		if (mesh_plan_add_node(c, n->name, n->host, n->port, 0, 0) < 0)
			goto done;
		c->nodes[i].no_cluster = n->no_cluster;
		for (j = 0; j < n->nroutes; j++)
			if (mesh_plan_add_route(c, (int)i, n->routes[j].host,
			    n->routes[j].port, 0, 0) != 0)
				goto done;
	}
	if (mesh_suggest_apply(c, s, &diags) != MESH_OK)
		goto done;
	if (mesh_analyze(c, NULL, &a) != MESH_OK)
		goto done;
	ok = a->connected && a->ncutpoints == 0 &&
	    c->nlinks == plan->nlinks + s->nroutes;
	if (ok && s->target == 3 && s->reached) {
		struct mesh_i_csr g;
		int k;

		if (mesh_i_csr_build(&g, (int)c->nnodes, c->links,
		    (int)c->nlinks) != 0) {
			ok = -1;
			goto done;
		}
		if (mesh_i_vertex_connectivity(&g, 2, &k) != 0)
			ok = -1;
		else
			ok = k >= 3;
		mesh_i_csr_free(&g);
	}
done:
	mesh_analysis_free(a);
	mesh_plan_free(c);
	mesh_diags_clear(&diags);
	return ok;
}

enum mesh_error
mesh_suggest_apply(struct mesh_plan *plan, const struct mesh_suggestion *s,
    struct mesh_diags *diags)
{
	struct mesh_diags scratch;
	enum mesh_error err;
	size_t i;

	for (i = 0; i < s->nroutes; i++) {
		const struct mesh_node *to = &plan->nodes[s->routes[i].to];

		if (mesh_plan_add_route(plan, s->routes[i].from, to->host,
		    to->port, 0, 0) != 0)
			return MESH_ENOMEM;
	}
	mesh_diags_init(&scratch);
	err = mesh_plan_resolve(plan, diags ? diags : &scratch);
	mesh_diags_clear(&scratch);
	return err;
}

void
mesh_suggestion_free(struct mesh_suggestion *s)
{
	if (s == NULL)
		return;
	free(s->routes);
	free(s->before);
	free(s);
}

enum mesh_error
mesh_suggest(const struct mesh_plan *plan, int target,
    struct mesh_suggestion **out)
{
	struct mesh_suggestion *s = NULL;
	struct mesh_analysis *a = NULL;
	struct blocks b, tb;
	struct work w;
	int *by_rank = NULL, have_b = 0, have_tb = 0, v;
	enum mesh_error err = MESH_ENOMEM;
	size_t i, j;

	*out = NULL;
	if ((target != 2 && target != 3) ||
	    (target == 3 && plan->nnodes > MESH_SUGGEST_TARGET3_MAX))
		return MESH_EINVAL;
	memset(&w, 0, sizeof(w));
	w.plan = plan;
	w.n = (int)plan->nnodes;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return MESH_ENOMEM;
	s->target = target;
	w.s = s;
	if ((err = mesh_analyze(plan, NULL, &a)) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	s->before = malloc((a->ncutpoints + 1) * sizeof(*s->before));
	w.rank = malloc(((size_t)w.n + 1) * sizeof(*w.rank));
	by_rank = malloc(((size_t)w.n + 1) * sizeof(*by_rank));
	w.used = calloc((size_t)w.n + 1, 1);
	w.stored = calloc((size_t)w.n + 1, sizeof(*w.stored));
	if (!s->before || !w.rank || !by_rank || !w.used || !w.stored)
		goto done;
	for (i = 0; i < a->ncutpoints; i++)
		s->before[i] = a->cutpoints[i].node;
	s->nbefore = a->ncutpoints;
	for (v = 0; v < w.n; v++)
		by_rank[v] = v;
	if (mesh_plan_sort_nodes(plan, by_rank, (size_t)w.n) != 0)
		goto done;
	for (v = 0; v < w.n; v++)
		w.rank[by_rank[v]] = v;
	for (i = 0; i < plan->nnodes; i++)
		for (j = 0; j < plan->nodes[i].nroutes; j++) {
			int t = plan->nodes[i].routes[j].target;

			if (t >= 0 && t != (int)i)
				w.stored[i]++;
		}
	for (i = 0; i < plan->nlinks; i++)
		if (add_edge(&w, plan->links[2 * i],
		    plan->links[2 * i + 1]) != 0)
			goto done;
	if (blocks_init(&b, w.n) != 0)
		goto done;
	have_b = 1;
	if (blocks_init(&tb, w.n) != 0)
		goto done;
	have_tb = 1;
	if (recompute(&w, by_rank, &b) != 0)
		goto done;
	if (b.ncomp > 1 && join_components(&w, &b) != 0)
		goto done;
	if (target == 3) {
		s->bound3 = degree_bound(&w);
		if (s->bound3 < s->bound)
			s->bound3 = s->bound;
	}
	if (w.n >= 3 && augment(&w, by_rank, &b, &tb) != 0)
		goto done;
	s->ntwo = s->nroutes;
	s->minimal = s->nroutes - s->njoins == s->bound;
	s->reached = true;
	if (target == 3) {
		s->reached = w.n >= 4;
		if (s->reached && augment3(&w, by_rank) != 0)
			goto done;
		s->minimal = s->reached &&
		    s->nroutes - s->njoins == s->bound3;
	}
	if ((v = verify(plan, s)) < 0)
		goto done;
	s->verified = v == 1;
	*out = s;
	s = NULL;
	err = MESH_OK;
done:
	if (have_b)
		blocks_free(&b);
	if (have_tb)
		blocks_free(&tb);
	mesh_analysis_free(a);
	mesh_suggestion_free(s);
	free(w.rank);
	free(w.edges);
	free(w.used);
	free(w.stored);
	free(by_rank);
	return err;
}
