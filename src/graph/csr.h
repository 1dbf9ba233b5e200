/* csr.h: a compact, read-only adjacency array for re-entrant graph code. */
#ifndef MESH_CSR_H
#define MESH_CSR_H

#include <stddef.h>

/*
 * An undirected simple graph in compressed sparse row form: the neighbours
 * of vertex v are adj[off[v]] .. adj[off[v + 1] - 1], sorted ascending.
 * Each edge appears twice, once from each end. Nothing in here is global,
 * so functions over a csr may run in several threads at once.
 */
struct mesh_i_csr {
	int n;          /* vertices 0 .. n-1 */
	int m;          /* undirected edges */
	int *off;       /* n + 1 offsets into adj */
	int *adj;       /* 2m neighbour indices */
};

/*
 * Build g from m edges given as pairs edges[2i], edges[2i+1] over vertices
 * 0 .. n-1. The edges must be distinct and contain no self-loop.
 * Returns 0, or -1 when out of memory (g is then empty and needs no free).
 */
int mesh_i_csr_build(struct mesh_i_csr *g, int n, const int *edges, int m);

/* Release what mesh_i_csr_build allocated; safe on a zeroed csr. */
void mesh_i_csr_free(struct mesh_i_csr *g);

/* Whether u and v are adjacent: a binary search of u's neighbours. */
int mesh_i_csr_adjacent(const struct mesh_i_csr *g, int u, int v);

/* The largest degree of a vertex of g; 0 when g has none. */
int mesh_i_csr_max_degree(const struct mesh_i_csr *g);

/*
 * Up to max vertices nearest the seeds queue[0 .. nseeds-1], breadth
 * first from them, left in queue[0 .. returned - 1] sorted by rank (rank
 * is each vertex's position by name). A vertex whose stamp is tag is not
 * entered: the seeds, and any vertex the search must not cross, are to
 * be stamped tag by the caller; the search stamps each vertex it finds.
 * queue has room for max vertices and the seeds. Allocates nothing.
 */
int mesh_i_csr_nearest(const struct mesh_i_csr *g, const int *rank,
    int *queue, int nseeds, int max, int *stamp, int tag);

#endif
