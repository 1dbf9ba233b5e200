/* survivors.h: the nodes of a plan that are up, in name order, and the links between them as a csr. */
#ifndef MESH_SURVIVORS_H
#define MESH_SURVIVORS_H

#include <stdbool.h>

#include "graph/csr.h"
#include "meshsim/meshsim.h"

/* The up nodes are numbered 0 .. n-1 in plan order. */
struct mesh_i_survivors {
	int n;
	int *orig;              /* survivor -> plan node */
	int *rank;              /* survivor -> position by name */
	int *by_rank;           /* position by name -> survivor */
	struct mesh_i_csr g;    /* the links between survivors */
	void *block;            /* the one allocation of the three arrays */
};

/*
 * The survivors of plan p with the nodes whose is_down[v] is set down
 * (is_down NULL: every node up). Returns 0, or -1 when out of memory;
 * either way what s holds is freed by mesh_i_survivors_free().
 */
int mesh_i_survivors_build(struct mesh_i_survivors *s,
    const struct mesh_plan *p, const bool *is_down);

/* Release what mesh_i_survivors_build() allocated; safe on a zeroed
 * struct. */
void mesh_i_survivors_free(struct mesh_i_survivors *s);

#endif
