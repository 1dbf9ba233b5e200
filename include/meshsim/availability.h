/* availability.h: how likely the up nodes are all connected when nodes fail at random: Monte Carlo and exact. */
#ifndef MESHSIM_AVAILABILITY_H
#define MESHSIM_AVAILABILITY_H

#include <stddef.h>
#include <stdint.h>

/* For enum mesh_error; meshsim.h includes this header in turn. */
#include "meshsim/meshsim.h"
#include "meshsim/diag.h"
#include "meshsim/progress.h"
#include "meshsim/plan.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * The model: each node is up, independently, with its availability: the
 * plan's "availability" for the node, else the default. A trial draws
 * every node's state; the up nodes are *connected* when the links between
 * them join them all (0 or 1 up node counts as connected); up nodes
 * outside the largest group of them are *cut off*; the cluster is *whole*
 * when every node is up and the plan is connected.
 *
 * Trials come in blocks of MESH_AVAIL_BLOCK; the last may be shorter.
 * Block b draws from its own xoshiro256** generator, whose four state
 * words are outputs 4b .. 4b+3 of splitmix64 started from the seed. A
 * trial draws one 64-bit number per node, in plan order: node i is up when
 * the number's top 53 bits, read as an integer u, satisfy
 * u < floor(p_i * 2^53). Every count is a sum over blocks, so any split of
 * the blocks between processes or machines gives the same sums.
 */

#define MESH_AVAIL_DEFAULT 0.999        /* the default node availability */
/*
 * The trials and seed of every availability estimate when none are given:
 * `availability`, `report` and `diff` (and mesh_availability(),
 * mesh_diff() with NULL options) give the same estimate of a plan.
 */
#define MESH_AVAIL_TRIALS_DEFAULT UINT64_C(100000)
#define MESH_AVAIL_SEED_DEFAULT UINT64_C(1)
#define MESH_AVAIL_BLOCK 65536          /* trials per block */
#define MESH_AVAIL_TRIALS_MAX UINT64_C(1000000000000)   /* 10^12 */
#define MESH_AVAIL_EXACT_MAX 20         /* exact for at most this many nodes */
#define MESH_AVAIL_GENERATOR "xoshiro256** seeded by splitmix64"
#define MESH_Z95 1.959963984540054      /* the 97.5% normal quantile */

/*
 * Counts over a set of trials: integers, so that adding them up is exact
 * and the same in any order. cut_off_sq is a 128-bit sum (hi * 2^64 + lo)
 * of the squares of the per-trial cut-off counts.
 */
struct mesh_avail_sums {
	uint64_t trials;
	uint64_t connected;     /* trials with the up nodes all connected */
	uint64_t whole;         /* trials with every node up, plan connected */
	uint64_t cut_off;       /* up nodes cut off, summed over trials */
	uint64_t cut_off_sq_hi;
	uint64_t cut_off_sq_lo;
};

/* A plan prepared for trials (private). */
struct mesh_avail_model;

/*
 * Prepare plan for trials: each node with availability -1 gets
 * default_availability. The plan must outlive the model. Returns MESH_OK
 * and sets *out (free with mesh_avail_model_free), or MESH_EINVAL (a
 * probability outside 0-1) or MESH_ENOMEM.
 */
enum mesh_error mesh_avail_model_new(const struct mesh_plan *plan,
    double default_availability, struct mesh_avail_model **out);

/* Free a model; NULL is accepted. */
void mesh_avail_model_free(struct mesh_avail_model *m);

/* How many blocks hold trials trials. */
uint64_t mesh_avail_nblocks(uint64_t trials);

/* How many of trials trials blocks first, first + step, first + 2 step,
 * ... hold (step at least 1): what mesh_avail_run() runs of them. */
uint64_t mesh_avail_share_trials(uint64_t trials, uint64_t first,
    uint64_t step);

/*
 * The work estimate of a run: trials times (nodes + links), each trial
 * drawing every node and visiting every link. At about 4.6 ns a unit on
 * one core (docs/availability.md), MESH_AVAIL_BUDGET is about a minute:
 * `meshsim availability` refuses a run above it unless --force is given,
 * and `meshsim report` leaves the estimate out.
 */
#define MESH_AVAIL_BUDGET 1e10
double mesh_avail_cost(const struct mesh_plan *plan, uint64_t trials);

/*
 * Run the blocks first, first + step, first + 2 step, ... of the
 * ceil(trials / MESH_AVAIL_BLOCK) blocks of a run of trials trials with
 * seed, and add their counts to *sums. FORKS with jobs > 1: the blocks
 * are shared among jobs processes: this one and jobs - 1 children made with
 * fork(), each taking every jobs-th of the blocks and sending its counts
 * back through a pipe; a child that fails has its blocks run again here.
 * So the counts never depend on jobs (nor on how the caller splits the
 * blocks with first and step). Children end with _exit() and touch
 * nothing of the caller's; call this from a single-threaded process when
 * jobs > 1. Returns MESH_OK, MESH_EINVAL (trials 0 or above
 * MESH_AVAIL_TRIALS_MAX, step 0, or a count that could overflow) or
 * MESH_ENOMEM (*sums is then unaltered).
 */
enum mesh_error mesh_avail_run(const struct mesh_avail_model *m,
    uint64_t seed, uint64_t trials, uint64_t first, uint64_t step,
    unsigned jobs, struct mesh_avail_sums *sums);

/* As mesh_avail_run(), reporting the trials run (of those blocks) as
 * phase "availability" through progress (NULL: none; progress.h): a
 * shard's run. FORKS with jobs > 1, as mesh_avail_run(). */
enum mesh_error mesh_avail_run_progress(const struct mesh_avail_model *m,
    uint64_t seed, uint64_t trials, uint64_t first, uint64_t step,
    unsigned jobs, const struct mesh_progress *progress,
    struct mesh_avail_sums *sums);

/* Add the counts of from to *into. */
void mesh_avail_sums_add(struct mesh_avail_sums *into,
    const struct mesh_avail_sums *from);

/*
 * The Wilson score interval for a binomial proportion: successes k of n
 * trials, at normal quantile z (MESH_Z95 for 95%). Sets *low and *high
 * (0 and 1 when n is 0).
 */
void mesh_wilson(uint64_t k, uint64_t n, double z, double *low,
    double *high);

/* Exact values, from every up/down state of the nodes. */
struct mesh_avail_exact {
	double probability_connected;
	double expected_cut_off;
	double probability_whole;
};

/*
 * The exact values for a model of at most MESH_AVAIL_EXACT_MAX nodes, from
 * all 2^n up/down states weighted by their probabilities. Returns MESH_OK,
 * or MESH_EINVAL when the model has more nodes.
 */
enum mesh_error mesh_avail_exact(const struct mesh_avail_model *m,
    struct mesh_avail_exact *out);

struct mesh_avail_options {
	double node_availability;       /* the default; < 0: MESH_AVAIL_DEFAULT */
	uint64_t trials;                /* 0: MESH_AVAIL_TRIALS_DEFAULT */
	uint64_t seed;
	/* Processes; 0 or 1: this one alone; more: mesh_availability()
	 * fork()s workers (mesh_avail_run()). */
	unsigned jobs;
	/* NULL: none; else mesh_availability() reports the trials run as
	 * phase "availability" (progress.h), from this process alone. */
	const struct mesh_progress *progress;
};

/* The estimate from a run, and the exact values where computed. */
struct mesh_availability {
	const struct mesh_plan *plan;
	size_t nnodes;
	size_t nlinks;
	int plan_connected;             /* every node up, all connected */
	double default_availability;
	size_t nusing_default;          /* nodes without their own value */
	double min_own, max_own;        /* range of the plan's own values */
	uint64_t trials;
	uint64_t seed;
	struct mesh_avail_sums sums;
	double probability_connected;
	double ci95_low, ci95_high;     /* Wilson score interval */
	double expected_cut_off;
	double expected_cut_off_stderr; /* -1 with fewer than 2 trials */
	double probability_whole;
	int has_exact;                  /* at most MESH_AVAIL_EXACT_MAX nodes */
	struct mesh_avail_exact exact;
};

/*
 * Estimate plan's availability as opts says (opts may be NULL: the
 * default availability, MESH_AVAIL_TRIALS_DEFAULT trials and
 * MESH_AVAIL_SEED_DEFAULT, one process). Runs every block with
 * mesh_avail_run(), so FORKS with opts->jobs > 1, and computes
 * the exact values when the plan has at most MESH_AVAIL_EXACT_MAX nodes.
 * Returns MESH_OK and sets *out (free with mesh_availability_free), or
 * MESH_EINVAL (an option out of range) or MESH_ENOMEM.
 */
enum mesh_error mesh_availability(const struct mesh_plan *plan,
    const struct mesh_avail_options *opts, struct mesh_availability **out);

/*
 * As mesh_availability(), from counts already summed over every block (of
 * shards run apart with mesh_avail_run(), say). sums->trials must be
 * 1 .. MESH_AVAIL_TRIALS_MAX.
 */
enum mesh_error mesh_availability_from_sums(const struct mesh_avail_model *m,
    uint64_t seed, const struct mesh_avail_sums *sums,
    struct mesh_availability **out);

/* Free a result; NULL is accepted. */
void mesh_availability_free(struct mesh_availability *a);

/*
 * The result and diags as the JSON object that docs/availability.md
 * documents, pretty-printed, ending in a newline. Returns a string that
 * the caller frees with free(), or NULL when out of memory.
 */
char *mesh_availability_json(const struct mesh_availability *a,
    const struct mesh_diags *diags);

MESH_API_END

#endif
