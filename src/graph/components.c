/* components.c: label a graph's components, and order them as reports list them (components.h). */
#include <stdlib.h>

#include "base/util.h"
#include "graph/components.h"

int
mesh_i_components_label(const struct mesh_i_csr *g, int *comp, int *queue)
{
	int v, s, nc = 0;

	for (v = 0; v < g->n; v++)
		comp[v] = -1;
	for (s = 0; s < g->n; s++) {
		int head = 0, tail = 0;

		if (comp[s] >= 0)
			continue;
		comp[s] = nc;
		queue[tail++] = s;
		while (head < tail) {
			int x = queue[head++], e;

			for (e = g->off[x]; e < g->off[x + 1]; e++)
				if (comp[g->adj[e]] < 0) {
					comp[g->adj[e]] = nc;
					queue[tail++] = g->adj[e];
				}
		}
		nc++;
	}
	return nc;
}

struct comp_key {
	size_t size;
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

int
mesh_i_components_sort(int *comp, int ncomp, const int *by_rank, int n,
    const bool *skip, size_t **start, int **nodes)
{
	size_t c1 = (size_t)ncomp + 1, listed = 0;
	const size_t sz[] = {
		c1 * sizeof(struct comp_key), c1 * sizeof(int),
		c1 * sizeof(size_t)
	};
	void *p[3], *block;
	struct comp_key *key;
	int *newid;
	size_t *fill;
	int c, r, kept = 0;

	*nodes = NULL;
	/* The three work arrays in one block. */
	block = mesh_i_alloc_arrays(3, sz, p, 0);
	*start = calloc((size_t)ncomp + 2, sizeof(**start));
	if (block == NULL || *start == NULL)
		goto nomem;
	key = p[0];
	newid = p[1];
	fill = p[2];
	for (c = 0; c < ncomp; c++) {
		key[c].size = 0;
		key[c].first = -1;
		key[c].id = c;
	}
	for (r = 0; r < n; r++) {
		int v = by_rank[r];

		if (skip != NULL && skip[v])
			continue;
		if (key[comp[v]].size++ == 0)
			key[comp[v]].first = r;
		listed++;
	}
	if ((*nodes = malloc((listed + 1) * sizeof(**nodes))) == NULL)
		goto nomem;
	qsort(key, (size_t)ncomp, sizeof(*key), comp_key_cmp);
	for (c = 0; c < ncomp; c++) {
		newid[key[c].id] = c;
		(*start)[c + 1] = (*start)[c] + key[c].size;
		fill[c] = (*start)[c];
		if (key[c].size > 0)
			kept = c + 1;
	}
	/* Walking the vertices in name order leaves every component
	 * sorted. */
	for (r = 0; r < n; r++) {
		int v = by_rank[r];

		comp[v] = newid[comp[v]];
		if (skip == NULL || !skip[v])
			(*nodes)[fill[comp[v]]++] = v;
	}
	free(block);
	return kept;
nomem:
	free(block);
	free(*start);
	*start = NULL;
	return -1;
}
