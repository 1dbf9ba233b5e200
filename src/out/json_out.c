/* json_out.c: the pieces every JSON document shares: names, nulls, diagnostics. */
#include "out/json_out.h"

void
mesh_i_jw_names(struct mesh_i_jw *w, const struct mesh_plan *p, const int *v,
    size_t n)
{
	size_t i;

	mesh_i_jw_array(w, MESH_I_JW_INLINE);
	for (i = 0; i < n; i++)
		mesh_i_jw_string(w, p->nodes[v[i]].name);
	mesh_i_jw_end(w);
}

void
mesh_i_jw_strings(struct mesh_i_jw *w, char *const *s, const int *idx,
    size_t n)
{
	size_t i;

	mesh_i_jw_array(w, MESH_I_JW_INLINE);
	for (i = 0; i < n; i++)
		mesh_i_jw_string(w, s[idx != NULL ? (size_t)idx[i] : i]);
	mesh_i_jw_end(w);
}

void
mesh_i_jw_diagnostics(struct mesh_i_jw *w, const struct mesh_diags *d)
{
	size_t i;

	mesh_i_jw_array(w, MESH_I_JW_LINES);
	for (i = 0; d != NULL && i < d->n; i++) {
		const struct mesh_diag *g = &d->v[i];

		mesh_i_jw_object(w, MESH_I_JW_INLINE);
		mesh_i_jw_key(w, "severity");
		mesh_i_jw_string(w, mesh_severity_name(g->severity));
		mesh_i_jw_key(w, "code");
		mesh_i_jw_string(w, g->code);
		mesh_i_jw_key(w, "message");
		mesh_i_jw_string(w, g->message);
		mesh_i_jw_key(w, "file");
		mesh_i_jw_string_or_null(w, g->file);
		mesh_i_jw_key(w, "line");
		mesh_i_jw_int(w, g->line);
		mesh_i_jw_key(w, "column");
		mesh_i_jw_int(w, g->column);
		mesh_i_jw_key(w, "node");
		mesh_i_jw_string_or_null(w, g->node);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

void
mesh_i_jw_expect(struct mesh_i_jw *w, const struct mesh_plan *p,
    const struct mesh_expect *e)
{
	mesh_i_jw_object(w, MESH_I_JW_INLINE);
	if (e->has_connected) {
		mesh_i_jw_key(w, "connected");
		mesh_i_jw_bool(w, e->connected);
	}
	if (e->has_isolated) {
		mesh_i_jw_key(w, "isolated");
		mesh_i_jw_names(w, p, e->isolated, e->nisolated);
	}
	if (e->has_cut_off) {
		mesh_i_jw_key(w, "cut_off");
		mesh_i_jw_names(w, p, e->cut_off, e->ncut_off);
	}
	mesh_i_jw_end(w);
}

void
mesh_i_json_names(struct mesh_i_buf *b, const struct mesh_plan *p, const int *v,
    size_t n)
{
	struct mesh_i_jw w;

	mesh_i_jw_init(&w, b, MESH_I_JW_G12);
	mesh_i_jw_names(&w, p, v, n);
}

void
mesh_i_json_string_or_null(struct mesh_i_buf *b, const char *s)
{
	struct mesh_i_jw w;

	mesh_i_jw_init(&w, b, MESH_I_JW_G12);
	mesh_i_jw_string_or_null(&w, s);
}

void
mesh_i_json_diagnostics(struct mesh_i_buf *b, const struct mesh_diags *d)
{
	struct mesh_i_jw w;

	mesh_i_buf_puts(b, "  \"diagnostics\": ");
	mesh_i_jw_init(&w, b, MESH_I_JW_G12);
	mesh_i_jw_inside(&w, 1);
	mesh_i_jw_diagnostics(&w, d);
	mesh_i_buf_puts(b, "\n");
}

void
mesh_i_json_expect(struct mesh_i_buf *b, const struct mesh_plan *p,
    const struct mesh_expect *e)
{
	struct mesh_i_jw w;

	mesh_i_jw_init(&w, b, MESH_I_JW_G12);
	mesh_i_jw_expect(&w, p, e);
}
