/* sweep.c: sweeps: every set of up to k units failing together, each decided in one linear pass over the graph minus a smaller set, shared among processes. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph/components.h"
#include "graph/csr.h"
#include "meshsim/meshsim.h"
#include "meshsim/sweep.h"
#include "out/json_out.h"
#include "base/map.h"
#include "base/pool.h"
#include "base/progress.h"
#include "base/sat.h"
#include "base/util.h"

#define JOBS_MAX 512

/* C(n, k), saturating at UINT64_MAX. */
static uint64_t
choose(uint64_t n, uint64_t k)
{
	uint64_t c = 1, i;

	if (k > n)
		return 0;
	if (k > n - k)
		k = n - k;
	for (i = 0; i < k; i++) {
		/* c = C(n, i) here; C(n, i+1) = c * (n - i) / (i + 1). */
		uint64_t a = n - i, b = i + 1, g = a, h = b, t;

		while (h != 0) {
			t = g % h;
			g = h;
			h = t;
		}
		a /= g;
		b /= g;
		c /= b;         /* b divides c * a, and is prime to a */
		if (a != 0 && c > UINT64_MAX / a)
			return UINT64_MAX;
		c *= a;
	}
	return c;
}

/* The same, as a double, for estimates. */
static double
choose_d(double n, int k)
{
	double c = 1;
	int i;

	if (k > n)
		return 0;
	for (i = 0; i < k; i++)
		c = c * (n - i) / (i + 1);
	return c;
}

struct named {
	const char *name;
	int v;
};

static int
named_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct named *)pa)->name,
	    ((const struct named *)pb)->name);
}

/* Each plan node's position in name order, into rank. Returns 0 or -1. */
static int
name_ranks(const struct mesh_plan *p, int *rank)
{
	struct named *t = malloc((p->nnodes + 1) * sizeof(*t));
	size_t i;

	if (t == NULL)
		return -1;
	for (i = 0; i < p->nnodes; i++) {
		t[i].name = p->nodes[i].name;
		t[i].v = (int)i;
	}
	qsort(t, p->nnodes, sizeof(*t), named_cmp);
	for (i = 0; i < p->nnodes; i++)
		rank[t[i].v] = (int)i;
	free(t);
	return 0;
}

/* A stable merge sort of idx[0 .. n-1] by cmp(ctx, a, b), through tmp
 * (room for n). */
static void
msort(size_t *idx, size_t *tmp, size_t n,
    int (*cmp)(const void *, size_t, size_t), const void *ctx)
{
	size_t h = n / 2, i = 0, j, k = 0;

	if (n < 2)
		return;
	msort(idx, tmp, h, cmp, ctx);
	msort(idx + h, tmp, n - h, cmp, ctx);
	if (cmp(ctx, idx[h - 1], idx[h]) <= 0)
		return;
	j = h;
	while (i < h && j < n)
		tmp[k++] = cmp(ctx, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
	while (i < h)
		tmp[k++] = idx[i++];
	while (j < n)
		tmp[k++] = idx[j++];
	memcpy(idx, tmp, n * sizeof(*idx));
}

/* Tuples of one size in lexicographic order (unit order is name order). */
static int
tuple_cmp(const int *a, const int *b, int size)
{
	int i;

	for (i = 0; i < size; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/*
 * One group of the plan, renumbered: local nodes 0 .. n-1 in
 * breadth-first order, local units 0 .. nu-1 in the order of the sweep's
 * units (name order). Unit u holds
 * local nodes unodes[ustart[u] .. ustart[u + 1] - 1].
 */
struct group {
	int n;
	int *node;              /* local node -> plan node */
	struct mesh_i_csr g;
	int nu;
	int *ustart;
	int *unodes;
	int *uglobal;           /* local unit -> sweep unit */
	int *unit_of;           /* local node -> local unit */
	int nmulti;             /* units of several nodes */
};

/* Free what group_build() allocated; gr is then zeroed. */
static void
group_free(struct group *gr)
{
	free(gr->node);
	mesh_i_csr_free(&gr->g);
	free(gr->ustart);
	free(gr->unodes);
	free(gr->uglobal);
	free(gr->unit_of);
	memset(gr, 0, sizeof(*gr));
}

static int
int_cmp(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;

	return (a > b) - (a < b);
}

/*
 * Build group c of the sweep from the plan's csr pg. local_of (plan
 * nodes) and ulocal (sweep units, all -1 on entry and on return) are
 * scratch. Returns 0, or -1 when out of memory (gr is then freed).
 */
static int
group_build(const struct mesh_sweep *sw, const struct mesh_i_csr *pg,
    size_t c, int *local_of, int *ulocal, struct group *gr)
{
	const int *of = sw->units->of;
	int *edges = NULL, *fill = NULL, a, i, m = 0, nd = 0;
	size_t first = sw->comp_start[c];

	memset(gr, 0, sizeof(*gr));
	gr->n = (int)(sw->comp_start[c + 1] - first);
	gr->node = malloc(((size_t)gr->n + 1) * sizeof(int));
	gr->unit_of = malloc(((size_t)gr->n + 1) * sizeof(int));
	gr->uglobal = malloc(((size_t)gr->n + 1) * sizeof(int));
	gr->unodes = malloc(((size_t)gr->n + 1) * sizeof(int));
	gr->ustart = calloc((size_t)gr->n + 2, sizeof(int));
	fill = malloc(((size_t)gr->n + 2) * sizeof(int));
	if (!gr->node || !gr->unit_of || !gr->uglobal || !gr->unodes ||
	    !gr->ustart || !fill)
		goto fail;
	/* Local nodes in breadth-first order from the group's first name:
	 * neighbours get near numbers, so the passes hit the cache more. */
	for (a = 0; a < gr->n; a++)
		local_of[sw->comp_nodes[first + (size_t)a]] = -1;
	if (gr->n > 0) {
		int head, tail = 1;

		gr->node[0] = sw->comp_nodes[first];
		local_of[gr->node[0]] = 0;
		for (head = 0; head < tail; head++) {
			int v = gr->node[head];

			for (i = pg->off[v]; i < pg->off[v + 1]; i++)
				if (local_of[pg->adj[i]] < 0) {
					local_of[pg->adj[i]] = tail;
					gr->node[tail++] = pg->adj[i];
				}
		}
	}
	for (a = 0; a < gr->n; a++) {
		int v = gr->node[a];

		m += pg->off[v + 1] - pg->off[v];
		if (ulocal[of[v]] < 0) {
			ulocal[of[v]] = 0;
			gr->uglobal[nd++] = of[v];
		}
	}
	m /= 2;

	/* Links: each once, from its end with the lower local index. */
	if ((edges = malloc(((size_t)m * 2 + 1) * sizeof(int))) == NULL)
		goto fail;
	m = 0;
	for (a = 0; a < gr->n; a++) {
		int v = gr->node[a];

		for (i = pg->off[v]; i < pg->off[v + 1]; i++) {
			int b = local_of[pg->adj[i]];

			if (a < b) {
				edges[2 * m] = a;
				edges[2 * m + 1] = b;
				m++;
			}
		}
	}
	if (mesh_i_csr_build(&gr->g, gr->n, edges, m) != 0)
		goto fail;

	/* Units in the sweep's order; each unit's nodes in local order. */
	qsort(gr->uglobal, (size_t)nd, sizeof(int), int_cmp);
	gr->nu = nd;
	for (i = 0; i < nd; i++)
		ulocal[gr->uglobal[i]] = i;
	for (a = 0; a < gr->n; a++) {
		gr->unit_of[a] = ulocal[of[gr->node[a]]];
		gr->ustart[gr->unit_of[a] + 1]++;
	}
	for (i = 0; i < nd; i++) {
		gr->ustart[i + 1] += gr->ustart[i];
		fill[i] = gr->ustart[i];
		if (gr->ustart[i + 1] - gr->ustart[i] > 1)
			gr->nmulti++;
	}
	for (a = 0; a < gr->n; a++)
		gr->unodes[fill[gr->unit_of[a]]++] = a;
	for (i = 0; i < nd; i++)
		ulocal[gr->uglobal[i]] = -1;
	free(edges);
	free(fill);
	return 0;
fail:
	for (i = 0; i < nd; i++)
		ulocal[gr->uglobal[i]] = -1;
	free(edges);
	free(fill);
	group_free(gr);
	return -1;
}

/* What one level (sets of s units) asks, read-only. */
struct level {
	const struct group *gr;
	enum mesh_sweep_model model;
	int j;                  /* |R| */
	int s;                  /* j + 1 */
	int k;
	const struct mesh_i_map *minimal; /* minimal sets of sizes < s */
	const size_t *nmin;     /* nmin[t]: how many of size t */
	struct mesh_i_meter *meter;       /* NULL: no progress reported */
	uint64_t slice;         /* run the passes numbered slice modulo */
	uint64_t nslices;       /* nslices only (1: all of them) */
};

/* How far a sweep is: passes, weighted by their group's cost. */
static uint64_t
pass_weight(uint64_t nodes, uint64_t degrees, uint64_t nmulti)
{
	return mesh_i_sat_mul(mesh_i_sat_add(nodes, degrees),
	    mesh_i_sat_add(nmulti, 1));
}

/* What a share of a level found: counts, the worst set, and the minimal
 * sets in ascending order, s units each. */
struct found {
	uint64_t tried;
	uint64_t hit;
	uint64_t worst;         /* 0: none */
	int *worst_set;
	int *sets;
	uint64_t *effects;
	size_t nsets, cap;
	int failed;             /* out of memory */
};

/* An empty find for sets of s units. Returns 0, or -1 when out of
 * memory; free with found_free() either way. */
static int
found_init(struct found *f, int s)
{
	memset(f, 0, sizeof(*f));
	f->worst_set = calloc((size_t)s + 1, sizeof(int));
	return f->worst_set == NULL ? -1 : 0;
}

/* Free what a find holds; it is then zeroed. */
static void
found_free(struct found *f)
{
	free(f->worst_set);
	free(f->sets);
	free(f->effects);
	memset(f, 0, sizeof(*f));
}

/*
 * What the depth-first search of one pass keeps per node. Hot, touched
 * for every edge: the discovery time and low point, counted on across
 * passes so that a time below the pass's start means unseen (no reset
 * per pass). Cold, touched when the node is visited and left: subtree
 * size, the root of its component, and the children whose subtrees its
 * loss separates: how many, their total size, the largest.
 */
struct dhot {
	unsigned tin, low;
};

struct dcold {
	int sub, root, cnt, sep, mx;
};

/* A frame of the search: the node, its next edge, its parent. */
struct frame {
	int v, it, parent;
};

/* Per-process scratch for the passes of one group. */
struct scratch {
	struct dhot *h;
	struct dcold *nd;
	unsigned clock;
	struct frame *stack;
	char *dead;
	unsigned *seen, *gone, *cmark;
	unsigned tag;
	int *queue;
	int *croot;             /* component roots */
	int *subu, *contrib;    /* mesh: per unit */
	int *set, *pos, *subset;
	void *block;            /* the one allocation holding the arrays */
};

/* Free the scratch; it is then zeroed. */
static void
scratch_free(struct scratch *x)
{
	free(x->block);
	memset(x, 0, sizeof(*x));
}

/* Scratch for the passes over gr with sets of up to k units. Returns 0,
 * or -1 when out of memory (nothing is then held). */
static int
scratch_init(struct scratch *x, const struct group *gr, int k)
{
	size_t n1 = (size_t)gr->n + 1, u1 = (size_t)gr->nu + 1;
	size_t k1 = (size_t)k + 1;
	const size_t sz[] = {
		n1 * sizeof(*x->h), n1 * sizeof(*x->nd),
		n1 * sizeof(*x->stack), n1, n1 * sizeof(unsigned),
		n1 * sizeof(unsigned), n1 * sizeof(unsigned),
		n1 * sizeof(int), n1 * sizeof(int), u1 * sizeof(int),
		u1 * sizeof(int), k1 * sizeof(int), k1 * sizeof(int),
		k1 * sizeof(int)
	};
	void *p[sizeof(sz) / sizeof(sz[0])];

	/* One zeroed block for the fourteen arrays. */
	memset(x, 0, sizeof(*x));
	if ((x->block = mesh_i_alloc_arrays(sizeof(sz) / sizeof(sz[0]), sz,
	    p, 1)) == NULL)
		return -1;
	x->h = p[0];
	x->nd = p[1];
	x->stack = p[2];
	x->dead = p[3];
	x->seen = p[4];
	x->gone = p[5];
	x->cmark = p[6];
	x->queue = p[7];
	x->croot = p[8];
	x->subu = p[9];
	x->contrib = p[10];
	x->set = p[11];
	x->pos = p[12];
	x->subset = p[13];
	x->clock = 1;
	return 0;
}

/* A fresh tag for the seen / gone / component marks. */
static unsigned
next_tag(struct scratch *x, int n)
{
	if (++x->tag == 0) {
		memset(x->seen, 0, (size_t)n * sizeof(unsigned));
		memset(x->gone, 0, (size_t)n * sizeof(unsigned));
		memset(x->cmark, 0, (size_t)n * sizeof(unsigned));
		x->tag = 1;
	}
	return x->tag;
}

/* Whether the set x->set (s units) holds a smaller minimal set. */
static int
holds_minimal(const struct level *lv, struct scratch *x)
{
	int s = lv->s, t, i;

	for (t = 1; t < s; t++) {
		if (lv->nmin[t] == 0)
			continue;
		/* Every t-subset of positions, in order. */
		for (i = 0; i < t; i++)
			x->pos[i] = i;
		for (;;) {
			for (i = 0; i < t; i++)
				x->subset[i] = x->set[x->pos[i]];
			/* -2 marks a minimal set another shard reports. */
			if (mesh_i_map_get_ints(lv->minimal, x->subset, t) != -1)
				return 1;
			for (i = t - 1; i >= 0 && x->pos[i] == s - t + i; i--)
				;
			if (i < 0)
				break;
			x->pos[i]++;
			for (i++; i < t; i++)
				x->pos[i] = x->pos[i - 1] + 1;
		}
	}
	return 0;
}

/* The set R + {u} (in x->set, R already there) hits with effect. */
static void
record(const struct level *lv, struct scratch *x, struct found *f, int u,
    uint64_t effect)
{
	int s = lv->s;

	x->set[s - 1] = u;
	f->hit++;
	if (effect > f->worst) {
		f->worst = effect;
		memcpy(f->worst_set, x->set, (size_t)s * sizeof(int));
	}
	if (holds_minimal(lv, x))
		return;
	if (f->nsets == f->cap) {
		size_t c = f->cap ? f->cap * 2 : 64;
		int *p = realloc(f->sets, c * (size_t)s * sizeof(*p));
		uint64_t *e;

		if (p == NULL) {
			f->failed = 1;
			return;
		}
		f->sets = p;
		if ((e = realloc(f->effects, c * sizeof(*e))) == NULL) {
			f->failed = 1;
			return;
		}
		f->effects = e;
		f->cap = c;
	}
	memcpy(f->sets + f->nsets * (size_t)s, x->set, (size_t)s * sizeof(int));
	f->effects[f->nsets++] = effect;
}

/*
 * Depth-first search of the group minus the dead nodes: per node its
 * discovery time, low point, subtree size, root, and the pieces its loss
 * separates below it (a child u whose low point is not above v's
 * discovery time; every child of a root). Returns the number of
 * components and sets the largest one's root and the two largest sizes.
 */
static int
dfs(const struct group *gr, struct scratch *x, int *top_root, int *top1,
    int *top2)
{
	const struct mesh_i_csr *g = &gr->g;
	struct dhot *h = x->h;
	struct dcold *nd = x->nd;
	struct frame *st = x->stack;
	unsigned start, t;
	int s, sp, ncomp = 0, a;

	if (x->clock > UINT_MAX - 2 - (unsigned)gr->n) {
		for (a = 0; a < gr->n; a++)
			h[a].tin = 0;
		x->clock = 1;
	}
	start = t = x->clock;
	/* Dead nodes look seen, and too late to lower a low point. */
	for (a = 0; a < gr->n; a++)
		if (x->dead[a])
			h[a].tin = UINT_MAX;
	*top_root = -1;
	*top1 = *top2 = 0;
	for (s = 0; s < gr->n; s++) {
		if (h[s].tin >= start)
			continue;
		h[s].tin = h[s].low = t++;
		nd[s].root = s;
		nd[s].cnt = nd[s].sep = nd[s].mx = 0;
		st[0].v = s;
		st[0].it = g->off[s];
		st[0].parent = -1;
		sp = 1;
		while (sp > 0) {
			struct frame *f = &st[sp - 1];
			int v = f->v;

			if (f->it < g->off[v + 1]) {
				int u = g->adj[f->it++];

				if (h[u].tin < start) {
					h[u].tin = h[u].low = t++;
					nd[u].root = s;
					nd[u].cnt = nd[u].sep = nd[u].mx = 0;
					st[sp].v = u;
					st[sp].it = g->off[u];
					st[sp].parent = v;
					sp++;
				} else if (h[u].tin < h[v].low &&
				    u != f->parent) {
					h[v].low = h[u].tin;
				}
				continue;
			}
			nd[v].sub = (int)(t - h[v].tin);
			if (f->parent >= 0) {
				int p = f->parent;

				if (h[v].low < h[p].low)
					h[p].low = h[v].low;
				if (h[v].low >= h[p].tin) {
					nd[p].cnt++;
					nd[p].sep += nd[v].sub;
					if (nd[v].sub > nd[p].mx)
						nd[p].mx = nd[v].sub;
				}
			}
			sp--;
		}
		x->croot[ncomp++] = s;
		if (nd[s].sub > *top1) {
			*top2 = *top1;
			*top1 = nd[s].sub;
			*top_root = s;
		} else if (nd[s].sub > *top2) {
			*top2 = nd[s].sub;
		}
	}
	/* The dead come back unseen for the next pass. */
	for (a = 0; a < gr->n; a++)
		if (x->dead[a])
			h[a].tin = 0;
	x->clock = t;
	return ncomp;
}

/* The loss of single node v from the group minus the dead nodes: the
 * pieces its component leaves and the largest of them, from the search
 * alone. */
static void
node_pieces(const struct scratch *x, int v, int *npieces, int *largest)
{
	const struct dcold *d = &x->nd[v];
	int csz = x->nd[d->root].sub;

	*npieces = 0;
	*largest = 0;
	if (csz == 1)
		return;
	*npieces = d->cnt;
	*largest = d->mx;
	if (d->root != v) {
		(*npieces)++;
		if (csz - 1 - d->sep > *largest)
			*largest = csz - 1 - d->sep;
	}
}

/* The loss of unit u of several nodes: a breadth-first search of what
 * is left of the components it touches. Sets the pieces, the components
 * touched and the largest piece. */
static void
unit_pieces(const struct group *gr, struct scratch *x, int u, int *npieces,
    int *touched, int *largest)
{
	const struct mesh_i_csr *g = &gr->g;
	unsigned tag = next_tag(x, gr->n);
	int i, a, head, tail;

	*npieces = *touched = *largest = 0;
	for (a = gr->ustart[u]; a < gr->ustart[u + 1]; a++) {
		int w = gr->unodes[a];

		x->gone[w] = tag;
		if (x->cmark[x->nd[w].root] != tag) {
			x->cmark[x->nd[w].root] = tag;
			(*touched)++;
		}
	}
	for (a = gr->ustart[u]; a < gr->ustart[u + 1]; a++) {
		int w = gr->unodes[a];

		for (i = g->off[w]; i < g->off[w + 1]; i++) {
			int seed = g->adj[i];

			if (x->dead[seed] || x->gone[seed] == tag ||
			    x->seen[seed] == tag)
				continue;
			x->seen[seed] = tag;
			x->queue[0] = seed;
			head = 0;
			tail = 1;
			while (head < tail) {
				int v = x->queue[head++], e;

				for (e = g->off[v]; e < g->off[v + 1]; e++) {
					int y = g->adj[e];

					if (x->dead[y] || x->gone[y] == tag ||
					    x->seen[y] == tag)
						continue;
					x->seen[y] = tag;
					x->queue[tail++] = y;
				}
			}
			(*npieces)++;
			if (tail > *largest)
				*largest = tail;
		}
	}
}

/* One pass of the graph model over the group minus R (x->set[0 .. j-1],
 * nodes marked dead, alive survivors): decide R + {u} for every u after
 * R's last. */
static void
pass_graph(const struct level *lv, struct scratch *x, struct found *f,
    int alive)
{
	const struct group *gr = lv->gr;
	int top_root, top1, top2, ncomp, u;
	int first = lv->j ? x->set[lv->j - 1] + 1 : 0;

	ncomp = dfs(gr, x, &top_root, &top1, &top2);
	for (u = first; u < gr->nu; u++) {
		int size = gr->ustart[u + 1] - gr->ustart[u];
		int left = alive - size, npieces, largest, after, rest;

		if (left <= 1)
			continue;
		if (size == 1) {
			int v = gr->unodes[gr->ustart[u]];

			node_pieces(x, v, &npieces, &largest);
			rest = x->nd[v].root == top_root ? top2 : top1;
			after = ncomp - 1 + npieces;
		} else {
			int touched, c;

			/* The largest component it leaves alone: a scan,
			 * within the (1 + domains) * (n + m) per pass that
			 * the estimate allows. */
			unit_pieces(gr, x, u, &npieces, &touched, &largest);
			rest = 0;
			for (c = 0; c < ncomp; c++)
				if (x->cmark[x->croot[c]] != x->tag &&
				    x->nd[x->croot[c]].sub > rest)
					rest = x->nd[x->croot[c]].sub;
			after = ncomp - touched + npieces;
		}
		if (after >= 2)
			record(lv, x, f, u, (uint64_t)(left -
			    (largest > rest ? largest : rest)));
	}
}

/* One pass of the mesh model: survivors whose route neighbours are all
 * down are stranded; R + {u} strands those of R not in u, and those whose
 * up neighbours all lie in u. */
static void
pass_mesh(const struct level *lv, struct scratch *x, struct found *f)
{
	const struct group *gr = lv->gr;
	const struct mesh_i_csr *g = &gr->g;
	int first = lv->j ? x->set[lv->j - 1] + 1 : 0;
	int y, u, i, stranded = 0;

	for (y = 0; y < gr->n; y++) {
		int cnt = 0, u0 = -1, one = 1;

		if (x->dead[y] || g->off[y] == g->off[y + 1])
			continue;
		for (i = g->off[y]; i < g->off[y + 1]; i++) {
			int z = g->adj[i];

			if (x->dead[z])
				continue;
			cnt++;
			if (u0 < 0)
				u0 = gr->unit_of[z];
			else if (gr->unit_of[z] != u0)
				one = 0;
		}
		if (cnt == 0) {
			stranded++;
			x->subu[gr->unit_of[y]]++;
		} else if (one && u0 != gr->unit_of[y]) {
			x->contrib[u0]++;
		}
	}
	for (u = first; u < gr->nu; u++) {
		int st = stranded - x->subu[u] + x->contrib[u];

		if (st > 0)
			record(lv, x, f, u, (uint64_t)st);
	}
	memset(x->subu, 0, (size_t)gr->nu * sizeof(int));
	memset(x->contrib, 0, (size_t)gr->nu * sizeof(int));
}

/* Run the passes of share w of nshares of a level's slice: the sets R of
 * j units (the last below nu - 1), numbered in order, whose number is
 * lv->slice modulo lv->nslices, and of those the w-th modulo nshares. */
static void
run_share(const struct level *lv, struct scratch *x, struct found *f,
    uint64_t w, uint64_t nshares)
{
	const struct group *gr = lv->gr;
	int j = lv->j, i, a;
	uint64_t idx = 0, here;

	if (gr->nu < 1 || (j > 0 && gr->nu - 1 < j))
		return;
	for (i = 0; i < j; i++)
		x->set[i] = i;
	for (;;) {
		here = idx++;
		if (here % lv->nslices == lv->slice &&
		    here / lv->nslices % nshares == w) {
			int alive = gr->n;

			/* The pass decides R + {u} for every u after R's
			 * last. */
			f->tried += (uint64_t)(gr->nu - (j ? x->set[j - 1] +
			    1 : 0));

			for (i = 0; i < j; i++)
				for (a = gr->ustart[x->set[i]];
				    a < gr->ustart[x->set[i] + 1]; a++) {
					x->dead[gr->unodes[a]] = 1;
					alive--;
				}
			if (lv->model == MESH_SWEEP_GRAPH)
				pass_graph(lv, x, f, alive);
			else
				pass_mesh(lv, x, f);
			if (lv->meter != NULL)
				mesh_i_meter_add(lv->meter, 1);
			for (i = 0; i < j; i++)
				for (a = gr->ustart[x->set[i]];
				    a < gr->ustart[x->set[i] + 1]; a++)
					x->dead[gr->unodes[a]] = 0;
			if (f->failed)
				return;
		}
		/* The next j-set of 0 .. nu-2 in order. */
		for (i = j - 1; i >= 0 && x->set[i] == gr->nu - 1 - j + i; i--)
			;
		if (i < 0)
			return;
		x->set[i]++;
		for (i++; i < j; i++)
			x->set[i] = x->set[i - 1] + 1;
	}
}

/* Run a share into f (initialised here). Returns 0, or -1 when out of
 * memory (f is then freed). */
static int
run_share_new(const struct level *lv, struct found *f, uint64_t w,
    uint64_t nshares)
{
	struct scratch x;

	if (found_init(f, lv->s) != 0)
		return -1;
	if (scratch_init(&x, lv->gr, lv->k) != 0) {
		found_free(f);
		return -1;
	}
	run_share(lv, &x, f, w, nshares);
	scratch_free(&x);
	if (f->failed) {
		found_free(f);
		return -1;
	}
	return 0;
}

/* Append a found for sets of s units to b as bytes: hit, worst, nsets,
 * tried, the worst set, the sets, their effects (b->failed when out of
 * memory). */
static void
found_put(struct mesh_i_buf *b, const struct found *f, int s)
{
	uint64_t head[4];

	head[0] = f->hit;
	head[1] = f->worst;
	head[2] = f->nsets;
	head[3] = f->tried;
	mesh_i_buf_add(b, (const char *)head, sizeof(head));
	mesh_i_buf_add(b, (const char *)f->worst_set, (size_t)s * sizeof(int));
	if (f->nsets == 0)
		return;
	mesh_i_buf_add(b, (const char *)f->sets,
	    f->nsets * (size_t)s * sizeof(int));
	mesh_i_buf_add(b, (const char *)f->effects,
	    f->nsets * sizeof(uint64_t));
}

/* Copy the next n of the *left bytes at *p into to. Returns 0, or -1
 * when fewer are left. */
static int
take_bytes(const char **p, size_t *left, void *to, size_t n)
{
	if (*left < n)
		return -1;
	if (n > 0)
		memcpy(to, *p, n);
	*p += n;
	*left -= n;
	return 0;
}

/* The found that found_put() wrote as the len bytes at p, into f
 * (initialised here); at most most sets. Returns 0, or -1 when they are
 * not one or when out of memory (f is then freed). */
static int
found_get(const char *p, size_t len, struct found *f, int s, uint64_t most)
{
	size_t set = (size_t)s * sizeof(int);
	uint64_t head[4];

	if (found_init(f, s) != 0)
		return -1;
	if (take_bytes(&p, &len, head, sizeof(head)) != 0 || head[2] > most ||
	    head[2] > SIZE_MAX / (set + 8) ||
	    take_bytes(&p, &len, f->worst_set, set) != 0 ||
	    len != (size_t)head[2] * (set + 8))
		goto fail;
	f->hit = head[0];
	f->worst = head[1];
	f->tried = head[3];
	f->nsets = f->cap = (size_t)head[2];
	if (f->nsets == 0)
		return 0;
	f->sets = malloc(f->nsets * set);
	f->effects = malloc(f->nsets * sizeof(uint64_t));
	if (f->sets == NULL || f->effects == NULL ||
	    take_bytes(&p, &len, f->sets, f->nsets * set) != 0 ||
	    take_bytes(&p, &len, f->effects, f->nsets * sizeof(uint64_t)) != 0)
		goto fail;
	return 0;
fail:
	found_free(f);
	return -1;
}

/*
 * Merge the shares' finds into out (initialised here): counts add up,
 * the worst is the largest (on a tie the first set), the sets merge in
 * order. Returns 0, or -1 when out of memory.
 */
static int
found_merge(struct found *part, int n, int s, struct found *out)
{
	size_t total = 0, *at = NULL;
	int i;

	if (found_init(out, s) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		out->tried += part[i].tried;
		out->hit += part[i].hit;
		total += part[i].nsets;
		if (part[i].worst > out->worst || (part[i].worst > 0 &&
		    part[i].worst == out->worst && tuple_cmp(part[i].worst_set,
		    out->worst_set, s) < 0)) {
			out->worst = part[i].worst;
			memcpy(out->worst_set, part[i].worst_set,
			    (size_t)s * sizeof(int));
		}
	}
	at = calloc((size_t)n + 1, sizeof(*at));
	out->sets = malloc((total * (size_t)s + 1) * sizeof(int));
	out->effects = malloc((total + 1) * sizeof(uint64_t));
	if (at == NULL || out->sets == NULL || out->effects == NULL) {
		free(at);
		found_free(out);
		return -1;
	}
	out->cap = total;
	while (out->nsets < total) {
		int best = -1;

		for (i = 0; i < n; i++)
			if (at[i] < part[i].nsets && (best < 0 ||
			    tuple_cmp(part[i].sets + at[i] * (size_t)s,
			    part[best].sets + at[best] * (size_t)s, s) < 0))
				best = i;
		memcpy(out->sets + out->nsets * (size_t)s, part[best].sets +
		    at[best] * (size_t)s, (size_t)s * sizeof(int));
		out->effects[out->nsets++] = part[best].effects[at[best]++];
	}
	free(at);
	return 0;
}

/* How many of all passes, numbered from 0, are slice modulo nslices. */
static uint64_t
slice_passes(uint64_t all, uint64_t slice, uint64_t nslices)
{
	return all > slice ? (all - slice - 1) / nslices + 1 : 0;
}

/* The passes of a level's slice. */
static uint64_t
level_passes(const struct level *lv)
{
	const struct group *gr = lv->gr;

	if (gr->nu < 1)
		return 0;
	return slice_passes(lv->j == 0 ? 1 : choose((uint64_t)gr->nu - 1,
	    (uint64_t)lv->j), lv->slice, lv->nslices);
}

/* A level shared among processes: share i finds part[i]. */
struct level_pool {
	const struct level *lv;
	struct found *part;
	int n;
	uint64_t most;          /* no share can find more sets */
};

/* Run a share of a level_pool into its part. Returns 0, or -1 when out
 * of memory (the part is then freed). */
static int
share_run(void *ctx, int share)
{
	struct level_pool *lp = ctx;

	return run_share_new(lp->lv, &lp->part[share], (uint64_t)share,
	    (uint64_t)lp->n);
}

/* A worker's part, as bytes. */
static void
share_put(void *ctx, int share, struct mesh_i_buf *out)
{
	struct level_pool *lp = ctx;

	found_put(out, &lp->part[share], lp->lv->s);
}

/* A worker's part, from its bytes. Returns 0, or -1 (nothing held). */
static int
share_get(void *ctx, int share, const char *bytes, size_t len)
{
	struct level_pool *lp = ctx;

	return found_get(bytes, len, &lp->part[share], lp->lv->s, lp->most);
}

static const struct mesh_i_pool_work level_work = {
	share_run, share_put, share_get
};

/*
 * Run a level, in this process alone or shared with worker processes
 * (base/pool.h), into out (initialised here); the level's meter, if any,
 * hears of their passes. Returns 0, or -1 when out of memory.
 */
static int
run_level(const struct level *lv, int jobs, double parallel_min,
    struct found *out)
{
	const struct group *gr = lv->gr;
	struct mesh_i_meter *m = lv->meter;
	uint64_t passes = level_passes(lv);
	double work = (double)passes * (gr->n + gr->g.m * 2.0) *
	    (1.0 + gr->nmulti);
	struct level_pool lp;
	int n = jobs, i, rc;

	if (work < parallel_min || passes < 2)
		n = 1;
	if ((uint64_t)n > passes)
		n = (int)passes;
	/* The parent looks at the workers' counts, and they send them,
	 * about MESH_I_METER_SENDS times a share. */
	if (m != NULL)
		mesh_i_meter_share(m, n <= 1 ? 1 :
		    passes / (uint64_t)n / MESH_I_METER_SENDS);
	if (n <= 1)
		return run_share_new(lv, out, 0, 1);
	lp.lv = lv;
	lp.n = n;
	if ((lp.part = calloc((size_t)n, sizeof(*lp.part))) == NULL)
		return -1;
	/* No share can find more sets than it decides. */
	lp.most = passes > UINT64_MAX / (uint64_t)gr->nu ? UINT64_MAX :
	    passes * (uint64_t)gr->nu;
	rc = mesh_i_pool_run(n, &level_work, &lp, m, passes);
	if (rc == 0)
		rc = found_merge(lp.part, n, lv->s, out);
	for (i = 0; i < n; i++)
		found_free(&lp.part[i]);
	free(lp.part);
	return rc;
}

/* A minimal cut found, before the final order. */
struct rawcut {
	size_t uoff;            /* its units in the pool */
	int size;
	size_t group;
	uint64_t effect;
	size_t soff;            /* mesh: its stranded nodes */
};

/* Everything the groups add up to, while they are swept. */
struct collect {
	struct rawcut *cuts;
	size_t ncuts, capcuts;
	int *pool;
	size_t npool, cappool;
	int *strand;            /* (cut, node) pairs */
	size_t nstrand, capstrand;
	const int *rank;
};

/* Append a minimal cut (units copied). Returns 0, or -1 when out of
 * memory (c is then unaltered but for spare room). */
static int
collect_cut(struct collect *c, const int *units, int size, size_t group,
    uint64_t effect)
{
	if (c->ncuts == c->capcuts) {
		size_t cap = c->capcuts ? c->capcuts * 2 : 64;
		struct rawcut *p = realloc(c->cuts, cap * sizeof(*p));

		if (p == NULL)
			return -1;
		c->cuts = p;
		c->capcuts = cap;
	}
	if (c->npool + (size_t)size > c->cappool) {
		size_t cap = c->cappool ? c->cappool * 2 : 256;
		int *p;

		while (cap < c->npool + (size_t)size)
			cap *= 2;
		if ((p = realloc(c->pool, cap * sizeof(*p))) == NULL)
			return -1;
		c->pool = p;
		c->cappool = cap;
	}
	memcpy(c->pool + c->npool, units, (size_t)size * sizeof(int));
	c->cuts[c->ncuts].uoff = c->npool;
	c->cuts[c->ncuts].size = size;
	c->cuts[c->ncuts].group = group;
	c->cuts[c->ncuts].effect = effect;
	c->cuts[c->ncuts].soff = 0;
	c->ncuts++;
	c->npool += (size_t)size;
	return 0;
}

/*
 * Under mesh, the nodes each minimal cut of the group strands: a node is
 * stranded by a set exactly when the units of its route neighbours are
 * in the set and its own is not, so a minimal set S strands exactly the
 * nodes whose neighbours' units are S. first is the group's first cut.
 */
static int
collect_stranded(struct collect *c, const struct group *gr,
    const struct mesh_i_map *minimal, size_t first, int k)
{
	const struct mesh_i_csr *g = &gr->g;
	int *t = malloc(((size_t)k + 1) * sizeof(int));
	int y, i, a, nt, cut;

	if (t == NULL)
		return -1;
	for (y = 0; y < gr->n; y++) {
		nt = 0;
		for (i = g->off[y]; i < g->off[y + 1] && nt <= k; i++) {
			int u = gr->unit_of[g->adj[i]];

			for (a = 0; a < nt && t[a] != u; a++)
				;
			if (a == nt) {
				if (nt == k) {
					nt++;
					break;
				}
				t[nt++] = u;
			}
		}
		if (nt == 0 || nt > k)
			continue;
		for (a = 0; a < nt && t[a] != gr->unit_of[y]; a++)
			;
		if (a < nt)
			continue;
		qsort(t, (size_t)nt, sizeof(int), int_cmp);
		if ((cut = mesh_i_map_get_ints(minimal, t, nt)) < 0)
			continue;
		if (c->nstrand == c->capstrand) {
			size_t cap = c->capstrand ? c->capstrand * 2 : 64;
			int *p = realloc(c->strand, cap * 2 * sizeof(*p));

			if (p == NULL) {
				free(t);
				return -1;
			}
			c->strand = p;
			c->capstrand = cap;
		}
		c->strand[2 * c->nstrand] = (int)(first + (size_t)cut);
		c->strand[2 * c->nstrand + 1] = gr->node[y];
		c->nstrand++;
	}
	free(t);
	return 0;
}

/* Add the minimal set t of s units to m with value, its units copied
 * into keys. Returns 0, or -1 when out of memory. */
static int
minimal_put(struct mesh_i_map *m, struct mesh_i_arena *keys, const int *t,
    int s, int value)
{
	int *copy = mesh_i_arena_alloc(keys, (size_t)s * sizeof(*copy));

	if (copy == NULL)
		return -1;
	memcpy(copy, t, (size_t)s * sizeof(*copy));
	return mesh_i_map_put_ints(m, copy, s, value) == -2 ? -1 : 0;
}

/*
 * Sweep one group, adding to the sweep's sizes and to c, and reporting
 * through m (may be NULL). A shard runs every level but the group's last
 * in full, since minimal sets of every smaller size are needed to tell
 * which of its sets are minimal, but reports those levels only as shard
 * 1; of the last level it runs and reports its slice of the passes.
 */
static enum mesh_error
sweep_group(struct mesh_sweep *sw, const struct group *gr, size_t group,
    struct collect *c, struct mesh_i_meter *m)
{
	struct mesh_i_map minimal;      /* unit sets -> their cuts */
	struct mesh_i_arena keys;       /* their units */
	struct level lv;
	struct found f;
	size_t *nmin = calloc((size_t)sw->k + 1, sizeof(*nmin));
	size_t first = c->ncuts, i;
	int *glob = malloc(((size_t)sw->k + 1) * sizeof(int));
	int j, a, top = sw->k < gr->nu ? sw->k : gr->nu;
	enum mesh_error err = MESH_ENOMEM;

	mesh_i_map_init_ints(&minimal);
	mesh_i_arena_init(&keys);
	memset(&f, 0, sizeof(f));
	if (nmin == NULL || glob == NULL)
		goto done;
	for (j = 0; j < top; j++) {
		struct mesh_sweep_size *sz = &sw->sizes[j + 1];
		int s = j + 1, last = j == top - 1;
		int mine = sw->shards <= 1 || last || sw->shard == 1;

		lv.gr = gr;
		lv.model = sw->model;
		lv.j = j;
		lv.s = s;
		lv.k = sw->k;
		lv.minimal = &minimal;
		lv.nmin = nmin;
		lv.meter = m;
		lv.slice = 0;
		lv.nslices = 1;
		if (sw->shards > 1 && last) {
			lv.slice = (uint64_t)sw->shard - 1;
			lv.nslices = (uint64_t)sw->shards;
		}
		if (m != NULL)
			m->weight = pass_weight((uint64_t)gr->n,
			    (uint64_t)gr->g.m * 2, (uint64_t)gr->nmulti);
		if (run_level(&lv, sw->jobs, sw->parallel_min, &f) != 0)
			goto done;
		if (m != NULL) {
			m->base = mesh_i_sat_add(m->base,
			    mesh_i_sat_mul(level_passes(&lv), m->weight));
			mesh_i_tick_to(&m->tick, m->base);
		}
		if (mine) {
			sz->tried += f.tried;
			sz->hit += f.hit;
		}
		if (mine && f.worst > 0) {
			for (a = 0; a < s; a++)
				glob[a] = gr->uglobal[f.worst_set[a]];
			if (f.worst > sz->worst || (f.worst == sz->worst &&
			    tuple_cmp(glob, sz->worst_units, s) < 0)) {
				sz->worst = (size_t)f.worst;
				sz->worst_group = group;
				memcpy(sz->worst_units, glob,
				    (size_t)s * sizeof(int));
			}
		}
		for (i = 0; i < f.nsets; i++) {
			const int *set = f.sets + i * (size_t)s;

			for (a = 0; a < s; a++)
				glob[a] = gr->uglobal[set[a]];
			/* Later levels look up the smaller sets; under mesh
			 * the stranded nodes look up every size. A set that
			 * another shard reports is marked -2. */
			if ((mine && collect_cut(c, glob, s, group,
			    f.effects[i]) != 0) ||
			    ((s < sw->k || sw->model == MESH_SWEEP_MESH) &&
			    minimal_put(&minimal, &keys, set, s, mine ?
			    (int)(c->ncuts - 1 - first) : -2) != 0))
				goto done;
		}
		nmin[s] = f.nsets;
		found_free(&f);
	}
	if (sw->model == MESH_SWEEP_MESH &&
	    collect_stranded(c, gr, &minimal, first, sw->k) != 0)
		goto done;
	err = MESH_OK;
done:
	found_free(&f);
	mesh_i_map_free(&minimal);
	mesh_i_arena_free(&keys);
	free(nmin);
	free(glob);
	return err;
}

/* Cuts by size, then names, then group. */
static int
rawcut_cmp(const void *ctx, size_t a, size_t b)
{
	const struct collect *c = ctx;
	const struct rawcut *x = &c->cuts[a], *y = &c->cuts[b];
	int r;

	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if ((r = tuple_cmp(c->pool + x->uoff, c->pool + y->uoff, x->size)))
		return r;
	return (x->group > y->group) - (x->group < y->group);
}

/* Stranded (cut, node) pairs by cut, then node name. */
static int
strand_cmp(const void *ctx, size_t a, size_t b)
{
	const struct collect *c = ctx;
	int ca = c->strand[2 * a], cb = c->strand[2 * b];

	if (ca != cb)
		return ca < cb ? -1 : 1;
	return (c->rank[c->strand[2 * a + 1]] > c->rank[c->strand[2 * b + 1]])
	    - (c->rank[c->strand[2 * a + 1]] < c->rank[c->strand[2 * b + 1]]);
}

/* The cuts in their final order, with their stranded nodes. */
static enum mesh_error
finish_cuts(struct mesh_sweep *sw, struct collect *c)
{
	size_t *order = malloc((c->ncuts + 1) * sizeof(*order));
	size_t *sorder = malloc((c->nstrand + 1) * sizeof(*sorder));
	size_t *tmp = malloc((c->ncuts + c->nstrand + 1) * sizeof(*tmp));
	size_t *sstart = calloc(c->ncuts + 2, sizeof(*sstart));
	size_t i, at = 0, sat = 0;
	enum mesh_error err = MESH_ENOMEM;

	sw->cuts = malloc((c->ncuts + 1) * sizeof(*sw->cuts));
	sw->set_units = malloc((c->npool + 1) * sizeof(int));
	sw->stranded = malloc((c->nstrand + 1) * sizeof(int));
	if (!order || !sorder || !tmp || !sstart || !sw->cuts ||
	    !sw->set_units || !sw->stranded)
		goto done;
	for (i = 0; i < c->ncuts; i++)
		order[i] = i;
	/* Groups find their cuts in order; only a split plan mixes them. */
	for (i = 1; i < c->ncuts && rawcut_cmp(c, i - 1, i) < 0; i++)
		;
	if (i < c->ncuts)
		msort(order, tmp, c->ncuts, rawcut_cmp, c);
	for (i = 0; i < c->nstrand; i++) {
		sorder[i] = i;
		sstart[c->strand[2 * i] + 1]++;
	}
	msort(sorder, tmp, c->nstrand, strand_cmp, c);
	for (i = 0; i < c->ncuts; i++)
		sstart[i + 1] += sstart[i];
	for (i = 0; i < c->ncuts; i++) {
		const struct rawcut *r = &c->cuts[order[i]];
		struct mesh_sweep_cut *cut = &sw->cuts[i];
		size_t q;

		cut->first = at;
		cut->size = (size_t)r->size;
		cut->group = r->group;
		cut->effect = (size_t)r->effect;
		cut->sfirst = sat;
		memcpy(sw->set_units + at, c->pool + r->uoff,
		    (size_t)r->size * sizeof(int));
		at += (size_t)r->size;
		for (q = sstart[order[i]]; q < sstart[order[i] + 1]; q++)
			sw->stranded[sat++] = c->strand[2 * sorder[q] + 1];
	}
	sw->ncuts = c->ncuts;
	err = MESH_OK;
done:
	free(order);
	free(sorder);
	free(tmp);
	free(sstart);
	return err;
}

/* A merge of slices in progress: the cuts as a sweep collects them. */
struct mesh_sweep_pending {
	struct collect c;
	int *rank;
};

static void
pending_free(struct mesh_sweep_pending *m)
{
	if (m == NULL)
		return;
	free(m->c.cuts);
	free(m->c.pool);
	free(m->c.strand);
	free(m->rank);
	free(m);
}

const char *
mesh_sweep_model_name(enum mesh_sweep_model model)
{
	return model == MESH_SWEEP_MESH ? "mesh" : "graph";
}

void
mesh_sweep_free(struct mesh_sweep *sw)
{
	int s;

	if (sw == NULL)
		return;
	free(sw->by);
	mesh_domains_free(sw->units);
	free(sw->comp_start);
	free(sw->comp_nodes);
	for (s = 0; sw->sizes != NULL && s <= sw->k; s++)
		free(sw->sizes[s].worst_units);
	free(sw->sizes);
	free(sw->cuts);
	free(sw->set_units);
	free(sw->stranded);
	pending_free(sw->pending);
	free(sw);
}

/*
 * The groups: components of the route graph pg, largest first, ties by
 * first name, members in name order. Returns 0 or -1.
 */
static int
find_groups(struct mesh_sweep *sw, const struct mesh_i_csr *pg,
    const int *rank)
{
	int n = pg->n, v, nc, rc = -1;
	int *comp = malloc(((size_t)n + 1) * sizeof(int));
	int *queue = malloc(((size_t)n + 1) * sizeof(int));
	int *by_rank = malloc(((size_t)n + 1) * sizeof(int));

	if (!comp || !queue || !by_rank)
		goto done;
	for (v = 0; v < n; v++)
		by_rank[rank[v]] = v;
	nc = mesh_i_components_label(pg, comp, queue);
	if ((nc = mesh_i_components_sort(comp, nc, by_rank, n, NULL,
	    &sw->comp_start, &sw->comp_nodes)) < 0)
		goto done;
	sw->ncomponents = (size_t)nc;
	sw->connected = nc <= 1;
	rc = 0;
done:
	free(comp);
	free(queue);
	free(by_rank);
	return rc;
}

/* The plan's route graph as a csr. Returns 0 or -1. */
static int
plan_csr(const struct mesh_plan *p, struct mesh_i_csr *g)
{
	return mesh_i_csr_build(g, (int)p->nnodes, p->links, (int)p->nlinks);
}

/* Units per group, the most in one group, and the cost estimate (also
 * as the whole number that progress counts). */
static int
estimate(struct mesh_sweep *sw, const struct mesh_i_csr *pg)
{
	const struct mesh_domains *d = sw->units;
	size_t *seen = malloc((d->n + 1) * sizeof(*seen));
	size_t *count = calloc(d->n + 1, sizeof(*count));
	size_t c, i, u;

	if (seen == NULL || count == NULL) {
		free(seen);
		free(count);
		return -1;
	}
	for (u = 0; u < d->n; u++)
		seen[u] = SIZE_MAX;
	sw->max_units = 0;
	for (c = 0; c < sw->ncomponents; c++) {
		size_t nu = 0, multi = 0, links = 0;

		for (i = sw->comp_start[c]; i < sw->comp_start[c + 1]; i++) {
			int v = sw->comp_nodes[i];

			u = (size_t)d->of[v];
			links += (size_t)(pg->off[v + 1] - pg->off[v]);
			if (seen[u] != c) {
				seen[u] = c;
				count[u] = 0;
				nu++;
			}
			if (++count[u] == 2)
				multi++;
		}
		if (nu > sw->max_units)
			sw->max_units = nu;
		{
			double per = ((double)(sw->comp_start[c + 1] -
			    sw->comp_start[c]) + (double)links) *
			    (1.0 + (double)multi);
			uint64_t w = pass_weight(sw->comp_start[c + 1] -
			    sw->comp_start[c], links, multi);
			int j;

			for (j = 0; j < sw->k_requested && (size_t)j < nu;
			    j++) {
				double cw = per * (j == 0 ? 1.0 :
				    choose_d((double)nu - 1, j));
				uint64_t passes = j == 0 ? 1 :
				    choose((uint64_t)nu - 1, (uint64_t)j);

				/* A shard runs a slice of the last level. */
				if (j == sw->k_requested - 1 ||
				    (size_t)j == nu - 1) {
					cw /= sw->shards;
					passes = slice_passes(passes,
					    (uint64_t)sw->shard - 1,
					    (uint64_t)sw->shards);
				}
				sw->cost += cw;
				sw->work = mesh_i_sat_add(sw->work,
				    mesh_i_sat_mul(passes, w));
			}
		}
	}
	free(seen);
	free(count);
	return 0;
}

enum mesh_error
mesh_sweep_new(const struct mesh_plan *plan,
    const struct mesh_sweep_options *opts, struct mesh_sweep **out)
{
	struct mesh_sweep *sw = NULL;
	struct mesh_i_csr pg;
	int *rank = NULL;
	enum mesh_error err = MESH_EINVAL;
	size_t i;
	long jobs;

	*out = NULL;
	memset(&pg, 0, sizeof(pg));
	if (opts == NULL || opts->k < 1 || opts->jobs < 0 ||
	    opts->shards < 0 || (opts->shards > 1 && (opts->shard < 1 ||
	    opts->shard > opts->shards)) ||
	    (opts->model != MESH_SWEEP_GRAPH &&
	    opts->model != MESH_SWEEP_MESH) ||
	    (opts->by != NULL && (*opts->by == '\0' ||
	    strchr(opts->by, '=') != NULL)) ||
	    plan->nnodes > (size_t)INT_MAX / 2)
		return MESH_EINVAL;
	err = MESH_ENOMEM;
	if ((sw = calloc(1, sizeof(*sw))) == NULL)
		return MESH_ENOMEM;
	sw->plan = plan;
	sw->model = opts->model;
	sw->k_requested = opts->k;
	sw->progress = opts->progress;
	sw->shards = opts->shards > 1 ? opts->shards : 1;
	sw->shard = opts->shards > 1 ? opts->shard : 1;
	sw->parallel_min = opts->parallel_min > 0 ? opts->parallel_min :
	    MESH_SWEEP_PARALLEL_MIN;
	jobs = opts->jobs;
	if (jobs == 0 && (jobs = sysconf(_SC_NPROCESSORS_ONLN)) < 1)
		jobs = 1;
	sw->jobs = jobs > JOBS_MAX ? JOBS_MAX : (int)jobs;
	sw->by_found = true;
	if (opts->by != NULL) {
		if ((sw->by = strdup(opts->by)) == NULL)
			goto done;
		/* A plan of no nodes has none without the label: no
		 * node falls back to its host (as suggest's by_found). */
		if (strcmp(opts->by, "host") != 0) {
			sw->by_found = plan->nnodes == 0;
			for (i = 0; i < plan->nnodes && !sw->by_found; i++)
				sw->by_found = mesh_node_label(&plan->nodes[i],
				    opts->by) != NULL;
		}
	}
	if ((err = mesh_domains_new(plan, opts->by, &sw->units)) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if ((rank = malloc((plan->nnodes + 1) * sizeof(int))) == NULL ||
	    name_ranks(plan, rank) != 0 || plan_csr(plan, &pg) != 0 ||
	    find_groups(sw, &pg, rank) != 0 || estimate(sw, &pg) != 0)
		goto done;
	sw->k = (size_t)opts->k < sw->max_units ? opts->k :
	    (int)sw->max_units;
	*out = sw;
	sw = NULL;
	err = MESH_OK;
done:
	mesh_i_csr_free(&pg);
	free(rank);
	mesh_sweep_free(sw);
	return err;
}

/* Zeroed counts for sizes 0 .. k, with room for each worst set.
 * Returns 0, or -1 when out of memory (mesh_sweep_free frees what was
 * made). */
static int
sizes_new(struct mesh_sweep *sw)
{
	int s;

	if ((sw->sizes = calloc((size_t)sw->k + 1,
	    sizeof(*sw->sizes))) == NULL)
		return -1;
	for (s = 0; s <= sw->k; s++)
		if ((sw->sizes[s].worst_units = calloc((size_t)s + 1,
		    sizeof(int))) == NULL)
			return -1;
	return 0;
}

/* No worst set where no set hit. */
static void
sizes_end(struct mesh_sweep *sw)
{
	int s;

	for (s = 1; s <= sw->k; s++)
		if (sw->sizes[s].worst == 0) {
			free(sw->sizes[s].worst_units);
			sw->sizes[s].worst_units = NULL;
		}
}

enum mesh_error
mesh_sweep_run(struct mesh_sweep *sw)
{
	const struct mesh_plan *p = sw->plan;
	struct collect c;
	struct mesh_i_csr pg;
	struct group gr;
	struct mesh_i_meter mt, *m = NULL;
	int *local_of = NULL, *ulocal = NULL, *rank = NULL;
	enum mesh_error err = MESH_ENOMEM;
	size_t g, u;

	if (sw->done || sw->sizes != NULL)
		return MESH_EINVAL;
	memset(&c, 0, sizeof(c));
	memset(&pg, 0, sizeof(pg));
	if (sizes_new(sw) != 0)
		goto done;
	local_of = malloc((p->nnodes + 1) * sizeof(int));
	ulocal = malloc((sw->units->n + 1) * sizeof(int));
	rank = malloc((p->nnodes + 1) * sizeof(int));
	if (!local_of || !ulocal || !rank || name_ranks(p, rank) != 0 ||
	    plan_csr(p, &pg) != 0)
		goto done;
	for (u = 0; u < sw->units->n; u++)
		ulocal[u] = -1;
	c.rank = rank;
	memset(&mt, 0, sizeof(mt));
	mesh_i_tick_start(&mt.tick, sw->progress, sw->by != NULL ?
	    "domain sweep" : "sweep", sw->work);
	if (mesh_i_tick_on(&mt.tick))
		m = &mt;
	for (g = 0; g < sw->ncomponents; g++) {
		if (group_build(sw, &pg, g, local_of, ulocal, &gr) != 0)
			goto done;
		err = sweep_group(sw, &gr, g, &c, m);
		group_free(&gr);
		if (err != MESH_OK)
			goto done;
		err = MESH_ENOMEM;
	}
	if (finish_cuts(sw, &c) != MESH_OK)
		goto done;
	mesh_i_tick_end(&mt.tick);
	sizes_end(sw);
	sw->done = true;
	err = MESH_OK;
done:
	mesh_i_csr_free(&pg);
	free(local_of);
	free(ulocal);
	free(rank);
	free(c.cuts);
	free(c.pool);
	free(c.strand);
	return err;
}

/* Merging the slices of a sharded sweep. */

/* Whether u[0 .. n-1] are ascending units of sw. */
static int
units_ok(const struct mesh_sweep *sw, const int *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (u[i] < 0 || (size_t)u[i] >= sw->units->n ||
		    (i > 0 && u[i] <= u[i - 1]))
			return 0;
	return 1;
}

enum mesh_error
mesh_sweep_merge_begin(struct mesh_sweep *sw)
{
	const struct mesh_plan *p = sw->plan;

	if (sw->done || sw->sizes != NULL || sw->pending != NULL ||
	    sw->shards > 1)
		return MESH_EINVAL;
	if (sizes_new(sw) != 0 ||
	    (sw->pending = calloc(1, sizeof(*sw->pending))) == NULL ||
	    (sw->pending->rank = malloc((p->nnodes + 1) *
	    sizeof(int))) == NULL || name_ranks(p, sw->pending->rank) != 0)
		return MESH_ENOMEM;
	sw->pending->c.rank = sw->pending->rank;
	return MESH_OK;
}

enum mesh_error
mesh_sweep_merge_size(struct mesh_sweep *sw, int s, uint64_t tried,
    uint64_t hit, size_t worst, const int *worst_units, size_t worst_group)
{
	struct mesh_sweep_size *z;

	if (sw->pending == NULL || s < 1 || s > sw->k || hit > tried ||
	    (worst > 0 && (worst_units == NULL || worst_group >=
	    sw->ncomponents || !units_ok(sw, worst_units, (size_t)s))))
		return MESH_EINVAL;
	z = &sw->sizes[s];
	if (tried > UINT64_MAX - z->tried)
		return MESH_EINVAL;
	z->tried += tried;
	z->hit += hit;
	/* The most cut off; on a tie the first set, then the first group,
	 * as mesh_sweep_run() chooses. */
	if (worst > 0 && (worst > z->worst || (worst == z->worst &&
	    (tuple_cmp(worst_units, z->worst_units, s) < 0 ||
	    (tuple_cmp(worst_units, z->worst_units, s) == 0 &&
	    worst_group < z->worst_group))))) {
		z->worst = worst;
		z->worst_group = worst_group;
		memcpy(z->worst_units, worst_units, (size_t)s * sizeof(int));
	}
	return MESH_OK;
}

enum mesh_error
mesh_sweep_merge_cut(struct mesh_sweep *sw, const int *units, size_t size,
    size_t group, size_t effect, const int *stranded)
{
	struct collect *c;
	size_t i, nstrand = sw->model == MESH_SWEEP_MESH ? effect : 0;

	if (sw->pending == NULL || size < 1 || size > (size_t)sw->k ||
	    group >= sw->ncomponents || effect == 0 ||
	    !units_ok(sw, units, size) || (nstrand > 0 && stranded == NULL) ||
	    effect > sw->plan->nnodes)
		return MESH_EINVAL;
	for (i = 0; i < nstrand; i++)
		if (stranded[i] < 0 || (size_t)stranded[i] >= sw->plan->nnodes)
			return MESH_EINVAL;
	c = &sw->pending->c;
	if (collect_cut(c, units, (int)size, group, effect) != 0)
		return MESH_ENOMEM;
	if (c->nstrand + nstrand > c->capstrand) {
		size_t cap = c->capstrand ? c->capstrand : 64;
		int *p;

		while (cap < c->nstrand + nstrand)
			cap *= 2;
		if ((p = realloc(c->strand, cap * 2 * sizeof(*p))) == NULL)
			return MESH_ENOMEM;
		c->strand = p;
		c->capstrand = cap;
	}
	for (i = 0; i < nstrand; i++) {
		c->strand[2 * c->nstrand] = (int)(c->ncuts - 1);
		c->strand[2 * c->nstrand + 1] = stranded[i];
		c->nstrand++;
	}
	return MESH_OK;
}

/* Each group's units, into nu[0 .. ncomponents-1]. Returns 0 or -1. */
static int
group_units(const struct mesh_sweep *sw, size_t *nu)
{
	const struct mesh_domains *d = sw->units;
	size_t *seen = malloc((d->n + 1) * sizeof(*seen)), c, i, u;

	if (seen == NULL)
		return -1;
	for (u = 0; u < d->n; u++)
		seen[u] = SIZE_MAX;
	for (c = 0; c < sw->ncomponents; c++) {
		nu[c] = 0;
		for (i = sw->comp_start[c]; i < sw->comp_start[c + 1]; i++) {
			u = (size_t)d->of[sw->comp_nodes[i]];
			if (seen[u] != c) {
				seen[u] = c;
				nu[c]++;
			}
		}
	}
	free(seen);
	return 0;
}

enum mesh_error
mesh_sweep_merge_end(struct mesh_sweep *sw, struct mesh_diags *diags)
{
	size_t *nu = NULL, c, i;
	uint64_t want;
	enum mesh_error err = MESH_ENOMEM;
	int s;

	if (sw->pending == NULL)
		return MESH_EINVAL;
	if ((nu = malloc((sw->ncomponents + 1) * sizeof(*nu))) == NULL ||
	    group_units(sw, nu) != 0)
		goto done;
	for (s = 1; s <= sw->k; s++) {
		want = 0;
		for (c = 0; c < sw->ncomponents; c++)
			want += choose((uint64_t)nu[c], (uint64_t)s);
		if (sw->sizes[s].tried != want) {
			mesh_diags_add(diags, MESH_ERROR,
			    "partials-inconsistent", NULL, 0, 0, NULL,
			    "the partials do not add up to the whole sweep: "
			    "they tried %llu sets of %d, not %llu",
			    (unsigned long long)sw->sizes[s].tried, s,
			    (unsigned long long)want);
			err = MESH_EINPUT;
			goto done;
		}
	}
	if (finish_cuts(sw, &sw->pending->c) != MESH_OK)
		goto done;
	for (i = 1; i < sw->ncuts; i++) {
		const struct mesh_sweep_cut *a = &sw->cuts[i - 1],
		    *b = &sw->cuts[i];

		if (a->size == b->size && a->group == b->group &&
		    tuple_cmp(sw->set_units + a->first, sw->set_units +
		    b->first, (int)a->size) == 0) {
			struct mesh_i_buf names;
			struct mesh_i_jw w;
			char *set;

			mesh_i_buf_init(&names);
			mesh_i_jw_init(&w, &names, MESH_I_JW_G12);
			mesh_i_jw_strings(&w, NULL, sw->units->names,
			    sw->set_units + a->first, a->size);
			if ((set = mesh_i_buf_take(&names)) == NULL)
				goto done;
			mesh_diags_add(diags, MESH_ERROR,
			    "partials-inconsistent", NULL, 0, 0, NULL,
			    "the partials do not add up to the whole sweep: "
			    "the minimal set %s of group %zu is in two of them",
			    set, a->group);
			free(set);
			err = MESH_EINPUT;
			goto done;
		}
	}
	sizes_end(sw);
	pending_free(sw->pending);
	sw->pending = NULL;
	sw->done = true;
	err = MESH_OK;
done:
	free(nu);
	return err;
}
