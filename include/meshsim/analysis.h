/* analysis.h: what the route graph says: reachability, single points of failure, connectivity. */
#ifndef MESHSIM_ANALYSIS_H
#define MESHSIM_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "meshsim/diag.h"
#include "meshsim/plan.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/* How many names a cut-off group lists (its size is always exact). */
#define MESH_GROUP_NAMES_MAX 25

/* Above this many surviving nodes, connectivity above 1 is not computed by
 * default (the analysis says so); raise it with the options. */
#define MESH_CONNECTIVITY_LIMIT 20000

struct mesh_analysis_options {
	const int *down;        /* indices of the nodes taken down */
	size_t ndown;
	size_t connectivity_limit;      /* 0: MESH_CONNECTIVITY_LIMIT */
};

/*
 * A group of nodes cut off by a failure: its exact size, and up to
 * MESH_GROUP_NAMES_MAX of its nodes, the nearest to the failed node (all
 * of them when the group is that small), sorted by name. They are
 * group_nodes[first .. first + nlisted - 1] of the analysis.
 */
struct mesh_group {
	size_t size;
	size_t nlisted;
	size_t first;
};

/* How many pieces mesh_cutpoint_text() lists before "and N more". */
#define MESH_PIECES_LISTED_MAX 25

/*
 * A single point of failure: a node whose loss splits its component into
 * ngroups + 1 pieces, largest first, ties by first name. The first is
 * "largest" (on a tie, the one holding the name that sorts first: nlargest
 * says how many pieces share its size); the others are the groups cut off
 * from it: groups[first .. first + ngroups - 1] of the analysis.
 */
struct mesh_cutpoint {
	int node;
	size_t stays;           /* the size of the largest piece */
	struct mesh_group largest;      /* its size and names, as a group's */
	size_t nlargest;        /* pieces of that size (1: no tie) */
	size_t first;
	size_t ngroups;
};

/*
 * The analysis of a plan's surviving nodes. Node indices refer to the
 * plan, which must outlive the analysis. Lists of nodes are sorted by name
 * (byte order).
 */
struct mesh_analysis {
	const struct mesh_plan *plan;
	bool *is_down;          /* per plan node */
	int *down;              /* the down nodes, sorted by name */
	size_t ndown;
	size_t nnodes;          /* surviving nodes */
	int *by_name;           /* the survivors, sorted by name */
	size_t nlinks;          /* links between survivors */
	size_t nroutes;         /* route entries stored by survivors */
	size_t nroutes_to_down; /* of those, routes to a down node */
	size_t nroutes_of_down; /* route entries stored by down nodes */
	bool connected;         /* 0 or 1 survivors count as connected */

	/* Components, largest first, ties by first name; component c is
	 * comp_nodes[comp_start[c] .. comp_start[c + 1] - 1]. */
	size_t ncomponents;
	size_t *comp_start;
	int *comp_nodes;
	/* Survivors outside the largest component, sorted. */
	int *cut_off;
	size_t ncut_off;

	struct mesh_cutpoint *cutpoints;        /* articulation points */
	size_t ncutpoints;
	struct mesh_group *groups;
	size_t ngroups;
	int *group_nodes;
	size_t ngroup_nodes;
	int *bridges;           /* pairs (a, b), name(a) < name(b), sorted */
	size_t nbridges;

	/* Exact, or -1 when skipped: more survivors than the limit. */
	int vertex_connectivity;
	int edge_connectivity;
	size_t connectivity_limit;

	/* Route storage: usable routes (that make a link between survivors)
	 * each surviving node stores, per plan node (0 for down nodes). */
	size_t *stored;
	size_t stored_total;
	int top_storer;         /* node storing most (first by name), or -1 */
};

/*
 * Analyse the plan with opts->down taken down (opts may be NULL).
 * Returns MESH_OK and sets *out (free with mesh_analysis_free), or
 * MESH_ENOMEM, MESH_EINVAL (a down index out of range) or MESH_EGRAPH.
 * Threads: with 65,536 up nodes or more, the links' adjacency array is
 * built by a second thread while the calling one sorts the nodes by name;
 * it is joined before the call returns, reads only the plan's links and
 * writes only that array. The result is the same either way.
 */
enum mesh_error mesh_analyze(const struct mesh_plan *plan,
    const struct mesh_analysis_options *opts, struct mesh_analysis **out);

/* Free an analysis; NULL is accepted. */
void mesh_analysis_free(struct mesh_analysis *a);

/*
 * The surviving nodes that do not join the cluster (plan.h, no_cluster),
 * in name order, one a call: the next from position *at of by_name on,
 * its plan index, *at moved past it; -1 when none is left. Start with
 * *at = 0.
 */
int mesh_analysis_next_not_clustering(const struct mesh_analysis *a,
    size_t *at);

/*
 * What the loss of cutpoint cp of a leaves, as one clause for people:
 * "splits the rest into 2 pieces: {b} and {c, d} (2 nodes)", every piece
 * with its names (up to MESH_GROUP_NAMES_MAX, then "... and N more") and,
 * above one node, its size; a largest piece with more names than that
 * and no tie as "the largest (97 nodes) and 2 smaller: ..."; at most
 * MESH_PIECES_LISTED_MAX pieces, then "and N more pieces (M nodes)".
 * Returns a string that the caller frees with free(), or NULL when out of
 * memory.
 */
char *mesh_cutpoint_text(const struct mesh_analysis *a,
    const struct mesh_cutpoint *cp);

/*
 * How a split analysis is split, as a clause for people: "2 groups; 1 node
 * is cut off from the largest group", or on a tie for the largest "2
 * groups of 1 node each: none is the largest" / "3 groups; the 2 largest
 * have 2 nodes each, 1 node is in smaller groups". Returns a string that
 * the caller frees with free(), or NULL when out of memory.
 */
char *mesh_split_text(const struct mesh_analysis *a);

/*
 * What the route count nroutes holds besides stored_total, the routes
 * that make a link between survivors, as a clause for people: "" when
 * nothing, else " (4 make links, 4 lead to down nodes, 1 makes none: see
 * the warnings; not counted: 2 stored by down nodes)". Returns a string
 * that the caller frees with free(), or NULL when out of memory.
 */
char *mesh_routes_text(const struct mesh_analysis *a);

/*
 * The analysis and diags as the documented JSON object (docs/json.md), pretty-printed, ending in a newline. Returns a string that the
 * caller frees with free(), or NULL when out of memory.
 */
char *mesh_analysis_json(const struct mesh_analysis *a,
    const struct mesh_diags *diags);

MESH_API_END

#endif
