/* sweep_json.h: what a sweep's JSON and its shard partial both write. */
#ifndef MESH_SWEEP_JSON_H
#define MESH_SWEEP_JSON_H

#include "meshsim/sweep.h"
#include "out/json_writer.h"

/* A per-size count of a sweep. */
enum mesh_i_sweep_count {
	MESH_I_SWEEP_TRIED,     /* sets tried */
	MESH_I_SWEEP_SPLITTING, /* sets that split */
	MESH_I_SWEEP_SHARE      /* the share left connected, a number */
};

/* What a set does to the others: "stranded" (mesh model) or "cut_off". */
const char *mesh_i_sweep_effect(const struct mesh_sweep *sw);

/* One count, under key: an object on one line keyed by size "1" .. "k". */
void mesh_i_jw_sweep_sizes(struct mesh_i_jw *w, const char *key,
    const struct mesh_sweep *sw, enum mesh_i_sweep_count what);

/* The worst set of each size, under key: an object on one line keyed by
 * size, of null or {EFFECT: n, "set": [units], "group": g}. */
void mesh_i_jw_sweep_worst(struct mesh_i_jw *w, const char *key,
    const struct mesh_sweep *sw);

#endif
