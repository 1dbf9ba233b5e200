/* simulation_json.c: a live-mesh simulation (timeline, what-if runs) as the documented JSON object (docs/json.md). */
#include "meshsim/meshsim.h"
#include "meshsim/mesh.h"
#include "out/json_out.h"
#include "base/util.h"

/* Pairs of nodes v[2i], v[2i+1], a list of pairs on one line. */
static void
pairs(struct mesh_i_jw *w, const struct mesh_plan *p, const int *v, size_t n)
{
	size_t i;

	mesh_i_jw_array(w, MESH_I_JW_INLINE);
	for (i = 0; i < n; i++)
		mesh_i_jw_names(w, p, v + 2 * i, 2);
	mesh_i_jw_end(w);
}

/* The keys describing snapshot s, as members of an open object. */
static void
snapshot_keys(struct mesh_i_jw *w, const struct mesh_plan *p,
    const struct mesh_snapshot *s)
{
	size_t g;

	mesh_i_jw_key(w, "up");
	mesh_i_jw_names(w, p, s->up, s->nup);
	mesh_i_jw_key(w, "connected");
	mesh_i_jw_bool(w, s->connected);
	mesh_i_jw_key(w, "groups");
	mesh_i_jw_array(w, MESH_I_JW_INLINE);
	for (g = 0; g < s->ngroups; g++)
		mesh_i_jw_names(w, p, s->group_nodes + s->group_start[g],
		    s->group_start[g + 1] - s->group_start[g]);
	mesh_i_jw_end(w);
	mesh_i_jw_key(w, "isolated");
	mesh_i_jw_names(w, p, s->isolated, s->nisolated);
	mesh_i_jw_key(w, "cut_off");
	mesh_i_jw_names(w, p, s->cut_off, s->ncut_off);
	mesh_i_jw_key(w, "cannot_talk");
	pairs(w, p, s->apart, s->napart);
	mesh_i_jw_key(w, "faults");
	pairs(w, p, s->faults, s->nfaults);
}

/* "expect" and "ok" of a step or what-if run. */
static void
expect_keys(struct mesh_i_jw *w, const struct mesh_plan *p, int has,
    const struct mesh_expect *e, unsigned failed)
{
	mesh_i_jw_key(w, "expect");
	if (has)
		mesh_i_jw_expect(w, p, e);
	else
		mesh_i_jw_null(w);
	mesh_i_jw_key(w, "ok");
	if (has)
		mesh_i_jw_bool(w, !failed);
	else
		mesh_i_jw_null(w);
}

char *
mesh_simulation_json(const struct mesh_simulation *s,
    const struct mesh_diags *diags)
{
	const struct mesh_plan *p = s->plan;
	struct mesh_i_buf b;
	struct mesh_i_jw w;
	size_t i;

	mesh_i_buf_init(&b);
	mesh_i_jw_init(&w, &b, MESH_I_JW_G12);
	mesh_i_jw_object(&w, MESH_I_JW_LINES);
	mesh_i_jw_key(&w, "plan");
	mesh_i_jw_string_or_null(&w, p->name);
	mesh_i_jw_key(&w, "file");
	mesh_i_jw_string_or_null(&w, p->file);
	mesh_i_jw_key(&w, "model");
	mesh_i_jw_string(&w, "mesh");
	mesh_i_jw_key(&w, "nodes");
	mesh_i_jw_uint(&w, p->nnodes);
	mesh_i_jw_key(&w, "initial");
	mesh_i_jw_object(&w, MESH_I_JW_LINES);
	snapshot_keys(&w, p, s->initial);
	mesh_i_jw_end(&w);
	mesh_i_jw_key(&w, "steps");
	mesh_i_jw_array(&w, MESH_I_JW_LINES);
	for (i = 0; i < p->nsteps; i++) {
		const struct mesh_step *st = &p->steps[i];

		mesh_i_jw_object(&w, MESH_I_JW_LINES);
		mesh_i_jw_key(&w, "step");
		mesh_i_jw_uint(&w, i + 1);
		mesh_i_jw_key(&w, "event");
		mesh_i_jw_string(&w, mesh_event_name(st->event));
		mesh_i_jw_key(&w, "nodes");
		mesh_i_jw_names(&w, p, st->nodes, st->nnodes);
		snapshot_keys(&w, p, s->steps[i]);
		expect_keys(&w, p, st->has_expect, &st->expect,
		    s->step_failed[i]);
		mesh_i_jw_end(&w);
	}
	mesh_i_jw_end(&w);
	mesh_i_jw_key(&w, "whatif");
	mesh_i_jw_array(&w, MESH_I_JW_LINES);
	for (i = 0; i < p->nwhatifs; i++) {
		const struct mesh_whatif *wi = &p->whatifs[i];
		const struct mesh_whatif_result *r = &s->whatifs[i];

		mesh_i_jw_object(&w, MESH_I_JW_LINES);
		mesh_i_jw_key(&w, "name");
		mesh_i_jw_string(&w, wi->name);
		mesh_i_jw_key(&w, "down");
		mesh_i_jw_names(&w, p, wi->down, wi->ndown);
		mesh_i_jw_key(&w, "connected");
		mesh_i_jw_bool(&w, r->connected);
		mesh_i_jw_key(&w, "isolated");
		mesh_i_jw_names(&w, p, r->isolated, r->nisolated);
		mesh_i_jw_key(&w, "cut_off");
		mesh_i_jw_names(&w, p, r->cut_off, r->ncut_off);
		expect_keys(&w, p, wi->has_expect, &wi->expect, r->failed);
		mesh_i_jw_end(&w);
	}
	mesh_i_jw_end(&w);
	mesh_i_jw_key(&w, "ok");
	mesh_i_jw_bool(&w, s->nfailed == 0);
	mesh_i_jw_key(&w, "diagnostics");
	mesh_i_jw_diagnostics(&w, diags);
	mesh_i_jw_end(&w);
	return mesh_i_jw_take(&w);
}
