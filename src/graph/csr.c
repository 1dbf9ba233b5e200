/* csr.c: build and query the compact adjacency array (csr.h). */
#include <stdlib.h>
#include <string.h>

#include "base/bigmem.h"
#include "base/util.h"
#include "graph/csr.h"

int
mesh_i_csr_build(struct mesh_i_csr *g, int n, const int *edges, int m)
{
	size_t sz[3];
	void *p[3], *work;
	int *pos, *by, *cnt;
	int i, v;

	memset(g, 0, sizeof(*g));
	g->off = calloc((size_t)n + 1, sizeof(int));
	g->adj = malloc(((size_t)m * 2 + 1) * sizeof(int));
	/* The build's own arrays in one block; cnt zeroed below. */
	sz[0] = sz[2] = ((size_t)n + 1) * sizeof(int);
	sz[1] = ((size_t)m * 2 + 1) * sizeof(int);
	work = mesh_i_alloc_arrays(3, sz, p, 0);
	if (g->off == NULL || g->adj == NULL || work == NULL) {
		free(work);
		mesh_i_csr_free(g);
		return -1;
	}
	pos = p[0];
	by = p[1];
	cnt = p[2];
	memset(cnt, 0, sz[2]);
	g->n = n;
	g->m = m;
	mesh_i_advise_huge(g->adj, (size_t)m * 2 * sizeof(int));

	/* Counting sort by source, then by target within a list: placing
	 * edges in order of their other end keeps every list sorted. */
	for (i = 0; i < m; i++) {
		g->off[edges[2 * i] + 1]++;
		g->off[edges[2 * i + 1] + 1]++;
	}
	for (v = 0; v < n; v++)
		g->off[v + 1] += g->off[v];
	/* Bucket the half-edges by their *other* end first, then scatter in
	 * that order: each list ends up sorted. */
	for (i = 0; i < 2 * m; i++)
		cnt[edges[i ^ 1] + 1]++;
	for (v = 0; v < n; v++)
		cnt[v + 1] += cnt[v];
	for (i = 0; i < 2 * m; i++)
		by[cnt[edges[i ^ 1]]++] = i;
	memcpy(pos, g->off, ((size_t)n + 1) * sizeof(int));
	for (i = 0; i < 2 * m; i++) {
		int h = by[i];

		g->adj[pos[edges[h]]++] = edges[h ^ 1];
	}
	free(work);
	return 0;
}

void
mesh_i_csr_free(struct mesh_i_csr *g)
{
	free(g->off);
	free(g->adj);
	memset(g, 0, sizeof(*g));
}

int
mesh_i_csr_adjacent(const struct mesh_i_csr *g, int u, int v)
{
	int lo = g->off[u], hi = g->off[u + 1];

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (g->adj[mid] < v)
			lo = mid + 1;
		else if (g->adj[mid] > v)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

int
mesh_i_csr_max_degree(const struct mesh_i_csr *g)
{
	int v, max = 0;

	for (v = 0; v < g->n; v++)
		if (g->off[v + 1] - g->off[v] > max)
			max = g->off[v + 1] - g->off[v];
	return max;
}

int
mesh_i_csr_nearest(const struct mesh_i_csr *g, const int *rank, int *queue,
    int nseeds, int max, int *stamp, int tag)
{
	int head = 0, tail = nseeds, i, j;

	while (head < tail && tail < max) {
		int v = queue[head++];

		for (i = g->off[v]; i < g->off[v + 1] && tail < max; i++) {
			int u = g->adj[i];

			if (stamp[u] != tag) {
				stamp[u] = tag;
				queue[tail++] = u;
			}
		}
	}
	if (tail > max)
		tail = max;
	/* Insertion sort by rank: at most max items. */
	for (i = 1; i < tail; i++) {
		int v = queue[i];

		for (j = i; j > 0 && rank[queue[j - 1]] > rank[v]; j--)
			queue[j] = queue[j - 1];
		queue[j] = v;
	}
	return tail;
}
