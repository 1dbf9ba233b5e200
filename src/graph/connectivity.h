/* connectivity.h: exact vertex and edge connectivity of a csr graph. */
#ifndef MESH_CONNECTIVITY_H
#define MESH_CONNECTIVITY_H

#include "graph/csr.h"

/*
 * Exact vertex connectivity kappa of g: the fewest vertices whose removal
 * disconnects g or leaves one vertex; 0 when g has fewer than 2 vertices or
 * is disconnected; n-1 for the complete graph K_n.
 * `lower` is a known lower bound (e.g. 2 when the caller already knows g is
 * connected and has no articulation point; pass 0 if unknown); the search
 * stops as soon as it reaches it. A bound above the minimum degree cannot
 * be right and is ignored; any other wrong bound may make the result the
 * size of a separator that is not the smallest.
 * Nothing global is touched, so calls may run in several threads at once.
 * Returns 0 and sets *out, or -1 when out of memory (*out untouched).
 * Everything allocated is freed before return; g stays the caller's.
 */
int mesh_i_vertex_connectivity(const struct mesh_i_csr *g, int lower, int *out);

/*
 * Exact edge connectivity lambda: the fewest edges whose removal
 * disconnects g; 0 when g has fewer than 2 vertices or is disconnected.
 * `lower` as above (the vertex connectivity is one, since kappa <= lambda).
 * Returns 0 and sets *out, or -1 when out of memory (*out untouched).
 * Everything allocated is freed before return; g stays the caller's.
 */
int mesh_i_edge_connectivity(const struct mesh_i_csr *g, int lower, int *out);

#endif
