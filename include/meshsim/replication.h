/* replication.h: the replication model (Harper 4.4+): what a running cluster survives, and who can join while a node is down. */
#ifndef MESHSIM_REPLICATION_H
#define MESHSIM_REPLICATION_H

#include <stdbool.h>
#include <stddef.h>

#include "meshsim/analysis.h"
#include "meshsim/plan.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * Harper's native replication (docs/replication.md) keeps every member in
 * a replicated table of known nodes (system.hdb_nodes) and connects each
 * member to all the members it knows, both ways. The model:
 *
 * - Forming: the nodes that a chain of routes joins (a component of the
 *   route graph, every node up) learn each other and form one cluster, a
 *   full mesh. Nodes that no route path joins never learn of each other.
 * - Running: losing members does not split a formed cluster: the live
 *   members stay one full mesh. A member that restarts reads its
 *   persisted node table and reconnects to every member it knows, so
 *   restarts depend on no route.
 * - Joining: a node that starts with an empty node table (a new node, a
 *   rebuilt one, or every node of a cluster started from nothing) finds
 *   the cluster only through routes: its own, and those naming it.
 *
 * The join verdict is the route graph of the up nodes seen that way: a
 * node with no route path to the cluster cannot join, and a node X on
 * every route path from some nodes to the cluster (an articulation
 * point) is a join dependency: while X is down, those nodes cannot join.
 * "The cluster" is the largest piece; when several pieces tie for
 * largest, none is, and every node outside X (or, for cannot_join, every
 * up node) is listed.
 */

/* One join dependency: while node is down, size up nodes cannot join.
 * Up to MESH_GROUP_NAMES_MAX of them, the nearest to node, sorted by
 * name, are names[first .. first + nlisted - 1] of the model. */
struct mesh_repl_dependency {
	int node;
	size_t size;
	size_t first;
	size_t nlisted;
};

/* The replication model of a plan with some nodes down. Node lists are
 * sorted by name; node indices refer to the plan, which must outlive it. */
struct mesh_replication {
	const struct mesh_plan *plan;
	size_t nup;             /* up nodes */
	/* The running cluster: the clusters that formed (components of the
	 * whole route graph), each cut down to its up nodes, empty ones
	 * dropped; largest first, ties by first name. Cluster c is
	 * cluster_nodes[cluster_start[c] .. cluster_start[c + 1] - 1]. */
	size_t nclusters;
	size_t *cluster_start;
	int *cluster_nodes;
	/* Joining now: up nodes with no route path through up nodes to the
	 * cluster. */
	int *cannot_join;
	size_t ncannot_join;
	/* Join dependencies: one per articulation point of the up nodes'
	 * route graph, sorted by the name of its node. */
	struct mesh_repl_dependency *deps;
	size_t ndeps;
	int *names;
	size_t nnames;
};

/*
 * The model of plan with the nodes whose is_down[v] is set down (is_down
 * has plan->nnodes entries, or is NULL: every node up). Linear in nodes
 * and links but for sorting names. Returns MESH_OK and sets *out (free
 * with mesh_replication_free), or MESH_ENOMEM (*out NULL).
 */
enum mesh_error mesh_replication_analyze(const struct mesh_plan *plan,
    const bool *is_down, struct mesh_replication **out);

/* Free a model; NULL is accepted. */
void mesh_replication_free(struct mesh_replication *r);

/* Whether the running cluster is one (0 or 1 clusters of up nodes). */
bool mesh_replication_running_ok(const struct mesh_replication *r);

/* The "SPLIT: ..." verdict of the running cluster and the join verdict,
 * as the text report words them (docs/replication.md). Each returns a
 * string the caller frees with free(), or NULL when out of memory. */
char *mesh_replication_running_text(const struct mesh_replication *r);
char *mesh_replication_joining_text(const struct mesh_replication *r);

/* Whether the join verdict finds nothing: every up node can join now,
 * and no single node's loss keeps another from joining. */
bool mesh_replication_joining_ok(const struct mesh_replication *r);

/*
 * `check --model replication`'s JSON: mesh_analysis_json() of a (whose
 * plan and down nodes r must share) with "model": "replication" before
 * "nodes" and the "replication" object (docs/json.md) before
 * "diagnostics". Returns a string the caller frees with free(), or NULL
 * when out of memory.
 */
char *mesh_replication_json(const struct mesh_analysis *a,
    const struct mesh_replication *r, const struct mesh_diags *diags);

MESH_API_END

#endif
