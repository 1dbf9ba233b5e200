/* diff_json.c: what changed between two plans as the documented JSON object (docs/diff.md). */
#include "meshsim/meshsim.h"
#include "meshsim/diff.h"
#include "out/json_out.h"
#include "base/util.h"

/* "key": the list l on one line. */
static void
list(struct mesh_i_jw *w, const char *key, const struct mesh_diff_list *l)
{
	mesh_i_jw_strings(w, key, l->v, NULL, l->n);
}

/* "key": {"file": ..., "name": ..., "nodes": ..., ...}: plan p. */
static void
plan(struct mesh_i_jw *w, const char *key, const struct mesh_plan *p,
    const struct mesh_diff_side *s)
{
	mesh_i_jw_object(w, key, MESH_I_JW_INLINE);
	mesh_i_jw_string_or_null(w, "file", p->file);
	mesh_i_jw_string_or_null(w, "name", p->name);
	mesh_i_jw_uint(w, "nodes", s->nnodes);
	mesh_i_jw_uint(w, "links", s->nlinks);
	mesh_i_jw_uint(w, "routes", s->nroutes);
	mesh_i_jw_end(w);
}

/* "key": {"old": a, "new": b}, connectivities (null when skipped). */
static void
conn(struct mesh_i_jw *w, const char *key, int a, int b)
{
	mesh_i_jw_object(w, key, MESH_I_JW_INLINE);
	mesh_i_jw_count(w, "old", a);
	mesh_i_jw_count(w, "new", b);
	mesh_i_jw_end(w);
}

/* The sweep of side s, by size; null when it was skipped. */
static void
sweep(struct mesh_i_jw *w, const char *key, const struct mesh_diff_side *s)
{
	int k;

	if (s->sweep_k == 0 && s->nnodes > 0) {
		mesh_i_jw_null(w, key);
		return;
	}
	mesh_i_jw_array(w, key, MESH_I_JW_INLINE);
	for (k = 1; k <= s->sweep_k; k++) {
		mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_int(w, "size", k);
		mesh_i_jw_uint(w, "tried", s->sweep_tried[k]);
		mesh_i_jw_uint(w, "splitting", s->sweep_splitting[k]);
		mesh_i_jw_uint(w, "minimal_cuts", s->sweep_minimal[k]);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

/* An exact availability, or null when not computed. */
static void
exact(struct mesh_i_jw *w, const char *key, const struct mesh_diff_side *s)
{
	if (s->has_exact)
		mesh_i_jw_number(w, key, s->availability_exact);
	else
		mesh_i_jw_null(w, key);
}

char *
mesh_diff_json(const struct mesh_diff *d, const struct mesh_plan *old,
    const struct mesh_plan *new, const struct mesh_diags *dold,
    const struct mesh_diags *dnew)
{
	const struct mesh_diff_side *o = &d->side[0], *n = &d->side[1];
	struct mesh_i_buf b;
	struct mesh_i_jw w;

	mesh_i_buf_init(&b);
	mesh_i_jw_init(&w, &b, MESH_I_JW_G12);
	mesh_i_jw_object(&w, NULL, MESH_I_JW_LINES);
	plan(&w, "old", old, o);
	plan(&w, "new", new, n);
	mesh_i_jw_string(&w, "verdict", mesh_diff_verdict_name(d->verdict));
	list(&w, "worse_because", &d->worse_because);
	list(&w, "better_because", &d->better_because);
	list(&w, "nodes_added", &d->nodes_added);
	list(&w, "nodes_removed", &d->nodes_removed);
	list(&w, "routes_added", &d->routes_added);
	list(&w, "routes_removed", &d->routes_removed);
	list(&w, "links_added", &d->links_added);
	list(&w, "links_removed", &d->links_removed);
	list(&w, "articulation_points_introduced",
	    &d->articulation_introduced);
	list(&w, "articulation_points_removed", &d->articulation_removed);
	list(&w, "bridges_introduced", &d->bridges_introduced);
	list(&w, "bridges_removed", &d->bridges_removed);
	mesh_i_jw_object(&w, "connected", MESH_I_JW_INLINE);
	mesh_i_jw_bool(&w, "old", o->connected);
	mesh_i_jw_bool(&w, "new", n->connected);
	mesh_i_jw_end(&w);
	mesh_i_jw_object(&w, "components", MESH_I_JW_INLINE);
	mesh_i_jw_uint(&w, "old", o->ncomponents);
	mesh_i_jw_uint(&w, "new", n->ncomponents);
	mesh_i_jw_end(&w);
	conn(&w, "vertex_connectivity", o->vertex_connectivity,
	    n->vertex_connectivity);
	conn(&w, "edge_connectivity", o->edge_connectivity,
	    n->edge_connectivity);
	mesh_i_jw_object(&w, "sweep", MESH_I_JW_INLINE);
	mesh_i_jw_int(&w, "k", MESH_DIFF_SWEEP_K);
	sweep(&w, "old", o);
	sweep(&w, "new", n);
	mesh_i_jw_end(&w);
	mesh_i_jw_object(&w, "availability", MESH_I_JW_INLINE);
	mesh_i_jw_number(&w, "node_availability", d->node_availability);
	mesh_i_jw_uint(&w, "trials", d->trials);
	mesh_i_jw_uint(&w, "seed", d->seed);
	mesh_i_jw_number(&w, "old", o->availability);
	mesh_i_jw_number(&w, "new", n->availability);
	exact(&w, "exact_old", o);
	exact(&w, "exact_new", n);
	mesh_i_jw_end(&w);
	mesh_i_jw_object(&w, "diagnostics", MESH_I_JW_LINES);
	mesh_i_jw_diagnostics(&w, "old", dold);
	mesh_i_jw_diagnostics(&w, "new", dnew);
	mesh_i_jw_end(&w);
	mesh_i_jw_end(&w);
	return mesh_i_jw_take(&w);
}
