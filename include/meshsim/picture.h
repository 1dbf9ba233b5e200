/* picture.h: the topology drawn: a deterministic layout, and SVG or Graphviz DOT with single points of failure and bridges marked. */
#ifndef MESHSIM_PICTURE_H
#define MESHSIM_PICTURE_H

#include "meshsim/meshsim.h"
#include "meshsim/analysis.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * Place the plan's nodes: igraph's Kamada-Kawai layout started from a
 * circle (no random numbers, so the same plan gives the same picture),
 * or a circle for at most 3 nodes or more than MESH_PICTURE_KK_MAX.
 * Sets *xy to 2 * plan->nnodes coordinates (x, y per node, in the plan's
 * order) scaled into [0, 1] and rounded, that the caller frees with
 * free(). Returns MESH_OK, MESH_ENOMEM or MESH_EGRAPH; *xy is NULL on
 * failure.
 */
#define MESH_PICTURE_KK_MAX 400
enum mesh_error mesh_picture_layout(const struct mesh_plan *plan,
    double **xy);

/*
 * The analysed plan drawn as a standalone SVG document (no external
 * references): links as lines with a dot at the end whose node stores
 * the route, bridges thick and dashed, single points of failure as
 * diamonds, nodes cut off from the largest group as squares, down nodes
 * grey and crossed, every node labelled; a legend below. Colours are the
 * Okabe-Ito palette and every mark differs by shape or pattern too.
 * Sets *out to NUL-terminated text the caller frees with free().
 * Returns MESH_OK, MESH_ENOMEM or MESH_EGRAPH; *out is NULL on failure.
 */
enum mesh_error mesh_picture_svg(const struct mesh_analysis *a, char **out);

/*
 * The same picture as a Graphviz DOT graph (Graphviz lays it out):
 * the same shapes, dashes and storing-end dots. Returns as
 * mesh_picture_svg().
 */
enum mesh_error mesh_picture_dot(const struct mesh_analysis *a, char **out);

MESH_API_END

#endif
