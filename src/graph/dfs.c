/* dfs.c: one depth-first search over a csr, and the pieces a vertex's loss leaves (dfs.h). */
#include <stdlib.h>
#include <string.h>

#include "graph/dfs.h"

void
mesh_i_dfs_free(struct mesh_i_dfs *d)
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
	memset(d, 0, sizeof(*d));
}

int
mesh_i_dfs_run(struct mesh_i_dfs *d, const struct mesh_i_csr *g,
    const int *rank)
{
	size_t n1 = (size_t)g->n + 1;
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
	for (s = 0; s < g->n; s++)
		d->tin[s] = -1;
	for (s = 0; s < g->n; s++) {
		if (d->tin[s] >= 0)
			continue;
		d->parent[s] = -1;
		d->stack[0] = s;
		sp = 1;
		d->root[s] = s;
		d->tin[s] = d->low[s] = t;
		d->submin[s] = rank[s];
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
					d->submin[u] = rank[u];
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
