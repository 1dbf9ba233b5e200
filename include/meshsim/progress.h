/* progress.h: a hook through which long runs say how far they are (the library never prints: the caller shows it, or not). */
#ifndef MESHSIM_PROGRESS_H
#define MESHSIM_PROGRESS_H

#include <stdint.h>

#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * A progress hook, passed by pointer in the options of the long runs:
 * loading a plan (mesh_plan_load_progress), sweeps (mesh_sweep_options),
 * availability (mesh_avail_options), the report (mesh_review_parts) and
 * diffs (mesh_diff_options). A NULL pointer, or a NULL fn, means none.
 *
 * Ownership: the caller owns the struct and ctx; they must stay valid
 * until the call that was given them returns (for a sweep, until
 * mesh_sweep_run() returns). The library keeps no pointer to them after
 * that.
 *
 * Calls: fn(ctx, phase, done, total) is called from the calling process
 * and thread only, never from worker processes. phase names the work (a
 * static string: "reading", "parsing", "sweep", "domain sweep",
 * "availability", "report"). A phase begins with a call with done 0;
 * within it total is fixed and at least 1, and done never decreases and
 * never exceeds total; a phase that completes ends with a call with done
 * equal to total, and one that fails may end without it. A phase without
 * work is not reported. done and total count the phase's own units (bytes,
 * trials, weighted passes, sections): only their ratio means anything
 * to a reader. The library calls fn at block or chunk granularity, at
 * most about MESH_PROGRESS_STEPS + 2 times a phase, so fn may read a
 * clock; it should still return quickly, and must not call back into the
 * library on the objects being worked on.
 */
struct mesh_progress {
	void (*fn)(void *ctx, const char *phase, uint64_t done,
	    uint64_t total);
	void *ctx;
};

/* The most calls between the first and the last of a phase. */
#define MESH_PROGRESS_STEPS 1000

MESH_API_END

#endif
