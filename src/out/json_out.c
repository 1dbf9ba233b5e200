/* json_out.c: the pieces every JSON document shares: names, diagnostics, the plan and file. */
#include "out/json_out.h"

void
mesh_i_jw_names(struct mesh_i_jw *w, const char *key,
    const struct mesh_plan *p, const int *v, size_t n)
{
	size_t i;

	mesh_i_jw_array(w, key, MESH_I_JW_INLINE);
	for (i = 0; i < n; i++)
		mesh_i_jw_string(w, NULL, p->nodes[v[i]].name);
	mesh_i_jw_end(w);
}

void
mesh_i_jw_groups(struct mesh_i_jw *w, const char *key,
    enum mesh_i_jw_layout layout, const struct mesh_plan *p,
    const int *nodes, const size_t *start, size_t n)
{
	size_t g;

	mesh_i_jw_array(w, key, layout);
	for (g = 0; g < n; g++)
		mesh_i_jw_names(w, NULL, p, nodes + start[g],
		    start[g + 1] - start[g]);
	mesh_i_jw_end(w);
}

void
mesh_i_jw_strings(struct mesh_i_jw *w, const char *key, char *const *s,
    const int *idx, size_t n)
{
	size_t i;

	mesh_i_jw_array(w, key, MESH_I_JW_INLINE);
	for (i = 0; i < n; i++)
		mesh_i_jw_string(w, NULL, s[idx != NULL ? (size_t)idx[i] : i]);
	mesh_i_jw_end(w);
}

/* Where diagnostic g points: "file", "line", "column". */
static void
where(struct mesh_i_jw *w, const struct mesh_diag *g)
{
	mesh_i_jw_string_or_null(w, "file", g->file);
	mesh_i_jw_int(w, "line", g->line);
	mesh_i_jw_int(w, "column", g->column);
}

void
mesh_i_jw_diagnostics(struct mesh_i_jw *w, const char *key,
    const struct mesh_diags *d)
{
	size_t i;

	mesh_i_jw_array(w, key, MESH_I_JW_LINES);
	for (i = 0; d != NULL && i < d->n; i++) {
		const struct mesh_diag *g = &d->v[i];

		mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_string(w, "severity",
		    mesh_severity_name(g->severity));
		mesh_i_jw_string(w, "code", g->code);
		mesh_i_jw_string(w, "message", g->message);
		where(w, g);
		mesh_i_jw_string_or_null(w, "node", g->node);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

void
mesh_i_jw_expect(struct mesh_i_jw *w, const char *key,
    const struct mesh_plan *p, const struct mesh_expect *e)
{
	mesh_i_jw_object(w, key, MESH_I_JW_INLINE);
	if (e->has_connected)
		mesh_i_jw_bool(w, "connected", e->connected);
	if (e->has_isolated)
		mesh_i_jw_names(w, "isolated", p, e->isolated, e->nisolated);
	if (e->has_cut_off)
		mesh_i_jw_names(w, "cut_off", p, e->cut_off, e->ncut_off);
	mesh_i_jw_end(w);
}

void
mesh_i_jw_report_begin(struct mesh_i_jw *w, struct mesh_i_buf *b,
    enum mesh_i_jw_number number, const struct mesh_plan *p)
{
	mesh_i_buf_init(b);
	mesh_i_jw_init(w, b, number);
	mesh_i_jw_object(w, NULL, MESH_I_JW_LINES);
	mesh_i_jw_string_or_null(w, "plan", p->name);
	mesh_i_jw_string_or_null(w, "file", p->file);
}

char *
mesh_i_jw_report_end(struct mesh_i_jw *w, const struct mesh_diags *d)
{
	mesh_i_jw_diagnostics(w, "diagnostics", d);
	mesh_i_jw_end(w);
	return mesh_i_jw_take(w);
}
