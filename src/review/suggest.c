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
	int *leaf_of;           /* node -> its leaf block (non-cut), or -1 */
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
	free(b->leaf_of);
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
	b->leaf_of = malloc(n1 * sizeof(int));
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
	if (!b->leaf_rep || !b->leaf_alt || !b->leaf_of || !b->comp_root ||
	    !b->comp_of ||
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
		b->leaf_of[i] = -1;
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

			if (cut)
				continue;
			b->leaf_of[v] = b->p;
			if (v != rep && (alt < 0 || w->rank[v] < w->rank[alt]))
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

/*
 * Failure domains (mesh_suggest_with() with a key). A domain of two or
 * more nodes with two or more nodes outside it is *checked*: its loss
 * splits the working graph when the rest is in pieces. A domain of one
 * node is that node's loss, which the blocks already answer.
 */
struct dstate {
	const struct mesh_domains *d;
	int n;
	int nk;                 /* checked domains */
	int *which;             /* their indices in d */
	int *lab;               /* lab[k * n + v]: v's piece of the working
	                         * graph minus which[k]; -1 inside it */
	int *npieces;           /* pieces each checked domain's loss leaves */
	size_t *dom_ends;       /* new route ends in each domain of d */
	size_t *ends;           /* new route ends at each node */
	int *queue;
};

/* Free what dstate_init() allocated (ds itself is the caller's); safe
 * after a dstate_init() that failed. */
static void
dstate_free(struct dstate *ds)
{
	free(ds->which);
	free(ds->lab);
	free(ds->npieces);
	free(ds->dom_ends);
	free(ds->ends);
	free(ds->queue);
}

/* Set ds up for domains d of n nodes. Returns 0, or -1 when out of
 * memory (what ds holds is then freed by dstate_free()). */
static int
dstate_init(struct dstate *ds, const struct mesh_domains *d, int n)
{
	size_t i, k = 0;

	memset(ds, 0, sizeof(*ds));
	ds->d = d;
	ds->n = n;
	for (i = 0; i < d->n; i++) {
		size_t sz = d->start[i + 1] - d->start[i];

		if (sz >= 2 && (size_t)n - sz >= 2)
			k++;
	}
	ds->which = malloc((k + 1) * sizeof(*ds->which));
	ds->lab = malloc((k * (size_t)n + 1) * sizeof(*ds->lab));
	ds->npieces = calloc(k + 1, sizeof(*ds->npieces));
	ds->dom_ends = calloc(d->n + 1, sizeof(*ds->dom_ends));
	ds->ends = calloc((size_t)n + 1, sizeof(*ds->ends));
	ds->queue = malloc(((size_t)n + 1) * sizeof(*ds->queue));
	if (!ds->which || !ds->lab || !ds->npieces || !ds->dom_ends ||
	    !ds->ends || !ds->queue)
		return -1;
	for (i = 0; i < d->n; i++) {
		size_t sz = d->start[i + 1] - d->start[i];

		if (sz >= 2 && (size_t)n - sz >= 2)
			ds->which[ds->nk++] = (int)i;
	}
	return 0;
}

/*
 * Label the pieces of g without the nodes of domain dom (of[v] is v's
 * domain): lab[v] from 0 for the others, -1 for dom's; queue has room
 * for g->n. Returns how many pieces. Allocates nothing.
 */
static int
pieces_without(const struct mesh_i_csr *g, const int *of, int dom, int *lab,
    int *queue)
{
	int v, nc = 0, i;

	for (v = 0; v < g->n; v++)
		lab[v] = of[v] == dom ? -1 : -2;
	for (v = 0; v < g->n; v++) {
		int head = 0, tail = 0;

		if (lab[v] != -2)
			continue;
		lab[v] = nc;
		queue[tail++] = v;
		while (head < tail) {
			int x = queue[head++];

			for (i = g->off[x]; i < g->off[x + 1]; i++)
				if (lab[g->adj[i]] == -2) {
					lab[g->adj[i]] = nc;
					queue[tail++] = g->adj[i];
				}
		}
		nc++;
	}
	return nc;
}

/* Label the pieces each checked domain's loss leaves of g. */
static void
label_domains(const struct mesh_i_csr *g, struct dstate *ds)
{
	int k;

	for (k = 0; k < ds->nk; k++)
		ds->npieces[k] = pieces_without(g, ds->d->of, ds->which[k],
		    ds->lab + (size_t)k * ds->n, ds->queue);
}

/* The pieces node v's loss leaves of its component (0 for a lone node). */
static int
node_pieces(const struct blocks *b, int v)
{
	return b->nb[v] + (b->parent[v] >= 0 ? 1 : 0);
}

/* The pieces of a split graph b (0 when it is connected) that have no
 * cut node: those without a leaf block. */
static int
whole_pieces(const struct blocks *b)
{
	int i, whole = b->ncomp;

	if (b->ncomp < 2)
		return 0;
	/* A piece's leaf blocks come one after the other. */
	for (i = 0; i < b->p; i++)
		if (i == 0 || b->comp_of[b->leaf_rep[i]] !=
		    b->comp_of[b->leaf_rep[i - 1]])
			whole--;
	return whole;
}

/* What is left to mend in a graph, by nodes: the pieces beyond one that
 * each node's loss leaves, the leaf blocks, and, when it is split, its
 * pieces beyond one and twice those without a cut node. Adding a link
 * that joins two pieces always lowers it. */
static long
phi_nodes(const struct blocks *b, int n)
{
	long phi = b->p + (b->ncomp - 1) + 2L * whole_pieces(b);
	int v;

	for (v = 0; v < n; v++)
		if (node_pieces(b, v) > 1)
			phi += node_pieces(b, v) - 1;
	return phi;
}

/*
 * A lower bound on the routes that leave graph b (of n nodes, connected
 * or not) with no cut node: its pieces beyond one, the most pieces any
 * one node's loss leaves beyond one, and half the route ends its leaf
 * blocks and, when it is split, its pieces without a cut node lack (two
 * each: one would be a cut node). max(d - 1, ceil(p / 2)) when it is
 * connected.
 */
static int
node_bound(const struct blocks *b, int n)
{
	int v, lb = b->ncomp - 1, ends = b->p + 2 * whole_pieces(b);

	for (v = 0; v < n; v++)
		if (b->ncomp - 2 + node_pieces(b, v) > lb)
			lb = b->ncomp - 2 + node_pieces(b, v);
	if (n < 3)
		return lb;
	return (ends + 1) / 2 > lb ? (ends + 1) / 2 : lb;
}

/*
 * The pieces beyond one that every domain's loss leaves of the working
 * graph (b its blocks; a checked domain's from npieces, less gain[k] when
 * gain is not NULL; a domain of one node's within its own piece, which
 * in a split graph counts fewer than there are), shared among routes
 * that each mend at most all domains but the one or two their ends are
 * in: ceil(sum / (domains - 1)); 0 for fewer than two domains. A lower
 * bound on the routes left. Allocates nothing.
 */
static int
sum_bound(const struct dstate *ds, const struct blocks *b,
    const int *npieces, const int *gain)
{
	const struct mesh_domains *d = ds->d;
	size_t i, sum = 0;
	int k;

	if (d->n < 2)
		return 0;
	for (k = 0; k < ds->nk; k++) {
		int left = npieces[k] - 1 - (gain ? gain[k] : 0);

		if (left > 0)
			sum += (size_t)left;
	}
	for (i = 0; i < d->n; i++)
		if (d->start[i + 1] - d->start[i] == 1 && ds->n >= 3 &&
		    node_pieces(b, d->nodes[d->start[i]]) > 1)
			sum += (size_t)node_pieces(b,
			    d->nodes[d->start[i]]) - 1;
	return (int)((sum + d->n - 2) / (d->n - 1));
}

/* Characters the names of domains a and b share at their start; a long
 * way past any name for one domain. */
static int
nearness(const struct mesh_domains *d, int a, int b)
{
	const char *x = d->names[a], *y = d->names[b];
	int k = 0;

	if (a == b)
		return 1 << 20;
	while (x[k] != '\0' && x[k] == y[k] && k < (1 << 19))
		k++;
	return k;
}

/* A node as an endpoint: its domain, then best first. */
struct cand {
	int v, dom;
	int notleaf;            /* 0: inside a leaf block */
	int cut;                /* 1: a cut node */
	size_t load;            /* routes it stores and new route ends */
	int deg;
	int rank;
};

/* qsort() order of struct cand: by domain, then the best endpoint first
 * (inside a leaf block, not a cut node, least loaded, most links, first
 * by name). */
static int
cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->dom != b->dom)
		return a->dom < b->dom ? -1 : 1;
	if (a->notleaf != b->notleaf)
		return a->notleaf - b->notleaf;
	if (a->cut != b->cut)
		return a->cut - b->cut;
	if (a->load != b->load)
		return a->load < b->load ? -1 : 1;
	if (a->deg != b->deg)
		return b->deg - a->deg;
	return a->rank - b->rank;
}

/* A candidate route u-w and what decides between candidates. */
struct pair {
	int u, w;
	int crit;               /* may lower the bound (a quick test) */
	int leafends;           /* ends inside distinct leaf blocks */
	int dg;                 /* checked domains whose pieces it joins */
	int near;
	size_t spread;          /* new route ends in the two domains */
	size_t loadmax, loadsum;
	int cuts;               /* ends that are cut nodes */
	int degsum;
	int r1, r2;             /* the ends' ranks, smaller first */
	int lowers;             /* lowers the bound by one (exact) */
	long dphi;              /* what is left to mend, less (exact) */
};

/* The rules an operator would agree with, once the count is settled:
 * near domains, then storage spread over domains and nodes, then cut-free
 * ends, then hubs, then names. */
static int
pair_tie(const struct pair *a, const struct pair *b)
{
	if (a->near != b->near)
		return b->near - a->near;
	if (a->spread != b->spread)
		return a->spread < b->spread ? -1 : 1;
	if (a->loadmax != b->loadmax)
		return a->loadmax < b->loadmax ? -1 : 1;
	if (a->loadsum != b->loadsum)
		return a->loadsum < b->loadsum ? -1 : 1;
	if (a->cuts != b->cuts)
		return a->cuts - b->cuts;
	if (a->degsum != b->degsum)
		return b->degsum - a->degsum;
	if (a->r1 != b->r1)
		return a->r1 - b->r1;
	return a->r2 - b->r2;
}

/* The order in which candidates are tried exactly. */
static int
pair_quick_cmp(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;

	if (a->crit != b->crit)
		return b->crit - a->crit;
	if (a->leafends != b->leafends)
		return b->leafends - a->leafends;
	if (a->dg != b->dg)
		return b->dg - a->dg;
	return pair_tie(a, b);
}

/* Whether a is a better route than b once both were tried: one that
 * lowers the bound; among those the nearest, then the one that mends
 * most; among the others the one that mends most. */
static int
pair_better(const struct pair *a, const struct pair *b)
{
	if (a->lowers != b->lowers)
		return a->lowers > b->lowers;
	if (a->lowers && a->near != b->near)
		return a->near > b->near;
	if (a->dphi != b->dphi)
		return a->dphi > b->dphi;
	return pair_tie(a, b) < 0;
}

/* Candidate route u-w (not linked) in pr, for the working graph g with
 * blocks b and domain state ds; nb is the bound by nodes, lb in all. */
static void
make_pair(struct pair *pr, const struct work *w, const struct blocks *b,
    const struct mesh_i_csr *g, const struct dstate *ds, int u, int x,
    int nb, int lb)
{
	const struct mesh_domains *d = ds->d;
	size_t lu, lx;
	int k, n = w->n;

	if (w->rank[x] < w->rank[u]) {
		int tmp = u;

		u = x;
		x = tmp;
	}
	pr->u = u;
	pr->w = x;
	pr->leafends = (b->leaf_of[u] >= 0) + (b->leaf_of[x] >= 0 &&
	    b->leaf_of[x] != b->leaf_of[u]);
	pr->dg = 0;
	pr->crit = nb < lb || pr->leafends == 2;
	for (k = 0; k < ds->nk; k++) {
		const int *lab = ds->lab + (size_t)k * n;
		int hit = lab[u] >= 0 && lab[x] >= 0 && lab[u] != lab[x];

		pr->dg += hit;
		if (!hit && ds->npieces[k] - 1 == lb)
			pr->crit = 0;
	}
	pr->near = nearness(d, d->of[u], d->of[x]);
	pr->spread = ds->dom_ends[d->of[u]] + ds->dom_ends[d->of[x]];
	lu = w->stored[u] + ds->ends[u];
	lx = w->stored[x] + ds->ends[x];
	pr->loadmax = lu > lx ? lu : lx;
	pr->loadsum = lu + lx;
	pr->cuts = (node_pieces(b, u) > 1) + (node_pieces(b, x) > 1);
	pr->degsum = g->off[u + 1] - g->off[u] + g->off[x + 1] - g->off[x];
	pr->r1 = w->rank[u];
	pr->r2 = w->rank[x];
	pr->lowers = 0;
	pr->dphi = 0;
}

/* Offer pr to the heap h of *nh pairs (at most max), whose root is the
 * last in the quick order: kept when the heap has room or pr comes
 * before the root. Allocates nothing. */
static void
heap_offer(struct pair *h, size_t *nh, size_t max, const struct pair *pr)
{
	size_t i, c;

	if (*nh < max) {
		/* Sift up. */
		for (i = (*nh)++; i > 0 &&
		    pair_quick_cmp(&h[(i - 1) / 2], pr) < 0; i = (i - 1) / 2)
			h[i] = h[(i - 1) / 2];
		h[i] = *pr;
		return;
	}
	if (pair_quick_cmp(pr, &h[0]) >= 0)
		return;
	/* Replace the root and sift down. */
	for (i = 0; (c = 2 * i + 1) < *nh; i = c) {
		if (c + 1 < *nh && pair_quick_cmp(&h[c + 1], &h[c]) > 0)
			c++;
		if (pair_quick_cmp(&h[c], pr) <= 0)
			break;
		h[i] = h[c];
	}
	h[i] = *pr;
}

/* Candidate pairs tried exactly per route: about this many node and link
 * visits. */
#define DOM_WORK 400000
/* Candidate endpoints per route, at most. */
#define DOM_CANDS 300

/*
 * Remove every cut node of the connected working graph and every checked
 * domain whose loss splits it, one route at a time. The bound is the
 * larger of max(d - 1, ceil(p / 2)) and the most pieces one checked
 * domain's loss leaves, minus one. Candidate ends are the leaf blocks'
 * representatives and, for each domain whose loss splits the graph, in
 * each piece it leaves the best node of each domain there; pairs of them
 * are ordered by a quick test, the first ones tried exactly, and the
 * best taken (pair_better()). Sets the suggestion's leaves, pieces and
 * bound from the first pass. Returns 0 or -1 when out of memory.
 */
static int
domain_augment(struct work *w, const int *by_rank, struct blocks *b,
    struct blocks *tb, struct dstate *ds)
{
	const struct mesh_domains *d = ds->d;
	struct mesh_i_csr g;
	struct cand *cs = NULL;
	struct pair *pairs = NULL;
	int *kv = NULL, *gain = NULL, *comp_seen = NULL, n = w->n, first = 1;
	int rc = -1;
	size_t *seen = NULL, *pseen = NULL, stamp = 0, cstamp, pcap = 0;
	size_t steps = 0;

	memset(&g, 0, sizeof(g));
	cs = malloc(((size_t)n + 1) * sizeof(*cs));
	kv = malloc(((size_t)n + 1) * sizeof(*kv));
	seen = calloc((size_t)n + 1, sizeof(*seen));
	pseen = calloc((size_t)n + 1, sizeof(*pseen));
	comp_seen = calloc((size_t)n + 1, sizeof(*comp_seen));
	gain = calloc((size_t)ds->nk + 1, sizeof(*gain));
	if (!cs || !kv || !seen || !pseen || !comp_seen || !gain)
		goto done;
	for (;;) {
		int nb_, db = 0, lb, nkv = 0, i, j, k, v, best = -1;
		size_t np = 0, t, tmax, npairs;
		long phi;

		if (mesh_i_csr_build(&g, n, w->edges, w->m) != 0)
			goto done;
		find_blocks(w, &g, by_rank, b);
		label_domains(&g, ds);
		nb_ = node_bound(b, n);
		if (first && b->ncomp == 1) {
			w->s->leaves = (size_t)b->p;
			w->s->pieces = (size_t)(b->ncut ? b->d : 0);
			w->s->bound = (size_t)nb_;
			first = 0;
		}
		phi = phi_nodes(b, n);
		for (k = 0; k < ds->nk; k++) {
			if (ds->npieces[k] - 1 > db)
				db = ds->npieces[k] - 1;
			if (ds->npieces[k] > 1)
				phi += ds->npieces[k] - 1;
		}
		lb = nb_ > db ? nb_ : db;
		if ((k = sum_bound(ds, b, ds->npieces, NULL)) > lb)
			lb = k;
		/* Each route lowers what is left to mend (at most n * n, a
		 * join or not); the count is a guard only. */
		if (lb == 0 || steps++ > (size_t)n * (size_t)n + 16)
			break;
		/* Each node as an endpoint, by domain, best first. */
		for (v = 0; v < n; v++) {
			struct cand *c = &cs[v];

			c->v = v;
			c->dom = d->of[v];
			c->notleaf = b->leaf_of[v] < 0;
			c->cut = node_pieces(b, v) > 1;
			c->load = w->stored[v] + ds->ends[v];
			c->deg = g.off[v + 1] - g.off[v];
			c->rank = w->rank[v];
		}
		qsort(cs, (size_t)n, sizeof(*cs), cand_cmp);
		memset(comp_seen, 0, ((size_t)n + 1) * sizeof(*comp_seen));
		/* The candidates: leaf representatives, then the best node
		 * of each domain in each piece a splitting domain leaves. */
		cstamp = ++stamp;
		for (i = 0; i < b->p; i++)
			for (j = 0; j < 2; j++) {
				v = j ? b->leaf_alt[i] : b->leaf_rep[i];
				if (v >= 0 && seen[v] != cstamp &&
				    nkv < DOM_CANDS) {
					seen[v] = cstamp;
					kv[nkv++] = v;
				}
			}
		/* A split graph: two nodes of each piece, as for joins. */
		for (i = 0; b->ncomp > 1 && i < n; i++) {
			v = cs[i].v;
			if (seen[v] == cstamp || nkv >= DOM_CANDS ||
			    comp_seen[b->comp_of[v]] >= 2)
				continue;
			comp_seen[b->comp_of[v]]++;
			seen[v] = cstamp;
			kv[nkv++] = v;
		}
		for (k = 0; k < ds->nk; k++) {
			const int *lab = ds->lab + (size_t)k * n;
			size_t mark = 0;

			if (ds->npieces[k] < 2)
				continue;
			/* cs is grouped by domain: a fresh mark for each,
			 * and the first node of each piece in it. */
			for (i = 0; i < n; i++) {
				int x = cs[i].v;

				if (i == 0 || cs[i].dom != cs[i - 1].dom)
					mark = ++stamp;
				if (lab[x] < 0 || pseen[lab[x]] == mark)
					continue;
				pseen[lab[x]] = mark;
				if (seen[x] != cstamp && nkv < DOM_CANDS) {
					seen[x] = cstamp;
					kv[nkv++] = x;
				}
			}
		}
		/* Pairs of candidates, not linked yet: the tmax first in
		 * the quick order, kept in a heap whose root is the last. */
		tmax = DOM_WORK / ((size_t)n + 2 * (size_t)w->m + 1);
		if (tmax < 16)
			tmax = 16;
		/* No more room than there are pairs: the heap keeps them
		 * all then, as it would in more. A small plan took its
		 * megabytes before. */
		npairs = (size_t)nkv * (size_t)(nkv > 0 ? nkv - 1 : 0) / 2;
		if (tmax > npairs + 1)
			tmax = npairs + 1;
		if (pcap < tmax) {
			struct pair *q = realloc(pairs, tmax * sizeof(*q));

			if (q == NULL)
				goto done;
			pairs = q;
			pcap = tmax;
		}
		for (i = 0; i < nkv; i++)
			for (j = i + 1; j < nkv; j++) {
				struct pair pr;

				if (mesh_i_csr_adjacent(&g, kv[i], kv[j]) ||
				    (b->ncomp > 1 && b->comp_of[kv[i]] ==
				    b->comp_of[kv[j]]))
					continue;
				make_pair(&pr, w, b, &g, ds, kv[i], kv[j], nb_,
				    lb);
				heap_offer(pairs, &np, tmax, &pr);
			}
		if (np == 0)
			break;
		/* Try the first ones exactly. */
		for (t = 0; t < np; t++) {
			struct pair *pr = &pairs[t];
			int nb2, db2 = 0;
			long phi2;

			for (k = 0; k < ds->nk; k++) {
				const int *lab = ds->lab + (size_t)k * n;

				gain[k] = lab[pr->u] >= 0 && lab[pr->w] >= 0 &&
				    lab[pr->u] != lab[pr->w];
			}
			if (add_edge(w, pr->u, pr->w) != 0)
				goto done;
			if (recompute(w, by_rank, tb) != 0) {
				w->m--;
				goto done;
			}
			w->m--;
			nb2 = node_bound(tb, n);
			phi2 = phi_nodes(tb, n);
			for (k = 0; k < ds->nk; k++) {
				int left = ds->npieces[k] - 1 - gain[k];

				if (left > db2)
					db2 = left;
				if (left > 0)
					phi2 += left;
			}
			if ((k = sum_bound(ds, tb, ds->npieces, gain)) > db2)
				db2 = k;
			pr->lowers = (nb2 > db2 ? nb2 : db2) < lb;
			pr->dphi = phi - phi2;
			if (best < 0 || pair_better(pr, &pairs[best]))
				best = (int)t;
		}
		mesh_i_csr_free(&g);
		memset(&g, 0, sizeof(g));
		/* A join always mends; anything else must. */
		if (pairs[best].dphi <= 0 && b->ncomp == 1)
			break;
		if (take_route(w, pairs[best].u, pairs[best].w) != 0)
			goto done;
		if (b->ncomp > 1)
			w->s->njoins++;
		ds->ends[pairs[best].u]++;
		ds->ends[pairs[best].w]++;
		ds->dom_ends[d->of[pairs[best].u]]++;
		ds->dom_ends[d->of[pairs[best].w]]++;
	}
	rc = 0;
done:
	mesh_i_csr_free(&g);
	free(cs);
	free(kv);
	free(seen);
	free(pseen);
	free(comp_seen);
	free(gain);
	free(pairs);
	return rc;
}

/* Whether no domain of s of two or more nodes splits plan c (s's plan
 * with the routes added) when it is lost. Returns 1, 0, or -1 when out
 * of memory. */
static int
domains_whole(const struct mesh_plan *c, const struct mesh_suggestion *s)
{
	const struct mesh_domains *d = s->domains;
	struct mesh_i_csr g;
	int *lab, *queue, ok = 1;
	size_t i;

	if (mesh_i_csr_build(&g, (int)c->nnodes, c->links,
	    (int)c->nlinks) != 0)
		return -1;
	lab = malloc((c->nnodes + 1) * sizeof(*lab));
	queue = malloc((c->nnodes + 1) * sizeof(*queue));
	if (lab == NULL || queue == NULL)
		ok = -1;
	for (i = 0; ok == 1 && i < d->n; i++)
		if (d->start[i + 1] - d->start[i] >= 2 &&
		    pieces_without(&g, d->of, (int)i, lab, queue) > 1)
			ok = 0;
	free(lab);
	free(queue);
	mesh_i_csr_free(&g);
	return ok;
}

/* Domain pieces larger than this are left out of the packing bound. */
#define PACK_PIECE_MAX 32

/* A set of nodes each of which must get a new route end: members
 * pk->m[first .. first + size - 1]; weight ends (2 for a whole piece of
 * a split plan). */
struct pset {
	size_t first, size;
	int minrank, weight;
};

/* The sets of the packing bound, and their members. */
struct pack {
	struct pset *s;
	size_t n, cap;
	int *m;
	size_t nm, mcap;
};

/* Room for one more set of size members in pk. Returns 0 or -1 when out
 * of memory (pk as it was; pack_free() frees it). */
static int
pack_room(struct pack *pk, size_t size)
{
	if (pk->n == pk->cap) {
		size_t c = pk->cap ? 2 * pk->cap : 64;
		struct pset *q = realloc(pk->s, c * sizeof(*q));

		if (q == NULL)
			return -1;
		pk->s = q;
		pk->cap = c;
	}
	if (pk->nm + size > pk->mcap) {
		size_t c = pk->mcap ? 2 * pk->mcap : 256;
		int *q;

		while (c < pk->nm + size)
			c *= 2;
		if ((q = realloc(pk->m, c * sizeof(*q))) == NULL)
			return -1;
		pk->m = q;
		pk->mcap = c;
	}
	return 0;
}

static void
pack_free(struct pack *pk)
{
	free(pk->s);
	free(pk->m);
}

/*
 * Add to pk, for each value k of key[v] over nodes v (key[v] < 0: none)
 * whose count is at most max and want[k] is set (want NULL: every k),
 * the set of nodes with that value, of weight. key values lie in
 * 0 .. nk - 1; cnt has room for nk. Returns 0 or -1 when out of memory.
 */
static int
pack_add(struct pack *pk, const struct work *w, const int *key, int nk,
    const int *want, size_t max, int weight, size_t *cnt)
{
	size_t at;
	int v, k;

	memset(cnt, 0, ((size_t)nk + 1) * sizeof(*cnt));
	for (v = 0; v < w->n; v++)
		if (key[v] >= 0)
			cnt[key[v]]++;
	for (k = 0; k < nk; k++) {
		struct pset *ps;

		if (cnt[k] == 0 || cnt[k] > max || (want && !want[k])) {
			cnt[k] = (size_t)-1;
			continue;
		}
		if (pack_room(pk, cnt[k]) != 0)
			return -1;
		ps = &pk->s[pk->n++];
		ps->first = pk->nm;
		ps->size = 0;
		ps->minrank = w->n;
		ps->weight = weight;
		pk->nm += cnt[k];
		cnt[k] = (size_t)(ps - pk->s);
	}
	for (v = 0; v < w->n; v++) {
		struct pset *ps;

		if (key[v] < 0 || cnt[key[v]] == (size_t)-1)
			continue;
		ps = &pk->s[cnt[key[v]]];
		at = ps->first + ps->size++;
		pk->m[at] = v;
		if (w->rank[v] < ps->minrank)
			ps->minrank = w->rank[v];
	}
	return 0;
}

/* qsort() order of the packing's sets: smallest first, then by their
 * first member's name, the heavier first, then as added. */
static int
pset_cmp(const void *pa, const void *pb)
{
	const struct pset *a = pa, *b = pb;

	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	if (a->minrank != b->minrank)
		return a->minrank - b->minrank;
	if (a->weight != b->weight)
		return b->weight - a->weight;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* The route ends pk's sets need at least: the weights of sets taken
 * smallest first while they share no node (any sets that share none need
 * that many ends). used has room for n. Allocates nothing. */
static size_t
pack_ends(struct pack *pk, char *used, int n)
{
	size_t i, j, ends = 0;

	if (pk->n == 0)
		return 0;
	memset(used, 0, (size_t)n + 1);
	qsort(pk->s, pk->n, sizeof(*pk->s), pset_cmp);
	for (i = 0; i < pk->n; i++) {
		const struct pset *ps = &pk->s[i];

		for (j = 0; j < ps->size && !used[pk->m[ps->first + j]]; j++)
			;
		if (j < ps->size)
			continue;
		for (j = 0; j < ps->size; j++)
			used[pk->m[ps->first + j]] = 1;
		ends += (size_t)ps->weight;
	}
	return ends;
}

/*
 * The domains whose loss splits the working graph (the plan, before any
 * route; b its blocks), into s: split, split_pieces, domain_bound,
 * worst_domain; and lower_bound (see suggest.h). Returns 0 or -1 when
 * out of memory (s may then hold split, which mesh_suggestion_free()
 * frees).
 */
static int
domain_bounds(const struct work *w, const struct blocks *b,
    struct mesh_suggestion *s)
{
	const struct mesh_domains *d = s->domains;
	struct mesh_i_csr g;
	int *lab = NULL, *queue = NULL, *hascut = NULL, v, rc = -1;
	int comps_whole = 0;
	size_t i, lb, ends, most = 0, sum = 0, *cnt = NULL;
	struct pack pk;
	char *used = NULL;

	memset(&pk, 0, sizeof(pk));
	if (mesh_i_csr_build(&g, w->n, w->edges, w->m) != 0)
		return -1;
	if ((cnt = malloc(((size_t)w->n + 1) * sizeof(*cnt))) == NULL)
		goto done;
	s->split = malloc((d->n + 1) * sizeof(*s->split));
	s->split_pieces = malloc((d->n + 1) * sizeof(*s->split_pieces));
	lab = malloc(((size_t)w->n + 1) * sizeof(*lab));
	queue = malloc(((size_t)w->n + 1) * sizeof(*queue));
	if (!s->split || !s->split_pieces || !lab || !queue)
		goto done;
	s->worst_domain = -1;
	for (i = 0; i < d->n; i++) {
		size_t c;

		if (d->start[i + 1] - d->start[i] == 1)
			c = (size_t)b->ncomp - 1 +
			    (size_t)node_pieces(b, d->nodes[d->start[i]]);
		else {
			c = (size_t)pieces_without(&g, d->of, (int)i, lab,
			    queue);
			/* Each piece its loss leaves needs a route end. */
			if (c > 1 && (size_t)w->n - (d->start[i + 1] -
			    d->start[i]) >= 2 && pack_add(&pk, w, lab,
			    (int)c, NULL, PACK_PIECE_MAX, 1, cnt) != 0)
				goto done;
		}
		if (c > (size_t)b->ncomp) {
			s->split[s->nsplit] = (int)i;
			s->split_pieces[s->nsplit++] = c;
		}
		if (c > 1 && c - 1 > most) {
			most = c - 1;
			s->worst_domain = (int)i;
		}
		if (c > 1 && (size_t)w->n - (d->start[i + 1] -
		    d->start[i]) >= 2)
			sum += c - 1;
	}
	s->domain_bound = most;
	s->worst_pieces = most + 1;
	s->domain_excess = sum;
	/* A route mends the loss of no domain that holds one of its ends:
	 * at most d->n - 1 of them, one piece each. */
	if (d->n >= 2 && (sum + d->n - 2) / (d->n - 1) > most)
		s->domain_bound = (sum + d->n - 2) / (d->n - 1);
	most = s->domain_bound;
	/* Any one node's loss, the plan's own pieces, then route ends. */
	lb = most;
	if (b->ncomp > 1 && (size_t)b->ncomp - 1 > lb)
		lb = (size_t)b->ncomp - 1;
	for (v = 0; v < w->n; v++) {
		size_t c = (size_t)b->ncomp - 1 + (size_t)node_pieces(b, v);

		if (c > 1 && c - 1 > lb)
			lb = c - 1;
	}
	if (w->n >= 3) {
		/* A component without a cut node needs two route ends when
		 * there are others: one would be a cut node. */
		if ((hascut = calloc((size_t)b->ncomp + 1,
		    sizeof(*hascut))) == NULL)
			goto done;
		for (v = 0; v < w->n; v++)
			if (node_pieces(b, v) > 1)
				hascut[b->comp_of[v]] = 1;
		for (v = 0; v < b->ncomp; v++)
			comps_whole += !hascut[v];
		ends = (size_t)b->p + (b->ncomp > 1 ?
		    2 * (size_t)comps_whole : 0);
		if ((ends + 1) / 2 > lb)
			lb = (ends + 1) / 2;
		/* The same sets with the pieces domains' losses leave:
		 * sets that share no node need an end each. */
		if (pack_add(&pk, w, b->leaf_of, b->p, NULL, (size_t)w->n,
		    1, cnt) != 0)
			goto done;
		if (b->ncomp > 1) {
			for (v = 0; v < b->ncomp; v++)
				hascut[v] = !hascut[v];
			if (pack_add(&pk, w, b->comp_of, b->ncomp, hascut,
			    (size_t)w->n, 2, cnt) != 0)
				goto done;
		}
		if ((used = malloc((size_t)w->n + 1)) == NULL)
			goto done;
		ends = pack_ends(&pk, used, w->n);
		if ((ends + 1) / 2 > lb)
			lb = (ends + 1) / 2;
	}
	s->lower_bound = lb;
	rc = 0;
done:
	free(lab);
	free(queue);
	free(hascut);
	free(cnt);
	free(used);
	pack_free(&pk);
	mesh_i_csr_free(&g);
	return rc;
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
	if (ok && s->domains != NULL && (ok = domains_whole(c, s)) < 0)
		goto done;
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
	free(s->by);
	mesh_domains_free(s->domains);
	free(s->split);
	free(s->split_pieces);
	free(s);
}

enum mesh_error
mesh_suggest(const struct mesh_plan *plan, int target,
    struct mesh_suggestion **out)
{
	struct mesh_suggest_options o;

	*out = NULL;
	if (target != 2 && target != 3)
		return MESH_EINVAL;
	memset(&o, 0, sizeof(o));
	o.target = target;
	return mesh_suggest_with(plan, &o, out);
}

enum mesh_error
mesh_suggest_with(const struct mesh_plan *plan,
    const struct mesh_suggest_options *opts, struct mesh_suggestion **out)
{
	const char *by = opts->by;
	int target = opts->target ? opts->target : 2;
	struct dstate ds;
	int have_ds = 0;
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
	if (by != NULL && (target != 2 || *by == '\0' ||
	    strchr(by, '=') != NULL))
		return MESH_EINVAL;
	memset(&w, 0, sizeof(w));
	w.plan = plan;
	w.n = (int)plan->nnodes;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return MESH_ENOMEM;
	s->target = target;
	s->worst_domain = -1;
	w.s = s;
	if (by != NULL) {
		if ((s->by = strdup(by)) == NULL)
			goto done;
		if ((err = mesh_domains_new(plan, by, &s->domains)) != MESH_OK)
			goto done;
		err = MESH_ENOMEM;
		/* Every node has a host, and no node of a plan of no
		 * nodes lacks a label: found (as sweep's by_found); else
		 * a label, when a node has it. */
		s->by_found = strcmp(by, "host") == 0 || plan->nnodes == 0;
		for (i = 0; i < plan->nnodes && !s->by_found; i++)
			s->by_found = mesh_node_label(&plan->nodes[i], by) !=
			    NULL;
	}
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
	if (by != NULL && domain_bounds(&w, &b, s) != 0)
		goto done;
	if (b.ncomp > 1 && by == NULL && join_components(&w, &b) != 0)
		goto done;
	if (target == 3) {
		s->bound3 = degree_bound(&w);
		if (s->bound3 < s->bound)
			s->bound3 = s->bound;
	}
	if (by != NULL) {
		if (dstate_init(&ds, s->domains, w.n) != 0) {
			dstate_free(&ds);
			goto done;
		}
		have_ds = 1;
		if (domain_augment(&w, by_rank, &b, &tb, &ds) != 0)
			goto done;
	} else if (w.n >= 3 && augment(&w, by_rank, &b, &tb) != 0) {
		goto done;
	}
	s->ntwo = s->nroutes;
	s->minimal = s->nroutes - s->njoins == s->bound;
	if (by != NULL)
		s->minimal = s->nroutes == s->lower_bound;
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
	if (have_ds)
		dstate_free(&ds);
	mesh_analysis_free(a);
	mesh_suggestion_free(s);
	free(w.rank);
	free(w.edges);
	free(w.used);
	free(w.stored);
	free(by_rank);
	return err;
}
