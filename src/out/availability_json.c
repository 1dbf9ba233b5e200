/* availability_json.c: an availability estimate as the documented JSON object (docs/json.md). */
#include "meshsim/meshsim.h"
#include "meshsim/availability.h"
#include "out/json_out.h"
#include "base/util.h"

char *
mesh_availability_json(const struct mesh_availability *a,
    const struct mesh_diags *diags)
{
	struct mesh_i_buf b;
	struct mesh_i_jw w;

	mesh_i_buf_init(&b);
	/* A double in a fixed format: the same value, the same bytes. */
	mesh_i_jw_init(&w, &b, MESH_I_JW_G12);
	mesh_i_jw_object(&w, MESH_I_JW_LINES);
	mesh_i_jw_key(&w, "plan");
	mesh_i_jw_string_or_null(&w, a->plan->name);
	mesh_i_jw_key(&w, "file");
	mesh_i_jw_string_or_null(&w, a->plan->file);
	mesh_i_jw_key(&w, "nodes");
	mesh_i_jw_uint(&w, a->nnodes);
	mesh_i_jw_key(&w, "links");
	mesh_i_jw_uint(&w, a->nlinks);
	mesh_i_jw_key(&w, "plan_connected");
	mesh_i_jw_bool(&w, a->plan_connected);
	mesh_i_jw_key(&w, "trials");
	mesh_i_jw_uint(&w, a->trials);
	mesh_i_jw_key(&w, "seed");
	mesh_i_jw_uint(&w, a->seed);
	mesh_i_jw_key(&w, "generator");
	mesh_i_jw_string(&w, MESH_AVAIL_GENERATOR);
	mesh_i_jw_key(&w, "block_size");
	mesh_i_jw_int(&w, MESH_AVAIL_BLOCK);
	mesh_i_jw_key(&w, "default_availability");
	mesh_i_jw_number(&w, a->default_availability);
	mesh_i_jw_key(&w, "nodes_using_default");
	mesh_i_jw_uint(&w, a->nusing_default);
	mesh_i_jw_key(&w, "probability_connected");
	mesh_i_jw_number(&w, a->probability_connected);
	mesh_i_jw_key(&w, "ci95");
	mesh_i_jw_array(&w, MESH_I_JW_INLINE);
	mesh_i_jw_number(&w, a->ci95_low);
	mesh_i_jw_number(&w, a->ci95_high);
	mesh_i_jw_end(&w);
	mesh_i_jw_key(&w, "expected_cut_off");
	mesh_i_jw_number(&w, a->expected_cut_off);
	mesh_i_jw_key(&w, "expected_cut_off_stderr");
	if (a->expected_cut_off_stderr >= 0)
		mesh_i_jw_number(&w, a->expected_cut_off_stderr);
	else
		mesh_i_jw_null(&w);
	mesh_i_jw_key(&w, "probability_whole");
	mesh_i_jw_number(&w, a->probability_whole);
	mesh_i_jw_key(&w, "exact");
	if (a->has_exact) {
		mesh_i_jw_object(&w, MESH_I_JW_INLINE);
		mesh_i_jw_key(&w, "probability_connected");
		mesh_i_jw_number(&w, a->exact.probability_connected);
		mesh_i_jw_key(&w, "expected_cut_off");
		mesh_i_jw_number(&w, a->exact.expected_cut_off);
		mesh_i_jw_key(&w, "probability_whole");
		mesh_i_jw_number(&w, a->exact.probability_whole);
		mesh_i_jw_end(&w);
	} else
		mesh_i_jw_null(&w);
	mesh_i_jw_key(&w, "diagnostics");
	mesh_i_jw_diagnostics(&w, diags);
	mesh_i_jw_end(&w);
	return mesh_i_jw_take(&w);
}
