/* hazards.h: restart hazards of the live mesh: nodes that could not rejoin if they restarted now. */
#ifndef MESHSIM_HAZARDS_H
#define MESHSIM_HAZARDS_H

#include <stdbool.h>
#include <stddef.h>

#include "meshsim/plan.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * A running NATS or Harper cluster is a full mesh (gossip), so it survives
 * losing the nodes that introduced the others. A node that restarts,
 * though, dials only its configured routes, and only the nodes whose
 * routes name it dial it. So a surviving node whose every route neighbour
 * (routes it stores, and routes naming it) is down stays alone if it
 * restarts: it is *stranded*. Nodes with no route neighbour at all are
 * alone anyway and never counted.
 */

/*
 * The surviving nodes stranded while the nodes with is_down[v] set are down
 * (is_down has plan->nnodes entries). Sets *out (sorted by name; the
 * caller frees it, NULL when empty) and *n. Linear in nodes and links.
 * Returns MESH_OK or MESH_ENOMEM.
 */
enum mesh_error mesh_stranded(const struct mesh_plan *plan,
    const bool *is_down, int **out, size_t *n);

/*
 * For each surviving node X, the nodes stranded if X went down too: for
 * node X, strands[first[X] .. first[X + 1] - 1] (sorted by name), over the
 * plan's node indices; first has plan->nnodes + 1 entries. is_down may be
 * NULL (nothing down). Linear. The caller frees *first and *strands.
 * Returns MESH_OK or MESH_ENOMEM.
 */
enum mesh_error mesh_restart_hazards(const struct mesh_plan *plan,
    const bool *is_down, size_t **first, int **strands);

MESH_API_END

#endif
