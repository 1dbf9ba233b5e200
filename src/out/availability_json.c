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

	/* Doubles in a fixed format: the same value, the same bytes. */
	mesh_i_jw_report_begin(&w, &b, MESH_I_JW_G12, a->plan);
	mesh_i_jw_uint(&w, "nodes", a->nnodes);
	mesh_i_jw_uint(&w, "links", a->nlinks);
	mesh_i_jw_bool(&w, "plan_connected", a->plan_connected);
	mesh_i_jw_uint(&w, "trials", a->trials);
	mesh_i_jw_uint(&w, "seed", a->seed);
	mesh_i_jw_string(&w, "generator", MESH_AVAIL_GENERATOR);
	mesh_i_jw_int(&w, "block_size", MESH_AVAIL_BLOCK);
	mesh_i_jw_number(&w, "default_availability",
	    a->default_availability);
	mesh_i_jw_uint(&w, "nodes_using_default", a->nusing_default);
	mesh_i_jw_number(&w, "probability_connected",
	    a->probability_connected);
	mesh_i_jw_array(&w, "ci95", MESH_I_JW_INLINE);
	mesh_i_jw_number(&w, NULL, a->ci95_low);
	mesh_i_jw_number(&w, NULL, a->ci95_high);
	mesh_i_jw_end(&w);
	mesh_i_jw_number(&w, "expected_cut_off", a->expected_cut_off);
	if (a->expected_cut_off_stderr >= 0)
		mesh_i_jw_number(&w, "expected_cut_off_stderr",
		    a->expected_cut_off_stderr);
	else
		mesh_i_jw_null(&w, "expected_cut_off_stderr");
	mesh_i_jw_number(&w, "probability_whole", a->probability_whole);
	if (a->has_exact) {
		mesh_i_jw_object(&w, "exact", MESH_I_JW_INLINE);
		mesh_i_jw_number(&w, "probability_connected",
		    a->exact.probability_connected);
		mesh_i_jw_number(&w, "expected_cut_off",
		    a->exact.expected_cut_off);
		mesh_i_jw_number(&w, "probability_whole",
		    a->exact.probability_whole);
		mesh_i_jw_end(&w);
	} else
		mesh_i_jw_null(&w, "exact");
	return mesh_i_jw_report_end(&w, diags);
}
