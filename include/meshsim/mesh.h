/* mesh.h: the live mesh: how a running NATS or Harper cluster connects its nodes as they start, stop and lose connections. */
#ifndef MESHSIM_MESH_H
#define MESHSIM_MESH_H

#include <stdbool.h>
#include <stddef.h>

#include "meshsim/meshsim.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * The route graph (analysis.h) is what a cold start sees. The live mesh
 * follows a running cluster, event by event (docs/simulate.md):
 *
 * - Starting a node: it dials each of its routes whose target is up, and
 *   every up node whose routes name it dials it (a pair cut by a fault is
 *   skipped). Then gossip, as nats-server does it: each new connection
 *   x-y is announced to the nodes connected to x, which dial y, and to
 *   those connected to y, which dial x (but for pairs cut by a fault);
 *   each connection that makes is announced in turn. Without faults,
 *   every group a new connection touched becomes a full mesh; a gap left
 *   by a healed fault closes only when an announcement reaches one of its
 *   ends (docs/simulate.md, "Gossip and gaps"). A connection between two
 *   nodes that a route
 *   joins is *configured* (its dialers are the sides whose config holds
 *   the route), however it was made; any other is *gossip*.
 * - Stopping a node drops its connections; the others stay.
 * - restart is stop then start. Starting an up node or stopping a down
 *   one changes nothing. Several nodes in one event start (or stop)
 *   together; the result is the same as one after another.
 * - cut A B: a network fault between A and B (up or not): their
 *   connection drops and cannot come back, by dialling or by gossip,
 *   until heal A B.
 * - heal A B ends the fault. When a route joins them and both are up,
 *   the route's owner redials it, and gossip follows as after a start.
 *   A gossip connection is never redialled.
 * - Messages travel one hop: two up nodes exchange messages only when
 *   directly connected.
 *
 * The state is a matrix over every pair of nodes: memory and each event
 * cost O(n^2) (gossip O(n / 64) per new connection), so the model takes
 * at most MESH_LIVE_MAX_NODES nodes.
 */
#define MESH_LIVE_MAX_NODES 2000

/* What joins two nodes now. */
enum mesh_conn {
	MESH_CONN_NONE,         /* no connection */
	MESH_CONN_CONFIGURED,   /* a route joins them: its owner redials */
	MESH_CONN_GOSSIP        /* learned by gossip: never redialled */
};

/* The live state of a plan's nodes; opaque. */
struct mesh_live;

/*
 * A live mesh over plan (which must outlive it): every node down, no
 * connection, no fault. Returns MESH_OK and sets *out (free with
 * mesh_live_free), MESH_EINVAL when the plan has more than
 * MESH_LIVE_MAX_NODES nodes, or MESH_ENOMEM.
 */
enum mesh_error mesh_live_new(const struct mesh_plan *plan,
    struct mesh_live **out);

/* Free a live mesh; NULL is accepted. */
void mesh_live_free(struct mesh_live *m);

/*
 * The "fully started cluster": start every down node, one after another
 * in name order. Without faults, each component of the route graph then
 * is a full mesh. Cannot fail.
 */
void mesh_live_start_all(struct mesh_live *m);

/*
 * Apply an event to nodes[0 .. n-1] (cut and heal: exactly two different
 * nodes). Returns MESH_OK, or MESH_EINVAL (an index out of range, a bad
 * event, or cut or heal without two different nodes) with the state
 * unaltered.
 */
enum mesh_error mesh_live_apply(struct mesh_live *m, enum mesh_event ev,
    const int *nodes, size_t n);

/* Whether node v is up. */
bool mesh_live_is_up(const struct mesh_live *m, int v);

/* What connects a and b now (MESH_CONN_NONE for a == b). */
enum mesh_conn mesh_live_conn(const struct mesh_live *m, int a, int b);

/* Which sides would dial a connection between a and b: bit 1 when a's
 * config holds a route to b, bit 2 when b's holds one to a; 0 when no
 * route joins them. */
unsigned mesh_live_dialers(const struct mesh_live *m, int a, int b);

/* Whether a fault cuts a from b now. */
bool mesh_live_is_cut(const struct mesh_live *m, int a, int b);

/*
 * The live mesh at one moment. Lists of nodes are sorted by name; pairs
 * are (a, b) with name(a) < name(b), sorted.
 */
struct mesh_snapshot {
	bool connected;         /* every pair of up nodes directly connected
	                         * (one full mesh; 0 or 1 up node counts) */
	int *up;                /* the up nodes */
	size_t nup;
	int *down;              /* the others */
	size_t ndown;
	/* Groups: the components of the connections among up nodes,
	 * largest first, ties by first name; group g is
	 * group_nodes[group_start[g] .. group_start[g + 1] - 1]. */
	size_t ngroups;
	size_t *group_start;
	int *group_nodes;
	int *isolated;          /* up nodes with no connection */
	size_t nisolated;
	int *cut_off;           /* up nodes outside the largest group */
	size_t ncut_off;
	int *apart;             /* pairs of up nodes not directly connected:
	                         * they cannot exchange messages */
	size_t napart;
	int *faults;            /* pairs cut by a fault, up or not */
	size_t nfaults;
};

/*
 * The state of m now. Returns MESH_OK and sets *out (free with
 * mesh_snapshot_free), or MESH_ENOMEM. O(n^2).
 */
enum mesh_error mesh_live_snapshot(const struct mesh_live *m,
    struct mesh_snapshot **out);

/* Free a snapshot; NULL is accepted. */
void mesh_snapshot_free(struct mesh_snapshot *s);

/* The parts of an expectation that failed, as bits. */
#define MESH_EXPECT_CONNECTED   1u
#define MESH_EXPECT_ISOLATED    2u
#define MESH_EXPECT_CUT_OFF     4u

/*
 * Check e against what was found: connected, and the isolated and cut-off
 * nodes (each list sorted by name, as the expectation's are). Returns the
 * MESH_EXPECT_ bits of the parts that differ; 0 when all match.
 */
unsigned mesh_expect_failures(const struct mesh_expect *e, bool connected,
    const int *isolated, size_t nisolated, const int *cut_off,
    size_t ncut_off);

/* A what-if run, on the route graph (analysis.h) with its nodes down. */
struct mesh_whatif_result {
	bool connected;         /* the survivors all reach each other */
	int *isolated;          /* survivors with no link to another survivor */
	size_t nisolated;
	int *cut_off;           /* survivors outside the largest component */
	size_t ncut_off;
	size_t ngroups;         /* components among the survivors */
	unsigned failed;        /* MESH_EXPECT_ bits */
};

/*
 * A plan's timeline run on the live mesh from the fully started cluster,
 * and its what-if runs on the route graph. steps[i] is the state after
 * plan->steps[i]; step_failed[i] and whatifs[i].failed hold the
 * MESH_EXPECT_ bits of the failed parts of their expectations.
 */
struct mesh_simulation {
	const struct mesh_plan *plan;
	struct mesh_snapshot *initial;
	struct mesh_snapshot **steps;
	unsigned *step_failed;
	struct mesh_whatif_result *whatifs;
	size_t nexpect;         /* steps and what-if runs with an expectation */
	size_t nfailed;         /* ... whose expectation failed */
};

/*
 * Run plan's timeline and what-if runs. Returns MESH_OK and sets *out
 * (free with mesh_simulation_free; the plan must outlive it), or
 * MESH_EINVAL (more than MESH_LIVE_MAX_NODES nodes, or a bad step),
 * MESH_ENOMEM or MESH_EGRAPH.
 */
enum mesh_error mesh_simulate(const struct mesh_plan *plan,
    struct mesh_simulation **out);

/* Free a simulation; NULL is accepted. */
void mesh_simulation_free(struct mesh_simulation *s);

/*
 * The simulation and diags as the documented JSON object (docs/mesh.md),
 * ending in a newline. Returns a string the caller frees with free(), or
 * NULL when out of memory.
 */
char *mesh_simulation_json(const struct mesh_simulation *s,
    const struct mesh_diags *diags);

/*
 * As mesh_analysis_json(), for `check --model mesh`: the same object with
 * "restart_hazards" (each surviving node that would strand others, to
 * the sorted list of those it strands; keys sorted) and "stranded" (the
 * survivors stranded already: hazards.h) after "route_storage". Returns
 * a string the caller frees with free(), or NULL when out of memory.
 */
char *mesh_analysis_json_hazards(const struct mesh_analysis *a,
    const struct mesh_diags *diags);

MESH_API_END

#endif
