/* sweep.h: sweeps: every set of up to k nodes (or failure domains) failing together, and the minimal ones that split the plan. */
#ifndef MESHSIM_SWEEP_H
#define MESHSIM_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* For enum mesh_error; meshsim.h includes this header in turn. */
#include "meshsim/meshsim.h"
#include "meshsim/progress.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * A sweep fails every set of up to k *units* together: plan nodes, or the
 * failure domains of mesh_domains_new() (domains.h) for a key. Under the
 * graph model a set *splits* when the surviving nodes are not all
 * connected (0 or 1 survivors count as connected); under the mesh model
 * (hazards.h) it *strands* when some surviving node has route neighbours,
 * all of them down. Either way the set *hits*, and a hitting set is
 * *minimal* when no smaller subset of it hits. Hitting is not monotone (a
 * set that splits can stop splitting when one more unit fails and leaves
 * a single node), so minimality is checked against every proper subset.
 *
 * A plan that is already split is swept group by group: sets are drawn
 * within one group (its component of the route graph), a domain counts
 * only its nodes in that group, and a set hits when that group's
 * survivors are split (or stranded); the counts are sums over groups.
 *
 * The work: for j = 0 .. k-1, one linear pass over the graph minus each
 * set R of j units (units in index order, R's largest below the last)
 * decides every set R + {x} with x after R's largest: a single node x
 * from the articulation points and piece sizes of a depth-first search, a
 * domain of several nodes by a breadth-first search. So each set is
 * decided once. The cost estimate is sum over groups and j of
 * passes(j) * (nodes + 2 links) * (1 + domains of several nodes).
 *
 * Shards (docs/shard.md): shard I of N (1 <= I <= N) sweeps a slice. In
 * each group, a set of the largest size swept there (k, or the group's
 * units when fewer) belongs to the slice when its pass R, numbered from 0
 * in the order of the passes, is I - 1 modulo N; smaller sets all belong
 * to shard 1. Every shard still runs the smaller sizes in full, as it
 * needs their minimal sets to tell which of its sets are minimal. The
 * slices' counts add up, and their minimal sets make up the whole
 * sweep's: mesh_sweep_merge_*() below put them together.
 */

/* The work budget (node and link visits of the estimate) above which a
 * caller should refuse a sweep unless told to go ahead: about a minute
 * of one core. */
#define MESH_SWEEP_BUDGET 10000000000.0

/* Levels estimated below this much work run in one process. */
#define MESH_SWEEP_PARALLEL_MIN 2000000.0

enum mesh_sweep_model {
	MESH_SWEEP_GRAPH,       /* the route graph: sets that split it */
	MESH_SWEEP_MESH         /* the live mesh: sets that strand nodes */
};

struct mesh_sweep_options {
	int k;                  /* the largest set size, 1 or more */
	const char *by;         /* NULL: nodes; else a domain key */
	enum mesh_sweep_model model;
	/* Processes; 0: the CPUs online. More than one: mesh_sweep_run()
	 * fork()s workers for each level whose work estimate reaches
	 * parallel_min (0: MESH_SWEEP_PARALLEL_MIN); 1 never forks. */
	int jobs;
	double parallel_min;
	/* NULL: none; else reported by mesh_sweep_run() as phase "sweep"
	 * ("domain sweep" with a key) in passes weighted as the estimate
	 * weighs them (progress.h); must outlive mesh_sweep_run(). */
	const struct mesh_progress *progress;
	int shard;              /* sweep slice shard (1 .. shards) ... */
	int shards;             /* ... of shards; 0 or 1: the whole sweep */
};

/* What the sets of one size s found. */
struct mesh_sweep_size {
	uint64_t tried;         /* sets of s units */
	uint64_t hit;           /* those that split (strand) */
	size_t worst;           /* most nodes cut off (stranded); 0: none */
	size_t worst_group;     /* the worst set's group */
	/* The worst set (first in the order of minimal cuts among those
	 * with the most): units worst_units[0 .. s-1], NULL when none. */
	int *worst_units;
};

/*
 * A minimal hitting set: units set_units[first .. first + size - 1]
 * (ascending unit index, which is name order); the group it hits; the
 * nodes it cuts off from the largest piece of that group (graph) or
 * strands (mesh). Under mesh the stranded nodes are
 * stranded[sfirst .. sfirst + effect - 1], sorted by name.
 */
struct mesh_sweep_cut {
	size_t first;
	size_t size;
	size_t group;
	size_t effect;
	size_t sfirst;
};

/*
 * A sweep of a plan, which must outlive it. Units are the domains in
 * units (for no key, one per node, named by the node). Groups are the
 * components of the route graph, largest first, ties by first name;
 * group c is comp_nodes[comp_start[c] .. comp_start[c + 1] - 1], sorted
 * by name. sizes[1 .. k] hold the counts once mesh_sweep_run() is done;
 * cuts are sorted by size, then names, then group.
 */
struct mesh_sweep {
	const struct mesh_plan *plan;
	enum mesh_sweep_model model;
	char *by;               /* the key, or NULL */
	bool by_found;          /* a node has that label, or the key is host,
				 * no key was given or the plan has no nodes:
				 * false when each host stands in for it */
	struct mesh_domains *units;
	int k;                  /* in force: at most the units of a group */
	int k_requested;
	bool connected;
	size_t ncomponents;
	size_t *comp_start;
	int *comp_nodes;
	size_t max_units;       /* the most units in one group */
	double cost;            /* the work estimate (see above); of the
				 * slice for a shard */
	uint64_t work;          /* the same, whole (saturating): progress */
	int jobs;               /* processes to use */
	double parallel_min;
	const struct mesh_progress *progress;   /* from the options */
	int shard, shards;      /* shards 1: the whole sweep */

	struct mesh_sweep_size *sizes;  /* k + 1 entries */
	struct mesh_sweep_cut *cuts;
	size_t ncuts;
	int *set_units;
	int *stranded;          /* mesh: plan node indices */
	bool done;
	struct mesh_sweep_pending *pending;     /* private: a merge */
};

/*
 * Prepare a sweep of plan with opts: the units, the groups, k clamped to
 * the most units in a group (0 for a plan without nodes), and the cost
 * estimate; nothing is swept yet. Returns MESH_OK and sets *out (free
 * with mesh_sweep_free), MESH_EINVAL (k < 1, jobs < 0, a key that is
 * empty or holds '=', or shards < 0 or shard outside 1 .. shards when
 * shards > 1), or MESH_ENOMEM.
 */
enum mesh_error mesh_sweep_new(const struct mesh_plan *plan,
    const struct mesh_sweep_options *opts, struct mesh_sweep **out);

/*
 * Sweep: fill sizes and cuts. FORKS with jobs > 1 (0 in the options:
 * one a CPU), for each level whose work reaches parallel_min: its passes
 * are shared among jobs processes: this one and jobs - 1 children made
 * with fork(), each taking every jobs-th set R and sending what it found
 * back through a pipe; a child that fails has its share run again here.
 * The results never depend on jobs. Progress goes to the options' hook
 * from this process alone, the children counting their passes to it
 * through their pipes. Children end with _exit() and touch nothing of
 * the caller's; call this from a single-threaded process when
 * jobs > 1. Never calls igraph. Returns MESH_OK, MESH_EINVAL (already
 * run), or MESH_ENOMEM (the sweep is then unusable but still freed with
 * mesh_sweep_free).
 */
enum mesh_error mesh_sweep_run(struct mesh_sweep *sw);

/* Free a sweep; NULL is accepted. */
void mesh_sweep_free(struct mesh_sweep *sw);

/*
 * Put the slices of a sharded sweep together (shard.h reads them from
 * partial files). sw comes from mesh_sweep_new() with the options the
 * shards had but no shard, and is not run. Begin, then add each slice:
 * its counts and worst set for each size s (units ascending, as in
 * struct mesh_sweep_size; worst 0 and units NULL when none), and each
 * minimal set it found (units ascending; under mesh the nodes it
 * strands, effect of them, else none). End puts the sets in order; sw is
 * then as mesh_sweep_run() leaves it. Each returns MESH_OK, MESH_ENOMEM
 * (sw is then unusable but still freed with mesh_sweep_free), or
 * MESH_EINVAL: begin when sw is run, sharded or being merged; add when
 * not merging, or for a size, unit, group or node out of range or units
 * out of order. End returns MESH_EINPUT, after adding an error
 * (partials-inconsistent) to diags, when the slices do not add up to the
 * whole sweep: a size whose sets were not all tried exactly once, or a
 * minimal set given twice.
 */
enum mesh_error mesh_sweep_merge_begin(struct mesh_sweep *sw);
enum mesh_error mesh_sweep_merge_size(struct mesh_sweep *sw, int s,
    uint64_t tried, uint64_t hit, size_t worst, const int *worst_units,
    size_t worst_group);
enum mesh_error mesh_sweep_merge_cut(struct mesh_sweep *sw, const int *units,
    size_t size, size_t group, size_t effect, const int *stranded);
enum mesh_error mesh_sweep_merge_end(struct mesh_sweep *sw,
    struct mesh_diags *diags);

/*
 * The sweep and diags as the documented JSON object (docs/sweep.md),
 * pretty-printed, ending in a newline. Returns a string that the caller
 * frees with free(), or NULL when out of memory.
 */
char *mesh_sweep_json(const struct mesh_sweep *sw,
    const struct mesh_diags *diags);

/* The name of a model: "graph" or "mesh". */
const char *mesh_sweep_model_name(enum mesh_sweep_model model);

MESH_API_END

#endif
