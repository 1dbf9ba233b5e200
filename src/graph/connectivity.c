/* connectivity.c: exact vertex and edge connectivity by unit-capacity flows. */
#include <stdlib.h>
#include <string.h>

#include "graph/connectivity.h"

/*
 * The flow network is never built: it is read off the csr.
 *
 * Edge connectivity: nodes are the vertices; each undirected edge is a
 * pair of arcs of capacity 1, each the other's reverse; ef[e] in {-1, 0, 1}
 * is the flow on half-edge e, and ef[twin[e]] == -ef[e].
 *
 * Vertex connectivity: vertex u is split into node 2u (u_in) and node
 * 2u + 1 (u_out), joined by an arc u_in -> u_out of capacity 1 carrying
 * vf[u]; half-edge e = (u -> v) is an arc u_out -> v_in of capacity 1
 * carrying ef[e], 0 or 1. By conservation a node u_in other than the sink
 * has flow in from at most one w_out, and only when vf[u] is 1; likewise
 * u_out other than the source sends flow to at most one v_in.
 *
 * An arc of the residual network is named by its tail node and the
 * half-edge from the tail's vertex to the head's vertex, or -1 for the arc
 * between u_in and u_out.
 */

/* One direction of a bidirectional BFS over the residual network. */
struct bfs_side {
	int *queue;             /* per node */
	int *pe;                /* per node: the arc it was reached over,
				 * into it going forward, out of it going
				 * backward (named as above) */
	unsigned int *seen;     /* per node: stamp of the last search here */
	size_t head, tail;
};

/*
 * Scratch space for one call, allocated once and shared by every flow of
 * that call. A flow records what it changed on `touched` (half-edge e as
 * e, vertex u as -(u + 1)) so that a reset costs what the flow did.
 */
struct flow_ws {
	const struct mesh_i_csr *g;
	int split;              /* vertex connectivity: nodes u_in, u_out */
	size_t nodes;           /* n, or 2n when split */
	int *twin;              /* 2m: the half-edge going the other way */
	signed char *ef;        /* 2m: flow on each half-edge */
	unsigned char *edirty;  /* 2m: ef[e] is on the touched list */
	unsigned char *vf;      /* n: flow u_in -> u_out (split only) */
	unsigned char *vdirty;  /* n: vf[u] is on the touched list */
	int *touched;           /* at most 2m + n entries */
	size_t ntouched;
	unsigned int stamp;     /* of the current search */
	struct bfs_side fwd;    /* from the source */
	struct bfs_side bwd;    /* towards the sink */
};

/* Release what ws_init allocated; safe on a zeroed or half-built w. */
static void
ws_free(struct flow_ws *w)
{
	free(w->twin);
	free(w->ef);
	free(w->edirty);
	free(w->vf);
	free(w->vdirty);
	free(w->touched);
	free(w->fwd.queue);
	free(w->fwd.pe);
	free(w->fwd.seen);
	free(w->bwd.queue);
	free(w->bwd.pe);
	free(w->bwd.seen);
	memset(w, 0, sizeof(*w));
}

/* Allocate one BFS side of `nodes` nodes. Returns 0, or -1 when out of
 * memory; either way ws_free releases it. */
static int
side_init(struct bfs_side *sd, size_t nodes)
{
	sd->queue = malloc(nodes * sizeof(int));
	sd->pe = malloc(nodes * sizeof(int));
	sd->seen = calloc(nodes, sizeof(unsigned int));
	return sd->queue == NULL || sd->pe == NULL || sd->seen == NULL ? -1 : 0;
}

/*
 * Allocate w for g (n >= 1), with split vertices when `split`, and find
 * every half-edge's twin. Returns 0, or -1 when out of memory; either way
 * the caller releases w with ws_free.
 */
static int
ws_init(struct flow_ws *w, const struct mesh_i_csr *g, int split)
{
	size_t n = (size_t)g->n, h = (size_t)g->off[g->n];
	int *cur;
	int u, e;

	memset(w, 0, sizeof(*w));
	w->g = g;
	w->split = split;
	w->nodes = split ? 2 * n : n;
	w->twin = malloc((h + 1) * sizeof(int));
	w->ef = calloc(h + 1, 1);
	w->edirty = calloc(h + 1, 1);
	w->touched = malloc((h + n + 1) * sizeof(int));
	if (split) {
		w->vf = calloc(n, 1);
		w->vdirty = calloc(n, 1);
		if (w->vf == NULL || w->vdirty == NULL)
			return -1;
	}
	if (w->twin == NULL || w->ef == NULL || w->edirty == NULL ||
	    w->touched == NULL || side_init(&w->fwd, w->nodes) < 0 ||
	    side_init(&w->bwd, w->nodes) < 0)
		return -1;

	/* Taking u in ascending order meets the entries of each v's sorted
	 * list in order too, so a cursor per v finds every twin. */
	cur = w->fwd.queue;
	for (u = 0; u < g->n; u++)
		cur[u] = g->off[u];
	for (u = 0; u < g->n; u++)
		for (e = g->off[u]; e < g->off[u + 1]; e++)
			w->twin[e] = cur[g->adj[e]]++;
	return 0;
}

/* A fresh search stamp; clears both `seen` on the rare wrap-around. */
static unsigned int
ws_stamp(struct flow_ws *w)
{
	if (++w->stamp == 0) {
		memset(w->fwd.seen, 0, w->nodes * sizeof(unsigned int));
		memset(w->bwd.seen, 0, w->nodes * sizeof(unsigned int));
		w->stamp = 1;
	}
	return w->stamp;
}

/* Note that half-edge e's flow is about to change. */
static void
touch_edge(struct flow_ws *w, int e)
{
	if (!w->edirty[e]) {
		w->edirty[e] = 1;
		w->touched[w->ntouched++] = e;
	}
}

/* Note that vertex u's inner flow is about to change. */
static void
touch_vertex(struct flow_ws *w, int u)
{
	if (!w->vdirty[u]) {
		w->vdirty[u] = 1;
		w->touched[w->ntouched++] = -(u + 1);
	}
}

/* Zero every flow, undoing only what the touched list names. */
static void
ws_reset(struct flow_ws *w)
{
	size_t i;

	for (i = 0; i < w->ntouched; i++) {
		int x = w->touched[i];

		if (x >= 0) {
			w->ef[x] = 0;
			w->edirty[x] = 0;
		} else {
			w->vf[-(x + 1)] = 0;
			w->vdirty[-(x + 1)] = 0;
		}
	}
	w->ntouched = 0;
}

/* Whether g (n >= 1) is connected, by BFS from vertex 0. */
static int
is_connected(struct flow_ws *w)
{
	const struct mesh_i_csr *g = w->g;
	struct bfs_side *sd = &w->fwd;
	unsigned int st = ws_stamp(w);
	size_t head = 0, tail = 0;
	int e;

	sd->seen[0] = st;
	sd->queue[tail++] = 0;
	while (head < tail) {
		int u = sd->queue[head++];

		for (e = g->off[u]; e < g->off[u + 1]; e++) {
			int v = g->adj[e];

			if (sd->seen[v] != st) {
				sd->seen[v] = st;
				sd->queue[tail++] = v;
			}
		}
	}
	return tail == (size_t)g->n;
}

/* The vertex of least degree (the first such), its degree in *delta. */
static int
min_degree_vertex(const struct mesh_i_csr *g, int *delta)
{
	int u, best = 0;

	for (u = 1; u < g->n; u++)
		if (g->off[u + 1] - g->off[u] < g->off[best + 1] - g->off[best])
			best = u;
	*delta = g->off[best + 1] - g->off[best];
	return best;
}

/*
 * Reach node y over arc e (see above) on side sd, unless already reached.
 * Returns y when the other side has reached it too (the searches meet),
 * else -1.
 */
static int
visit(struct bfs_side *sd, const struct bfs_side *other, int y, int e,
    unsigned int st)
{
	if (sd->seen[y] == st)
		return -1;
	sd->seen[y] = st;
	sd->pe[y] = e;
	sd->queue[sd->tail++] = y;
	return other->seen[y] == st ? y : -1;
}

/* Forward step from vertex u in the undirected network: the meeting node,
 * or -1. */
static int
edge_forward(struct flow_ws *w, int u, unsigned int st)
{
	const struct mesh_i_csr *g = w->g;
	int e, r;

	for (e = g->off[u]; e < g->off[u + 1]; e++)
		if (w->ef[e] < 1 &&
		    (r = visit(&w->fwd, &w->bwd, g->adj[e], e, st)) >= 0)
			return r;
	return -1;
}

/* Backward step into vertex u in the undirected network: the meeting
 * node, or -1. */
static int
edge_backward(struct flow_ws *w, int u, unsigned int st)
{
	const struct mesh_i_csr *g = w->g;
	int e, r;

	for (e = g->off[u]; e < g->off[u + 1]; e++)
		if (w->ef[w->twin[e]] < 1 &&
		    (r = visit(&w->bwd, &w->fwd, g->adj[e], w->twin[e],
		    st)) >= 0)
			return r;
	return -1;
}

/* Forward step from node x of the split network: the meeting node, or
 * -1. */
static int
split_forward(struct flow_ws *w, int x, unsigned int st)
{
	const struct mesh_i_csr *g = w->g;
	int u = x >> 1, e, r;

	if ((x & 1) == 0) {
		/* u_in: on to u_out if free, else back along the one flow
		 * w_out -> u_in. */
		if (!w->vf[u])
			return visit(&w->fwd, &w->bwd, x + 1, -1, st);
		for (e = g->off[u]; e < g->off[u + 1]; e++)
			if (w->ef[w->twin[e]])
				return visit(&w->fwd, &w->bwd,
				    2 * g->adj[e] + 1, e, st);
		return -1;
	}
	/* u_out: back to u_in if flow passes u; on over unused edges. */
	if (w->vf[u] && (r = visit(&w->fwd, &w->bwd, x - 1, -1, st)) >= 0)
		return r;
	for (e = g->off[u]; e < g->off[u + 1]; e++)
		if (!w->ef[e] &&
		    (r = visit(&w->fwd, &w->bwd, 2 * g->adj[e], e, st)) >= 0)
			return r;
	return -1;
}

/* Backward step into node x of the split network: the meeting node, or
 * -1. */
static int
split_backward(struct flow_ws *w, int x, unsigned int st)
{
	const struct mesh_i_csr *g = w->g;
	int u = x >> 1, e, r;

	if ((x & 1) == 1) {
		/* u_out: from u_in if free, else from the v_in whose flow
		 * u_out -> v_in could be cancelled. */
		if (!w->vf[u])
			return visit(&w->bwd, &w->fwd, x - 1, -1, st);
		for (e = g->off[u]; e < g->off[u + 1]; e++)
			if (w->ef[e])
				return visit(&w->bwd, &w->fwd, 2 * g->adj[e],
				    w->twin[e], st);
		return -1;
	}
	/* u_in: from u_out if flow passes u (cancelling it), or from any
	 * w_out over an unused edge. */
	if (w->vf[u] && (r = visit(&w->bwd, &w->fwd, x + 1, -1, st)) >= 0)
		return r;
	for (e = g->off[u]; e < g->off[u + 1]; e++)
		if (!w->ef[w->twin[e]] &&
		    (r = visit(&w->bwd, &w->fwd, 2 * g->adj[e] + 1,
		    w->twin[e], st)) >= 0)
			return r;
	return -1;
}

/* The head node of arc e leaving node x. */
static int
arc_head(const struct flow_ws *w, int x, int e)
{
	if (!w->split)
		return w->g->adj[e];
	if (e < 0)
		return x ^ 1;
	return 2 * w->g->adj[e] + ((x & 1) ? 0 : 1);
}

/* The tail node of arc e entering node y. */
static int
arc_tail(const struct flow_ws *w, int y, int e)
{
	if (!w->split)
		return w->g->adj[w->twin[e]];
	if (e < 0)
		return y ^ 1;
	return 2 * w->g->adj[w->twin[e]] + ((y & 1) ? 0 : 1);
}

/* Push one unit along residual arc e leaving node x. */
static void
arc_push(struct flow_ws *w, int x, int e)
{
	if (!w->split) {
		touch_edge(w, e);
		touch_edge(w, w->twin[e]);
		w->ef[e]++;
		w->ef[w->twin[e]]--;
	} else if (e < 0) {
		/* u_in -> u_out fills u; u_out -> u_in empties it. */
		touch_vertex(w, x >> 1);
		w->vf[x >> 1] = (x & 1) ? 0 : 1;
	} else if (x & 1) {
		touch_edge(w, e);
		w->ef[e] = 1;
	} else {
		/* u_in -> w_out cancels the flow w_out -> u_in. */
		touch_edge(w, w->twin[e]);
		w->ef[w->twin[e]] = 0;
	}
}

/*
 * Find one augmenting path src -> dst (distinct, not joined by an arc) by
 * bidirectional BFS, growing the smaller frontier a layer at a time, and
 * push a unit along it. Returns 1 when found, 0 when the flow is maximum.
 */
static int
augment(struct flow_ws *w, int src, int dst)
{
	struct bfs_side *f = &w->fwd, *b = &w->bwd;
	unsigned int st = ws_stamp(w);
	int meet = -1, x, y, e;

	f->head = f->tail = b->head = b->tail = 0;
	f->seen[src] = st;
	f->queue[f->tail++] = src;
	b->seen[dst] = st;
	b->queue[b->tail++] = dst;
	while (meet < 0) {
		int forward = f->tail - f->head <= b->tail - b->head;
		struct bfs_side *sd = forward ? f : b;
		size_t end = sd->tail;

		if (f->head == f->tail || b->head == b->tail)
			return 0;
		while (meet < 0 && sd->head < end) {
			x = sd->queue[sd->head++];
			if (w->split)
				meet = forward ? split_forward(w, x, st) :
				    split_backward(w, x, st);
			else
				meet = forward ? edge_forward(w, x, st) :
				    edge_backward(w, x, st);
		}
	}
	/* The path is simple: the searches stop at their first common node. */
	for (y = meet; y != src; y = x) {
		e = f->pe[y];
		x = arc_tail(w, y, e);
		arc_push(w, x, e);
	}
	for (x = meet; x != dst; x = y) {
		e = b->pe[x];
		y = arc_head(w, x, e);
		arc_push(w, x, e);
	}
	return 1;
}

/*
 * The maximum flow from src to dst, but no more than cap: lambda(s, t)
 * with vertices as nodes, kappa(s, t) for non-adjacent s, t with
 * src = s_out and dst = t_in when split. Flows are reset after.
 */
static int
max_flow(struct flow_ws *w, int src, int dst, int cap)
{
	int k = 0;

	while (k < cap && augment(w, src, dst))
		k++;
	ws_reset(w);
	return k;
}

/*
 * What both connectivities start from: 0 when g has fewer than 2
 * vertices or is not connected, n - 1 for the complete graph K_n; else
 * the workspace w ready (split: vertices in two, for vertex
 * connectivity), *v a vertex of least degree, *best its degree and
 * *bound the caller's lower bound where it can be right, else 1.
 * Returns 1 when *best is already the answer, 0 when the search must go
 * on, -1 when out of memory. Either way ws_free() frees w.
 */
static int
flow_start(struct flow_ws *w, const struct mesh_i_csr *g, int split,
    int lower, int *v, int *best, int *bound)
{
	int n = g->n;

	*best = 0;
	/* Too small, or too few edges to be connected. */
	if (n < 2 || g->m < n - 1)
		return 1;
	if ((long long)n * (n - 1) / 2 == g->m) {
		*best = n - 1;
		return 1;
	}
	if (ws_init(w, g, split) < 0)
		return -1;
	if (!is_connected(w))
		return 1;
	*v = min_degree_vertex(g, best);
	*bound = lower >= 1 && lower <= *best ? lower : 1;
	return 0;
}

int
mesh_i_vertex_connectivity(const struct mesh_i_csr *g, int lower, int *out)
{
	struct flow_ws w;
	int n = g->n, rc, best, delta;
	int v = 0, bound = 1, x, i, j, p, k;

	memset(&w, 0, sizeof(w));
	if ((rc = flow_start(&w, g, 1, lower, &v, &best, &bound)) != 0)
		goto done;
	delta = best;

	/*
	 * Esfahanian-Hakimi: with v of least degree, some minimum separator
	 * S either misses v, and then separates v from a non-neighbour, or
	 * contains v, and then (being minimal) separates two non-adjacent
	 * neighbours of v.
	 */
	/* Chartrand-Harary: a separator S leaves a part of at most
	 * (n - |S|) / 2 vertices, whose degrees are then below delta unless
	 * |S| >= 2 delta - n + 2. */
	if (2 * (long long)delta - n + 2 > bound)
		bound = (int)(2 * (long long)delta - n + 2);

	/* Non-neighbours of v, walking v's sorted list alongside. */
	p = g->off[v];
	for (x = 0; x < n && best > bound; x++) {
		while (p < g->off[v + 1] && g->adj[p] < x)
			p++;
		if (x == v || (p < g->off[v + 1] && g->adj[p] == x))
			continue;
		k = max_flow(&w, 2 * v + 1, 2 * x, best);
		if (k < best)
			best = k;
	}
	/* Non-adjacent pairs of neighbours of v. */
	for (i = g->off[v]; i < g->off[v + 1] && best > bound; i++) {
		for (j = i + 1; j < g->off[v + 1] && best > bound; j++) {
			if (mesh_i_csr_adjacent(g, g->adj[i], g->adj[j]))
				continue;
			k = max_flow(&w, 2 * g->adj[i] + 1,
			    2 * g->adj[j], best);
			if (k < best)
				best = k;
		}
	}
done:
	if (rc >= 0)
		*out = best;
	ws_free(&w);
	return rc < 0 ? -1 : 0;
}

int
mesh_i_edge_connectivity(const struct mesh_i_csr *g, int lower, int *out)
{
	struct flow_ws w;
	int n = g->n, rc, best, s = 0, bound = 1, t, delta, k;

	memset(&w, 0, sizeof(w));
	/* A minimum cut has s on one side and some t on the other. */
	if ((rc = flow_start(&w, g, 0, lower, &s, &best, &bound)) != 0)
		goto done;
	delta = best;
	/* Chartrand: lambda = delta once delta >= floor(n / 2). */
	if (delta >= n / 2)
		bound = delta;
	for (t = 0; t < n && best > bound; t++) {
		if (t == s)
			continue;
		k = max_flow(&w, s, t, best);
		if (k < best)
			best = k;
	}
done:
	if (rc >= 0)
		*out = best;
	ws_free(&w);
	return rc < 0 ? -1 : 0;
}
