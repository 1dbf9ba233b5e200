/* components.h: the components of a graph, in the order every report lists them. */
#ifndef MESH_COMPONENTS_H
#define MESH_COMPONENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "graph/csr.h"

/*
 * Label the components of g: comp[v] is 0 .. count - 1 for every vertex
 * v, by breadth-first search; queue is room for g->n vertices. Returns
 * the count. Allocates nothing.
 */
int mesh_i_components_label(const struct mesh_i_csr *g, int *comp,
    int *queue);

/*
 * Order the ncomp components that comp[v] labels over vertices 0 .. n-1
 * (by_rank lists them by name): the largest first, ties by first name,
 * the members of each in name order. Vertices whose skip[v] is set (skip
 * may be NULL) are neither counted nor listed, and a component left empty
 * is dropped. Returns how many are kept, component c of them being
 * (*nodes)[(*start)[c] .. (*start)[c + 1] - 1], and renumbers comp[v] to
 * its component's place in that order; *start and *nodes are the
 * caller's to free. Returns -1 when out of memory: comp as it was, *start
 * and *nodes NULL.
 */
int mesh_i_components_sort(int *comp, int ncomp, const int *by_rank, int n,
    const bool *skip, size_t **start, int **nodes);

#endif
