/* dfs.h: one depth-first search over a csr: low points, subtrees, and the pieces each vertex's loss leaves. */
#ifndef MESH_DFS_H
#define MESH_DFS_H

#include "graph/csr.h"

/*
 * What one depth-first search over a csr g leaves behind, per vertex v
 * of g (and per discovery time t). The search starts from the vertices in
 * index order and walks each neighbour list in order, so the root of a
 * component is its smallest vertex and the children of a vertex are
 * found in the order of its neighbour list.
 */
struct mesh_i_dfs {
	int *tin;       /* v's discovery time */
	int *low;       /* the earliest discovery time v's subtree reaches
	                 * by one link that is not a tree edge */
	int *parent;    /* -1 for a root */
	int *size;      /* vertices in v's subtree */
	int *submin;    /* the smallest rank in v's subtree */
	int *pre;       /* the vertex discovered at time t */
	int *root;      /* the root of v's component */
	int *pm, *sm;   /* the smallest rank before t in t's component
	                 * (n at its root), and from t on to its end */
	int *stack;             /* the search's own */
	void *block;            /* the one allocation holding them all */
};

/*
 * Search g; rank[v] is v's position by name (0 .. g->n - 1). Returns 0,
 * or -1 when out of memory; either way what d holds is freed by
 * mesh_i_dfs_free().
 */
int mesh_i_dfs_run(struct mesh_i_dfs *d, const struct mesh_i_csr *g,
    const int *rank);

/* Release what mesh_i_dfs_run() allocated; safe on a zeroed struct. */
void mesh_i_dfs_free(struct mesh_i_dfs *d);

/* A piece of a component left by the loss of one vertex. */
struct mesh_i_piece {
	int size;
	int seed;               /* a vertex in the piece */
	int min_rank;           /* the smallest rank in it */
};

/*
 * The pieces the loss of vertex a leaves of its component, into out
 * (room for deg(a) + 1): first those under a's children, in the order of
 * discovery, then the rest of the component (seeded by a's parent),
 * unless a is a root. a cuts its component when there are two or more.
 * Returns how many.
 */
int mesh_i_dfs_pieces(const struct mesh_i_dfs *d, const struct mesh_i_csr *g,
    int a, struct mesh_i_piece *out);

/*
 * Which of the k pieces pc that mesh_i_dfs_pieces() gave for a holds u,
 * a vertex of a's component other than a: its index in pc. A binary
 * search of the children's pieces by discovery time.
 */
int mesh_i_dfs_piece_holding(const struct mesh_i_dfs *d, int a,
    const struct mesh_i_piece *pc, int k, int u);

#endif
