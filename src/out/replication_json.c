/* replication_json.c: `check --model replication`'s JSON (docs/json.md). */
#include <stdlib.h>

#include "meshsim/meshsim.h"
#include "meshsim/replication.h"
#include "out/analysis_json.h"
#include "out/json_out.h"
#include "base/util.h"

/* The verdict text (mesh_replication_*_text()) under "verdict"; a NULL
 * text (out of memory) marks w's buffer failed. The text is freed. */
static void
put_verdict(struct mesh_i_jw *w, char *t)
{
	if (t == NULL)
		w->b->failed = 1;       /* mesh_i_jw_take() gives NULL */
	mesh_i_jw_string(w, "verdict", t != NULL ? t : "");
	free(t);
}

/* The "replication" object: "running" and "joining", each on a line. */
static void
put_replication(struct mesh_i_jw *w, const struct mesh_replication *r)
{
	const struct mesh_plan *p = r->plan;
	size_t i;

	mesh_i_jw_object(w, "replication", MESH_I_JW_LINES);
	mesh_i_jw_object(w, "running", MESH_I_JW_INLINE);
	mesh_i_jw_bool(w, "ok", mesh_replication_running_ok(r));
	put_verdict(w, mesh_replication_running_text(r));
	mesh_i_jw_groups(w, "clusters", MESH_I_JW_INLINE, p, r->cluster_nodes,
	    r->cluster_start, r->nclusters);
	mesh_i_jw_end(w);
	mesh_i_jw_object(w, "joining", MESH_I_JW_INLINE);
	mesh_i_jw_bool(w, "ok", mesh_replication_joining_ok(r));
	put_verdict(w, mesh_replication_joining_text(r));
	mesh_i_jw_names(w, "cannot_join", p, r->cannot_join, r->ncannot_join);
	mesh_i_jw_wrap(w);
	mesh_i_jw_array(w, "dependencies", MESH_I_JW_LINES);
	for (i = 0; i < r->ndeps; i++) {
		const struct mesh_repl_dependency *d = &r->deps[i];

		mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_string(w, "node", p->nodes[d->node].name);
		mesh_i_jw_uint(w, "size", d->size);
		mesh_i_jw_names(w, "cannot_join", p, r->names + d->first,
		    d->nlisted);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
	mesh_i_jw_end(w);
	mesh_i_jw_end(w);
}

char *
mesh_replication_json(const struct mesh_analysis *a,
    const struct mesh_replication *r, const struct mesh_diags *diags)
{
	struct mesh_i_buf b;
	struct mesh_i_jw w;

	mesh_i_jw_report_begin(&w, &b, MESH_I_JW_FIXED4, a->plan);
	mesh_i_jw_string(&w, "model", "replication");
	mesh_i_jw_analysis(&w, a);
	put_replication(&w, r);
	return mesh_i_jw_report_end(&w, diags);
}
