/* sweep_json.c: a sweep as the documented JSON object (docs/json.md). */
#include <stdio.h>
#include <stdlib.h>

#include "meshsim/meshsim.h"
#include "meshsim/sweep.h"
#include "out/json_out.h"
#include "out/sweep_json.h"
#include "base/util.h"

const char *
mesh_i_sweep_effect(const struct mesh_sweep *sw)
{
	return sw->model == MESH_SWEEP_MESH ? "stranded" : "cut_off";
}

/* The key of size s, written into k. */
static const char *
size_key(char k[16], int s)
{
	snprintf(k, 16, "%d", s);
	return k;
}

void
mesh_i_jw_sweep_sizes(struct mesh_i_jw *w, const char *key,
    const struct mesh_sweep *sw, enum mesh_i_sweep_count what)
{
	char k[16];
	int s;

	mesh_i_jw_object(w, key, MESH_I_JW_INLINE);
	for (s = 1; s <= sw->k; s++) {
		const struct mesh_sweep_size *z = &sw->sizes[s];

		if (what == MESH_I_SWEEP_TRIED)
			mesh_i_jw_uint(w, size_key(k, s), z->tried);
		else if (what == MESH_I_SWEEP_SPLITTING)
			mesh_i_jw_uint(w, size_key(k, s), z->hit);
		else
			mesh_i_jw_number(w, size_key(k, s), z->tried ? 1.0 -
			    (double)z->hit / (double)z->tried : 1.0);
	}
	mesh_i_jw_end(w);
}

void
mesh_i_jw_sweep_worst(struct mesh_i_jw *w, const char *key,
    const struct mesh_sweep *sw)
{
	char k[16];
	int s;

	mesh_i_jw_object(w, key, MESH_I_JW_INLINE);
	for (s = 1; s <= sw->k; s++) {
		const struct mesh_sweep_size *z = &sw->sizes[s];

		if (z->worst == 0) {
			mesh_i_jw_null(w, size_key(k, s));
			continue;
		}
		mesh_i_jw_object(w, size_key(k, s), MESH_I_JW_INLINE);
		mesh_i_jw_uint(w, mesh_i_sweep_effect(sw), z->worst);
		mesh_i_jw_strings(w, "set", sw->units->names, z->worst_units,
		    (size_t)s);
		mesh_i_jw_uint(w, "group", z->worst_group);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

/* "notes": how the sweep differs from the one asked for, as the text
 * report says it: k lowered to the largest group (a plan of no nodes
 * has none, and nothing to sweep), and a label no node has, for which
 * each host stands in (by_found). Out of memory fails the document. */
static void
put_notes(struct mesh_i_jw *w, const struct mesh_sweep *sw)
{
	char *clamped = NULL, *by = NULL;

	if (sw->k < sw->k_requested && sw->k > 0 &&
	    (clamped = mesh_i_asprintf("k %d is more than the %zu %s of the "
	    "largest group: sets of up to %d", sw->k_requested, sw->max_units,
	    sw->max_units == 1 ? "unit" : "units", sw->k)) == NULL)
		w->b->failed = 1;
	if (!sw->by_found && (by = mesh_i_asprintf("no node has the label "
	    "'%s': each host is a domain", sw->by)) == NULL)
		w->b->failed = 1;
	mesh_i_jw_array(w, "notes", MESH_I_JW_INLINE);
	if (clamped != NULL)
		mesh_i_jw_string(w, NULL, clamped);
	if (by != NULL)
		mesh_i_jw_string(w, NULL, by);
	mesh_i_jw_end(w);
	free(clamped);
	free(by);
}

/* "minimal_cuts", then "minimal_cuts_detail": each minimal set, and its
 * group and effect (with the mesh model, the nodes stranded). */
static void
put_cuts(struct mesh_i_jw *w, const struct mesh_sweep *sw)
{
	size_t i;

	mesh_i_jw_array(w, "minimal_cuts", MESH_I_JW_LINES);
	for (i = 0; i < sw->ncuts; i++)
		mesh_i_jw_strings(w, NULL, sw->units->names,
		    sw->set_units + sw->cuts[i].first, sw->cuts[i].size);
	mesh_i_jw_end(w);
	mesh_i_jw_array(w, "minimal_cuts_detail", MESH_I_JW_LINES);
	for (i = 0; i < sw->ncuts; i++) {
		const struct mesh_sweep_cut *cut = &sw->cuts[i];

		mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_uint(w, "group", cut->group);
		mesh_i_jw_uint(w, mesh_i_sweep_effect(sw), cut->effect);
		if (sw->model == MESH_SWEEP_MESH)
			mesh_i_jw_names(w, "nodes", sw->plan, sw->stranded +
			    cut->sfirst, cut->effect);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

char *
mesh_sweep_json(const struct mesh_sweep *sw,
    const struct mesh_diags *diags)
{
	const struct mesh_plan *p = sw->plan;
	struct mesh_i_buf b;
	struct mesh_i_jw w;

	mesh_i_jw_report_begin(&w, &b, MESH_I_JW_FIXED4, p);
	mesh_i_jw_string(&w, "model", mesh_sweep_model_name(sw->model));
	mesh_i_jw_int(&w, "k", sw->k);
	mesh_i_jw_int(&w, "k_requested", sw->k_requested);
	mesh_i_jw_string_or_null(&w, "by", sw->by);
	mesh_i_jw_uint(&w, "units", sw->units->n);
	mesh_i_jw_uint(&w, "nodes", p->nnodes);
	mesh_i_jw_uint(&w, "links", p->nlinks);
	mesh_i_jw_bool(&w, "connected", sw->connected);
	mesh_i_jw_groups(&w, "components", MESH_I_JW_LINES, p, sw->comp_nodes,
	    sw->comp_start, sw->ncomponents);
	mesh_i_jw_sweep_sizes(&w, "tried", sw, MESH_I_SWEEP_TRIED);
	mesh_i_jw_sweep_sizes(&w, "splitting", sw, MESH_I_SWEEP_SPLITTING);
	mesh_i_jw_sweep_sizes(&w, "share_connected", sw, MESH_I_SWEEP_SHARE);
	mesh_i_jw_sweep_worst(&w, "worst", sw);
	put_cuts(&w, sw);
	put_notes(&w, sw);
	return mesh_i_jw_report_end(&w, diags);
}
