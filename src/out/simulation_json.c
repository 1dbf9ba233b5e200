/* simulation_json.c: a live-mesh simulation (timeline, what-if runs) as the documented JSON object (docs/json.md). */
#include "meshsim/meshsim.h"
#include "meshsim/mesh.h"
#include "out/json_out.h"
#include "base/util.h"

/* Pairs of nodes v[2i], v[2i+1], a list of pairs on one line. */
static void
pairs(struct mesh_i_jw *w, const char *key, const struct mesh_plan *p,
    const int *v, size_t n)
{
	size_t i;

	mesh_i_jw_array(w, key, MESH_I_JW_INLINE);
	for (i = 0; i < n; i++)
		mesh_i_jw_names(w, NULL, p, v + 2 * i, 2);
	mesh_i_jw_end(w);
}

/* The keys describing snapshot s, as members of an open object. */
static void
snapshot_keys(struct mesh_i_jw *w, const struct mesh_plan *p,
    const struct mesh_snapshot *s)
{
	mesh_i_jw_names(w, "up", p, s->up, s->nup);
	mesh_i_jw_bool(w, "connected", s->connected);
	mesh_i_jw_groups(w, "groups", MESH_I_JW_INLINE, p, s->group_nodes,
	    s->group_start, s->ngroups);
	mesh_i_jw_names(w, "isolated", p, s->isolated, s->nisolated);
	mesh_i_jw_names(w, "cut_off", p, s->cut_off, s->ncut_off);
	pairs(w, "cannot_talk", p, s->apart, s->napart);
	pairs(w, "faults", p, s->faults, s->nfaults);
}

/* "expect" and "ok" of a step or what-if run. */
static void
expect_keys(struct mesh_i_jw *w, const struct mesh_plan *p, int has,
    const struct mesh_expect *e, unsigned failed)
{
	if (has) {
		mesh_i_jw_expect(w, "expect", p, e);
		mesh_i_jw_bool(w, "ok", !failed);
	} else {
		mesh_i_jw_null(w, "expect");
		mesh_i_jw_null(w, "ok");
	}
}

char *
mesh_simulation_json(const struct mesh_simulation *s,
    const struct mesh_diags *diags)
{
	const struct mesh_plan *p = s->plan;
	size_t i;
	struct mesh_i_buf b;
	struct mesh_i_jw w;

	mesh_i_jw_report_begin(&w, &b, MESH_I_JW_G12, p);
	mesh_i_jw_string(&w, "model", "mesh");
	mesh_i_jw_uint(&w, "nodes", p->nnodes);
	mesh_i_jw_object(&w, "initial", MESH_I_JW_LINES);
	snapshot_keys(&w, p, s->initial);
	mesh_i_jw_end(&w);
	mesh_i_jw_array(&w, "steps", MESH_I_JW_LINES);
	for (i = 0; i < p->nsteps; i++) {
		const struct mesh_step *st = &p->steps[i];

		mesh_i_jw_object(&w, NULL, MESH_I_JW_LINES);
		mesh_i_jw_uint(&w, "step", i + 1);
		mesh_i_jw_string(&w, "event", mesh_event_name(st->event));
		mesh_i_jw_names(&w, "nodes", p, st->nodes, st->nnodes);
		snapshot_keys(&w, p, s->steps[i]);
		expect_keys(&w, p, st->has_expect, &st->expect,
		    s->step_failed[i]);
		mesh_i_jw_end(&w);
	}
	mesh_i_jw_end(&w);
	mesh_i_jw_array(&w, "whatif", MESH_I_JW_LINES);
	for (i = 0; i < p->nwhatifs; i++) {
		const struct mesh_whatif *wi = &p->whatifs[i];
		const struct mesh_whatif_result *r = &s->whatifs[i];

		mesh_i_jw_object(&w, NULL, MESH_I_JW_LINES);
		mesh_i_jw_string(&w, "name", wi->name);
		mesh_i_jw_names(&w, "down", p, wi->down, wi->ndown);
		mesh_i_jw_bool(&w, "connected", r->connected);
		mesh_i_jw_names(&w, "isolated", p, r->isolated, r->nisolated);
		mesh_i_jw_names(&w, "cut_off", p, r->cut_off, r->ncut_off);
		expect_keys(&w, p, wi->has_expect, &wi->expect, r->failed);
		mesh_i_jw_end(&w);
	}
	mesh_i_jw_end(&w);
	mesh_i_jw_bool(&w, "ok", s->nfailed == 0);
	return mesh_i_jw_report_end(&w, diags);
}
