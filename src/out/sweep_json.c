/* sweep_json.c: a sweep as the documented JSON object (docs/json.md). */
#include <stdarg.h>
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

/* The key of size s. */
static void
size_key(struct mesh_i_jw *w, int s)
{
	char k[16];

	snprintf(k, sizeof(k), "%d", s);
	mesh_i_jw_key(w, k);
}

void
mesh_i_jw_sweep_sizes(struct mesh_i_jw *w, const struct mesh_sweep *sw,
    enum mesh_i_sweep_count what)
{
	int s;

	mesh_i_jw_object(w, MESH_I_JW_INLINE);
	for (s = 1; s <= sw->k; s++) {
		const struct mesh_sweep_size *z = &sw->sizes[s];

		size_key(w, s);
		if (what == MESH_I_SWEEP_TRIED)
			mesh_i_jw_uint(w, z->tried);
		else if (what == MESH_I_SWEEP_SPLITTING)
			mesh_i_jw_uint(w, z->hit);
		else
			mesh_i_jw_number(w, z->tried ? 1.0 -
			    (double)z->hit / (double)z->tried : 1.0);
	}
	mesh_i_jw_end(w);
}

void
mesh_i_jw_sweep_worst(struct mesh_i_jw *w, const struct mesh_sweep *sw)
{
	int s;

	mesh_i_jw_object(w, MESH_I_JW_INLINE);
	for (s = 1; s <= sw->k; s++) {
		const struct mesh_sweep_size *z = &sw->sizes[s];

		size_key(w, s);
		if (z->worst == 0) {
			mesh_i_jw_null(w);
			continue;
		}
		mesh_i_jw_object(w, MESH_I_JW_INLINE);
		mesh_i_jw_key(w, mesh_i_sweep_effect(sw));
		mesh_i_jw_uint(w, z->worst);
		mesh_i_jw_key(w, "set");
		mesh_i_jw_strings(w, sw->units->names, z->worst_units,
		    (size_t)s);
		mesh_i_jw_key(w, "group");
		mesh_i_jw_uint(w, z->worst_group);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

/* A note, formatted; out of memory fails the document. */
static void
note(struct mesh_i_jw *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
note(struct mesh_i_jw *w, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = mesh_i_vasprintf(fmt, ap);
	va_end(ap);
	if (s == NULL)
		w->b->failed = 1;
	else
		mesh_i_jw_string(w, s);
	free(s);
}

/* "minimal_cuts", then "minimal_cuts_detail": each minimal set, and its
 * group and effect (with the mesh model, the nodes stranded). */
static void
put_cuts(struct mesh_i_jw *w, const struct mesh_sweep *sw)
{
	size_t i;

	mesh_i_jw_key(w, "minimal_cuts");
	mesh_i_jw_array(w, MESH_I_JW_LINES);
	for (i = 0; i < sw->ncuts; i++)
		mesh_i_jw_strings(w, sw->units->names,
		    sw->set_units + sw->cuts[i].first, sw->cuts[i].size);
	mesh_i_jw_end(w);
	mesh_i_jw_key(w, "minimal_cuts_detail");
	mesh_i_jw_array(w, MESH_I_JW_LINES);
	for (i = 0; i < sw->ncuts; i++) {
		const struct mesh_sweep_cut *cut = &sw->cuts[i];

		mesh_i_jw_object(w, MESH_I_JW_INLINE);
		mesh_i_jw_key(w, "group");
		mesh_i_jw_uint(w, cut->group);
		mesh_i_jw_key(w, mesh_i_sweep_effect(sw));
		mesh_i_jw_uint(w, cut->effect);
		if (sw->model == MESH_SWEEP_MESH) {
			mesh_i_jw_key(w, "nodes");
			mesh_i_jw_names(w, sw->plan, sw->stranded + cut->sfirst,
			    cut->effect);
		}
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
	size_t i;

	mesh_i_buf_init(&b);
	mesh_i_jw_init(&w, &b, MESH_I_JW_FIXED4);
	mesh_i_jw_object(&w, MESH_I_JW_LINES);
	mesh_i_jw_key(&w, "plan");
	mesh_i_jw_string_or_null(&w, p->name);
	mesh_i_jw_key(&w, "file");
	mesh_i_jw_string_or_null(&w, p->file);
	mesh_i_jw_key(&w, "model");
	mesh_i_jw_string(&w, mesh_sweep_model_name(sw->model));
	mesh_i_jw_key(&w, "k");
	mesh_i_jw_int(&w, sw->k);
	mesh_i_jw_key(&w, "k_requested");
	mesh_i_jw_int(&w, sw->k_requested);
	mesh_i_jw_key(&w, "by");
	mesh_i_jw_string_or_null(&w, sw->by);
	mesh_i_jw_key(&w, "units");
	mesh_i_jw_uint(&w, sw->units->n);
	mesh_i_jw_key(&w, "nodes");
	mesh_i_jw_uint(&w, p->nnodes);
	mesh_i_jw_key(&w, "links");
	mesh_i_jw_uint(&w, p->nlinks);
	mesh_i_jw_key(&w, "connected");
	mesh_i_jw_bool(&w, sw->connected);
	mesh_i_jw_key(&w, "components");
	mesh_i_jw_array(&w, MESH_I_JW_LINES);
	for (i = 0; i < sw->ncomponents; i++)
		mesh_i_jw_names(&w, p, sw->comp_nodes + sw->comp_start[i],
		    sw->comp_start[i + 1] - sw->comp_start[i]);
	mesh_i_jw_end(&w);
	mesh_i_jw_key(&w, "tried");
	mesh_i_jw_sweep_sizes(&w, sw, MESH_I_SWEEP_TRIED);
	mesh_i_jw_key(&w, "splitting");
	mesh_i_jw_sweep_sizes(&w, sw, MESH_I_SWEEP_SPLITTING);
	mesh_i_jw_key(&w, "share_connected");
	mesh_i_jw_sweep_sizes(&w, sw, MESH_I_SWEEP_SHARE);
	mesh_i_jw_key(&w, "worst");
	mesh_i_jw_sweep_worst(&w, sw);
	put_cuts(&w, sw);
	mesh_i_jw_key(&w, "notes");
	mesh_i_jw_array(&w, MESH_I_JW_INLINE);
	if (sw->k < sw->k_requested)
		note(&w, "k %d is more than the %zu %s of the largest group: "
		    "sets of up to %d", sw->k_requested, sw->max_units,
		    sw->max_units == 1 ? "unit" : "units", sw->k);
	if (!sw->by_found)
		note(&w, "no node has the label '%s': each host is a domain",
		    sw->by);
	mesh_i_jw_end(&w);
	mesh_i_jw_key(&w, "diagnostics");
	mesh_i_jw_diagnostics(&w, diags);
	mesh_i_jw_end(&w);
	return mesh_i_jw_take(&w);
}
