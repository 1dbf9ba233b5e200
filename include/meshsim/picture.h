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
 * free(). Returns MESH_OK, MESH_ENOMEM, MESH_EGRAPH or MESH_ENOIGRAPH
 * (igraph's library could not be loaded); *xy is NULL on failure.
 */
#define MESH_PICTURE_KK_MAX 400
enum mesh_error mesh_picture_layout(const struct mesh_plan *plan,
    double **xy);

/* Above this many nodes a picture cannot show single nodes legibly: it
 * draws the failure domains (or the plan's pieces) as clusters instead. */
#define MESH_PICTURE_NODES_MAX 150

/* How to draw: the failure domains, and routes suggested as a fix. */
struct mesh_picture_options {
	/* The label key whose values are the failure domains, coloured,
	 * grouped and named in the legend; nodes without it form "(no
	 * KEY)". NULL: "zone" when a node has that label, else none. "":
	 * none. */
	const char *by;
	/* Routes to draw dashed as a suggested fix (suggest.h's from, to:
	 * plan node indices); may be NULL when nfix is 0. */
	const int *fix;         /* pairs: from, to */
	size_t nfix;
};

/* What a drawing shows and leaves out, for the text around it. */
struct mesh_picture_notes {
	const char *by;         /* the label key coloured, or NULL (o->by
				 * or a literal: borrowed) */
	size_t ndomains;        /* colours in the legend (0: none) */
	int condensed;          /* more than MESH_PICTURE_NODES_MAX nodes:
				 * clusters drawn, not nodes */
	int by_pieces;          /* condensed without a label: the clusters
				 * are the plan's pieces */
	size_t merged;          /* condensed: the smallest clusters merged
				 * into the last disc, beyond 39 */
	int *dropped;           /* nodes whose label found no room, by name */
	size_t ndropped;
	size_t nunplaced;       /* condensed: cluster and count labels that
				 * found no room */
	size_t nlabels;         /* texts placed in the picture */
};

/*
 * The analysed plan drawn as a standalone SVG document (no external
 * references): links as lines with a dot at the end whose node stores
 * the route, bridges thick and dashed, single points of failure as
 * diamonds, nodes cut off from the largest group as squares, down nodes
 * grey and crossed; with a failure-domain key (o->by), nodes are filled
 * and grouped by domain, each group named; labels are placed so that no
 * two overlap (a label without room is left out and listed in notes);
 * suggested routes (o->fix) are dashed green; a legend below names every
 * mark and domain. Above MESH_PICTURE_NODES_MAX nodes the domains (or,
 * without them, the pieces) are drawn as discs with the links between
 * them counted. Colours are the Okabe-Ito palette (then Paul Tol's light
 * one for more domains) and every mark differs by shape or pattern too.
 * o may be NULL (defaults). Layouts are igraph's Kamada-Kawai started
 * from circles: no random numbers, the same input gives the same bytes.
 * Sets *out to NUL-terminated text the caller frees with free(), and,
 * when notes is not NULL, *notes (free with mesh_picture_notes_free()).
 * Returns MESH_OK, MESH_ENOMEM, MESH_EGRAPH or MESH_ENOIGRAPH; on failure
 * *out is NULL and *notes holds nothing.
 */
enum mesh_error mesh_picture_draw(const struct mesh_analysis *a,
    const struct mesh_picture_options *o, char **out,
    struct mesh_picture_notes *notes);

/* Free what notes holds (not notes itself); it may be freed again. */
void mesh_picture_notes_free(struct mesh_picture_notes *notes);

/* mesh_picture_draw() with the default options and no notes. */
enum mesh_error mesh_picture_svg(const struct mesh_analysis *a, char **out);

/*
 * The same picture as a Graphviz DOT graph (Graphviz lays it out):
 * the same shapes, dashes and storing-end dots. Returns as
 * mesh_picture_svg().
 */
enum mesh_error mesh_picture_dot(const struct mesh_analysis *a, char **out);

MESH_API_END

#endif
