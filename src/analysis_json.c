/* analysis_json.c: the analysis as the documented JSON object (README, "JSON output"). */
#include <stdlib.h>

#include "meshsim/meshsim.h"
#include "util.h"

static void
name_list(struct mesh_buf *b, const struct mesh_plan *p, const int *v,
    size_t n)
{
	size_t i;

	mesh_buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			mesh_buf_puts(b, ", ");
		mesh_buf_json_string(b, p->nodes[v[i]].name);
	}
	mesh_buf_puts(b, "]");
}

static void
string_or_null(struct mesh_buf *b, const char *s)
{
	if (s != NULL)
		mesh_buf_json_string(b, s);
	else
		mesh_buf_puts(b, "null");
}

static void
int_or_null(struct mesh_buf *b, int v)
{
	if (v >= 0)
		mesh_buf_printf(b, "%d", v);
	else
		mesh_buf_puts(b, "null");
}

static void
put_diagnostics(struct mesh_buf *b, const struct mesh_diags *d)
{
	size_t i;

	mesh_buf_puts(b, "  \"diagnostics\": [");
	for (i = 0; d != NULL && i < d->n; i++) {
		const struct mesh_diag *g = &d->v[i];

		mesh_buf_puts(b, i ? ",\n    {" : "\n    {");
		mesh_buf_printf(b, "\"severity\": \"%s\", \"code\": \"%s\", "
		    "\"message\": ", mesh_severity_name(g->severity), g->code);
		mesh_buf_json_string(b, g->message);
		mesh_buf_puts(b, ", \"file\": ");
		string_or_null(b, g->file);
		mesh_buf_printf(b, ", \"line\": %d, \"column\": %d, "
		    "\"node\": ", g->line, g->column);
		string_or_null(b, g->node);
		mesh_buf_puts(b, "}");
	}
	mesh_buf_puts(b, d != NULL && d->n ? "\n  ]\n" : "]\n");
}

char *
mesh_analysis_json(const struct mesh_analysis *a,
    const struct mesh_diags *diags)
{
	const struct mesh_plan *p = a->plan;
	struct mesh_buf b;
	size_t i, j;

	mesh_buf_init(&b);
	mesh_buf_puts(&b, "{\n  \"plan\": ");
	string_or_null(&b, p->name);
	mesh_buf_puts(&b, ",\n  \"file\": ");
	string_or_null(&b, p->file);
	mesh_buf_printf(&b, ",\n  \"nodes\": %zu,\n  \"links\": %zu,\n"
	    "  \"routes\": %zu,\n  \"down\": ", a->nnodes, a->nlinks,
	    a->nroutes);
	name_list(&b, p, a->down, a->ndown);
	mesh_buf_printf(&b, ",\n  \"connected\": %s,\n  \"components\": [",
	    a->connected ? "true" : "false");
	for (i = 0; i < a->ncomponents; i++) {
		mesh_buf_puts(&b, i ? ",\n    " : "\n    ");
		name_list(&b, p, a->comp_nodes + a->comp_start[i],
		    a->comp_start[i + 1] - a->comp_start[i]);
	}
	mesh_buf_puts(&b, a->ncomponents ? "\n  ],\n  \"cut_off\": " :
	    "],\n  \"cut_off\": ");
	name_list(&b, p, a->cut_off, a->ncut_off);

	mesh_buf_puts(&b, ",\n  \"articulation_points\": [");
	for (i = 0; i < a->ncutpoints; i++) {
		if (i > 0)
			mesh_buf_puts(&b, ", ");
		mesh_buf_json_string(&b, p->nodes[a->cutpoints[i].node].name);
	}
	mesh_buf_puts(&b, "],\n  \"single_points_of_failure\": [");
	for (i = 0; i < a->ncutpoints; i++) {
		const struct mesh_cutpoint *cp = &a->cutpoints[i];

		mesh_buf_puts(&b, i ? ",\n    {\"node\": " :
		    "\n    {\"node\": ");
		mesh_buf_json_string(&b, p->nodes[cp->node].name);
		mesh_buf_printf(&b, ", \"stays\": %zu, \"cuts_off\": [",
		    cp->stays);
		for (j = 0; j < cp->ngroups; j++) {
			const struct mesh_group *g = &a->groups[cp->first + j];

			mesh_buf_printf(&b, "%s{\"size\": %zu, \"nodes\": ",
			    j ? ", " : "", g->size);
			name_list(&b, p, a->group_nodes + g->first,
			    g->nlisted);
			mesh_buf_puts(&b, "}");
		}
		mesh_buf_puts(&b, "]}");
	}
	mesh_buf_puts(&b, a->ncutpoints ? "\n  ],\n  \"bridges\": [" :
	    "],\n  \"bridges\": [");
	for (i = 0; i < a->nbridges; i++) {
		mesh_buf_puts(&b, i ? ", " : "");
		name_list(&b, p, a->bridges + 2 * i, 2);
	}
	mesh_buf_puts(&b, "],\n  \"vertex_connectivity\": ");
	int_or_null(&b, a->vertex_connectivity);
	mesh_buf_puts(&b, ",\n  \"edge_connectivity\": ");
	int_or_null(&b, a->edge_connectivity);
	mesh_buf_printf(&b, ",\n  \"connectivity_limit\": %zu,\n"
	    "  \"route_storage\": {\"total\": %zu, \"most\": ",
	    a->connectivity_limit, a->stored_total);
	string_or_null(&b, a->top_storer >= 0 ?
	    p->nodes[a->top_storer].name : NULL);
	mesh_buf_printf(&b, ", \"most_share\": %.4f, \"per_node\": {",
	    a->stored_total ? (double)a->stored[a->top_storer] /
	    (double)a->stored_total : 0.0);
	for (i = 0; i < a->nnodes; i++) {
		int v = a->by_name[i];

		mesh_buf_puts(&b, i ? ", " : "");
		mesh_buf_json_string(&b, p->nodes[v].name);
		mesh_buf_printf(&b, ": %zu", a->stored[v]);
	}
	mesh_buf_puts(&b, "}},\n");
	put_diagnostics(&b, diags);
	mesh_buf_puts(&b, "}\n");
	return mesh_buf_take(&b);
}
