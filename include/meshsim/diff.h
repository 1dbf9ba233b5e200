/* diff.h: what changed between two plans: nodes, routes, links, single points of failure, connectivity, the k=2 sweep, availability, and whether NEW is worse. */
#ifndef MESHSIM_DIFF_H
#define MESHSIM_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meshsim/meshsim.h"
#include "meshsim/progress.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/* The sweep level a diff compares (sets of up to this many nodes). */
#define MESH_DIFF_SWEEP_K 2
/* Monte Carlo trials by default: the default of every availability
 * estimate (availability.h); the seed is MESH_AVAIL_SEED_DEFAULT. */
#define MESH_DIFF_TRIALS MESH_AVAIL_TRIALS_DEFAULT

enum mesh_diff_verdict {
	MESH_DIFF_SAME,         /* nothing changed */
	MESH_DIFF_CHANGED,      /* changed, neither worse nor better */
	MESH_DIFF_BETTER,       /* something better, nothing worse */
	MESH_DIFF_WORSE         /* something worse (see worse_because) */
};

/* A sorted list of distinct strings, owned by the diff. */
struct mesh_diff_list {
	char **v;
	size_t n;
};

/* What the analyses say of one plan. */
struct mesh_diff_side {
	size_t nnodes, nlinks, nroutes;
	bool connected;
	size_t ncomponents;
	size_t narticulation;   /* single points of failure (nodes) */
	size_t nbridges;
	int vertex_connectivity;        /* -1: skipped (too many nodes) */
	int edge_connectivity;
	/* The sweep of sets of up to MESH_DIFF_SWEEP_K nodes (entries 1 ..
	 * sweep_k; sweep_k is less for plans with fewer nodes, 0 when the
	 * sweep was skipped as over MESH_SWEEP_BUDGET). */
	int sweep_k;
	uint64_t sweep_tried[MESH_DIFF_SWEEP_K + 1];
	uint64_t sweep_splitting[MESH_DIFF_SWEEP_K + 1];
	size_t sweep_minimal[MESH_DIFF_SWEEP_K + 1];
	/* P(all up nodes connected): the estimate, and exact when has_exact
	 * (at most MESH_AVAIL_EXACT_MAX nodes). */
	double availability;
	bool has_exact;
	double availability_exact;
};

/*
 * The differences. Routes are "NODE -> TARGET" when a route resolves to
 * a node, else "NODE -> HOST:PORT"; links and bridges are "A -- B" with
 * A before B by name. side[0] is the old plan, side[1] the new.
 */
struct mesh_diff {
	struct mesh_diff_list nodes_added, nodes_removed;
	struct mesh_diff_list routes_added, routes_removed;
	struct mesh_diff_list links_added, links_removed;
	struct mesh_diff_list articulation_introduced, articulation_removed;
	struct mesh_diff_list bridges_introduced, bridges_removed;
	struct mesh_diff_side side[2];
	uint64_t trials, seed;
	double node_availability;       /* the default used for both */
	enum mesh_diff_verdict verdict;
	struct mesh_diff_list worse_because;    /* reasons, in a fixed order */
	struct mesh_diff_list better_because;
};

struct mesh_diff_options {
	uint64_t trials;        /* 0: MESH_DIFF_TRIALS */
	uint64_t seed;          /* options NULL: MESH_AVAIL_SEED_DEFAULT */
	double node_availability;       /* < 0: MESH_AVAIL_DEFAULT */
	/* NULL: none; else each plan's sweep and availability are
	 * reported (phases "sweep", "availability"; progress.h). */
	const struct mesh_progress *progress;
};

/*
 * Compare plan old with plan new (both resolved; opts may be NULL: the
 * defaults, seed 0). NEW is worse when it is split where OLD was not, has
 * more components, a single point of failure OLD did not have, or lower
 * vertex or edge connectivity; the availability estimate is reported but
 * never decides the verdict. Both plans' sweeps and availability run in
 * this process: never forks. Returns MESH_OK and sets *out (free with
 * mesh_diff_free), or MESH_EINVAL (an option out of range), MESH_ENOMEM
 * or MESH_EGRAPH; *out is then NULL.
 */
enum mesh_error mesh_diff(const struct mesh_plan *old,
    const struct mesh_plan *new, const struct mesh_diff_options *opts,
    struct mesh_diff **out);

/* Free a diff; NULL is accepted. */
void mesh_diff_free(struct mesh_diff *d);

/* "same", "changed", "better" or "worse". */
const char *mesh_diff_verdict_name(enum mesh_diff_verdict v);

/*
 * The diff as the JSON object docs/diff.md documents, pretty-printed,
 * ending in a newline; old and new are the plans it was made from (for
 * their files and names), dold and dnew their diagnostics (may be NULL).
 * Returns a string the caller frees with free(), or NULL when out of
 * memory.
 */
char *mesh_diff_json(const struct mesh_diff *d, const struct mesh_plan *old,
    const struct mesh_plan *new, const struct mesh_diags *dold,
    const struct mesh_diags *dnew);

MESH_API_END

#endif
