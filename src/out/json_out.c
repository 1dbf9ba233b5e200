/* json_out.c: the pieces every JSON report shares: names, nulls, diagnostics. */
#include "out/json_out.h"

void
mesh_i_json_names(struct mesh_i_buf *b, const struct mesh_plan *p, const int *v,
    size_t n)
{
	size_t i;

	mesh_i_buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			mesh_i_buf_puts(b, ", ");
		mesh_i_buf_json_string(b, p->nodes[v[i]].name);
	}
	mesh_i_buf_puts(b, "]");
}

void
mesh_i_json_string_or_null(struct mesh_i_buf *b, const char *s)
{
	if (s != NULL)
		mesh_i_buf_json_string(b, s);
	else
		mesh_i_buf_puts(b, "null");
}

void
mesh_i_json_diagnostics(struct mesh_i_buf *b, const struct mesh_diags *d)
{
	size_t i;

	mesh_i_buf_puts(b, "  \"diagnostics\": [");
	for (i = 0; d != NULL && i < d->n; i++) {
		const struct mesh_diag *g = &d->v[i];

		mesh_i_buf_puts(b, i ? ",\n    {" : "\n    {");
		mesh_i_buf_printf(b, "\"severity\": \"%s\", \"code\": \"%s\", "
		    "\"message\": ", mesh_severity_name(g->severity), g->code);
		mesh_i_buf_json_string(b, g->message);
		mesh_i_buf_puts(b, ", \"file\": ");
		mesh_i_json_string_or_null(b, g->file);
		mesh_i_buf_printf(b, ", \"line\": %d, \"column\": %d, "
		    "\"node\": ", g->line, g->column);
		mesh_i_json_string_or_null(b, g->node);
		mesh_i_buf_puts(b, "}");
	}
	mesh_i_buf_puts(b, d != NULL && d->n ? "\n  ]\n" : "]\n");
}

void
mesh_i_json_expect(struct mesh_i_buf *b, const struct mesh_plan *p,
    const struct mesh_expect *e)
{
	const char *sep = "";

	mesh_i_buf_puts(b, "{");
	if (e->has_connected) {
		mesh_i_buf_printf(b, "\"connected\": %s",
		    e->connected ? "true" : "false");
		sep = ", ";
	}
	if (e->has_isolated) {
		mesh_i_buf_printf(b, "%s\"isolated\": ", sep);
		mesh_i_json_names(b, p, e->isolated, e->nisolated);
		sep = ", ";
	}
	if (e->has_cut_off) {
		mesh_i_buf_printf(b, "%s\"cut_off\": ", sep);
		mesh_i_json_names(b, p, e->cut_off, e->ncut_off);
	}
	mesh_i_buf_puts(b, "}");
}
