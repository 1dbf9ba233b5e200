/* shard_json.c: the partial results of a shard of a sweep or an availability run, as JSON (docs/shard.md). */
#include <stdint.h>

#include "meshsim/meshsim.h"
#include "meshsim/shard.h"
#include "out/json_out.h"
#include "out/sweep_json.h"
#include "base/util.h"

/* A probability option, or null when not given. */
static void
option(struct mesh_i_jw *w, const char *key, double x)
{
	if (x < 0)
		mesh_i_jw_null(w, key);
	else
		mesh_i_jw_number(w, key, x);
}

/* Open the document and write everything up to and including "shards".
 * Doubles are written in as few digits as read back the same. */
static void
header(struct mesh_i_jw *w, struct mesh_i_buf *b,
    const struct mesh_partial_info *in)
{
	mesh_i_buf_init(b);
	mesh_i_jw_init(w, b, MESH_I_JW_SHORTEST);
	mesh_i_jw_object(w, NULL, MESH_I_JW_LINES);
	mesh_i_jw_int(w, "meshsim_partial", MESH_PARTIAL_FORMAT);
	mesh_i_jw_string(w, "meshsim", MESH_VERSION);
	mesh_i_jw_string(w, "command", in->command == MESH_PARTIAL_SWEEP ?
	    "sweep" : "availability");
	mesh_i_jw_string(w, "plan", in->plan);
	mesh_i_jw_string(w, "input_format",
	    mesh_format_name(in->input_format));
	mesh_i_jw_string(w, "fingerprint", in->fingerprint);
	mesh_i_jw_object(w, "options", MESH_I_JW_INLINE);
	if (in->command == MESH_PARTIAL_SWEEP) {
		mesh_i_jw_int(w, "k", in->k);
		mesh_i_jw_string_or_null(w, "by", in->by);
		mesh_i_jw_string(w, "model", mesh_sweep_model_name(in->model));
	} else {
		option(w, "node_availability", in->node_availability);
		mesh_i_jw_uint(w, "trials", in->trials);
		mesh_i_jw_uint(w, "seed", in->seed);
		option(w, "fail_below", in->fail_below);
	}
	mesh_i_jw_end(w);
	mesh_i_jw_int(w, "shard", in->shard);
	mesh_i_jw_int(w, "shards", in->shards);
}

char *
mesh_sweep_partial_json(const struct mesh_partial_info *info,
    const struct mesh_sweep *sw)
{
	struct mesh_i_buf b;
	struct mesh_i_jw w;
	size_t i;

	header(&w, &b, info);
	mesh_i_jw_object(&w, "results", MESH_I_JW_LINES);
	mesh_i_jw_sweep_sizes(&w, "tried", sw, MESH_I_SWEEP_TRIED);
	mesh_i_jw_sweep_sizes(&w, "splitting", sw, MESH_I_SWEEP_SPLITTING);
	mesh_i_jw_sweep_worst(&w, "worst", sw);
	mesh_i_jw_array(&w, "minimal_cuts", MESH_I_JW_LINES);
	for (i = 0; i < sw->ncuts; i++) {
		const struct mesh_sweep_cut *c = &sw->cuts[i];

		mesh_i_jw_object(&w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_strings(&w, "set", sw->units->names, sw->set_units +
		    c->first, c->size);
		mesh_i_jw_uint(&w, "group", c->group);
		mesh_i_jw_uint(&w, mesh_i_sweep_effect(sw), c->effect);
		if (sw->model == MESH_SWEEP_MESH)
			mesh_i_jw_names(&w, "nodes", sw->plan, sw->stranded +
			    c->sfirst, c->effect);
		mesh_i_jw_end(&w);
	}
	mesh_i_jw_end(&w);
	mesh_i_jw_end(&w);
	mesh_i_jw_end(&w);
	return mesh_i_jw_take(&w);
}

char *
mesh_avail_partial_json(const struct mesh_partial_info *info,
    const struct mesh_avail_sums *sums)
{
	uint64_t nb = mesh_avail_nblocks(info->trials), first =
	    (uint64_t)info->shard - 1, mine;
	struct mesh_i_buf b;
	struct mesh_i_jw w;

	/* The blocks of this shard: first, first + shards, ... */
	mine = nb > first ? (nb - first - 1) / (uint64_t)info->shards + 1 : 0;
	header(&w, &b, info);
	mesh_i_jw_object(&w, "results", MESH_I_JW_INLINE);
	mesh_i_jw_uint(&w, "blocks", mine);
	mesh_i_jw_uint(&w, "trials", sums->trials);
	mesh_i_jw_uint(&w, "connected", sums->connected);
	mesh_i_jw_uint(&w, "whole", sums->whole);
	mesh_i_jw_uint(&w, "cut_off", sums->cut_off);
	mesh_i_jw_uint(&w, "cut_off_sq_hi", sums->cut_off_sq_hi);
	mesh_i_jw_uint(&w, "cut_off_sq_lo", sums->cut_off_sq_lo);
	mesh_i_jw_end(&w);
	mesh_i_jw_end(&w);
	return mesh_i_jw_take(&w);
}
