/* dfs.c: one depth-first search over a csr, and the pieces a vertex's loss leaves (dfs.h). */
#include <stdlib.h>
#include <string.h>

#include "base/bigmem.h"
#include "base/util.h"
#include "graph/dfs.h"

void
mesh_i_dfs_free(struct mesh_i_dfs *d)
{
	free(d->block);
	memset(d, 0, sizeof(*d));
}

/* What the search reads and writes of a vertex when it enters or leaves
 * it, packed so that this costs one cache line, not six: over a graph of
 * millions of vertices in no particular order each is a cache miss. The
 * discovery times stay an array of their own (d->tin), the one thing
 * read of every neighbour, so that it is as small as it can be. */
struct vtx {
	int low, parent;
	int it;                 /* the next neighbour to try; after the
				 * vertex is done, the size of its subtree */
	int end;                /* where its neighbours end */
	int submin, rank, root;
};

int
mesh_i_dfs_run(struct mesh_i_dfs *d, const struct mesh_i_csr *g,
    const int *rank)
{
	size_t n1 = (size_t)g->n + 1;
	struct vtx *V;
	int s, t = 0, sp, i;

	memset(d, 0, sizeof(*d));
	{
		/* The ten arrays of d in one block. */
		size_t sz[10];
		void *p[10];
		int k;

		for (k = 0; k < 10; k++)
			sz[k] = n1 * sizeof(int);
		if ((d->block = mesh_i_alloc_arrays(10, sz, p, 0)) == NULL)
			return -1;
		d->tin = p[0];
		d->low = p[1];
		d->parent = p[2];
		d->size = p[3];
		d->submin = p[4];
		d->pre = p[5];
		d->root = p[6];
		d->pm = p[7];
		d->sm = p[8];
		d->stack = p[9];
	}
	if ((V = malloc(n1 * sizeof(*V))) == NULL)
		return -1;
	mesh_i_advise_huge(V, n1 * sizeof(*V));
	/* What the search needs of a vertex it finds, set here in order
	 * so that finding it costs no look-up in g->off. */
	for (s = 0; s < g->n; s++) {
		d->tin[s] = -1;
		V[s].rank = rank[s];
		V[s].it = g->off[s];
		V[s].end = g->off[s + 1];
	}
	for (s = 0; s < g->n; s++) {
		if (d->tin[s] >= 0)
			continue;
		V[s].parent = -1;
		d->stack[0] = s;
		sp = 1;
		V[s].root = s;
		d->tin[s] = V[s].low = t;
		V[s].submin = V[s].rank;
		d->pre[t++] = s;
		while (sp > 0) {
			int v = d->stack[sp - 1];
			struct vtx *x = &V[v];

			if (x->it < x->end) {
				int u = g->adj[x->it++];
				struct vtx *y = &V[u];

#if defined(__GNUC__)
				/* The next neighbour's time, and its
				 * vertex, in case it is new. */
				if (x->it < x->end) {
					int w = g->adj[x->it];

					__builtin_prefetch(&d->tin[w]);
					__builtin_prefetch(&V[w]);
				}
#endif
				if (d->tin[u] < 0) {
					y->parent = v;
					y->root = s;
					d->tin[u] = y->low = t;
					y->submin = y->rank;
					d->pre[t++] = u;
					d->stack[sp++] = u;
				} else if (u != x->parent &&
				    d->tin[u] < x->low) {
					x->low = d->tin[u];
				}
				continue;
			}
			sp--;
			x->it = t - d->tin[v];  /* the subtree's size */
			if (x->parent >= 0) {
				struct vtx *y = &V[x->parent];

				if (x->low < y->low)
					y->low = x->low;
				if (x->submin < y->submin)
					y->submin = x->submin;
			}
		}
	}
	for (s = 0; s < g->n; s++) {
		d->low[s] = V[s].low;
		d->parent[s] = V[s].parent;
		d->size[s] = V[s].it;
		d->submin[s] = V[s].submin;
		d->root[s] = V[s].root;
	}
	free(V);
	for (i = 0; i < g->n; i++)
		d->pm[i] = d->root[d->pre[i]] == d->pre[i] ? g->n :
		    (d->pm[i - 1] < rank[d->pre[i - 1]] ? d->pm[i - 1] :
		    rank[d->pre[i - 1]]);
	for (i = g->n - 1; i >= 0; i--) {
		d->sm[i] = rank[d->pre[i]];
		if (i + 1 < g->n && d->root[d->pre[i + 1]] != d->pre[i + 1] &&
		    d->sm[i + 1] < d->sm[i])
			d->sm[i] = d->sm[i + 1];
	}
	return 0;
}

int
mesh_i_dfs_pieces(const struct mesh_i_dfs *d, const struct mesh_i_csr *g,
    int a, struct mesh_i_piece *out)
{
	int k = 0, sep = 0, other_min = g->n, i;

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

int
mesh_i_dfs_piece_holding(const struct mesh_i_dfs *d, int a,
    const struct mesh_i_piece *pc, int k, int u)
{
	int lo = 0, hi = k - (d->parent[a] >= 0);

	/* The children's pieces stand in order of discovery: find the last
	 * one found no later than u, and whether its subtree holds u. */
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (d->tin[pc[mid].seed] <= d->tin[u])
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && d->tin[u] < d->tin[pc[lo - 1].seed] +
	    d->size[pc[lo - 1].seed])
		return lo - 1;
	return k - 1;           /* the rest of the component */
}
