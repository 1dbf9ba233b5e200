/* analysis_json.c: the analysis as the documented JSON object (docs/json.md). */
#include <stdlib.h>

#include "meshsim/meshsim.h"
#include "meshsim/mesh.h"
#include "out/json_out.h"
#include "base/util.h"

/* Restart hazards (hazards.h) for the JSON of the mesh model. */
struct hazards {
	size_t *first;          /* per plan node, as mesh_restart_hazards() */
	int *strands;
	int *stranded;          /* as mesh_stranded() */
	size_t nstranded;
};

static void
int_or_null(struct mesh_i_buf *b, int v)
{
	if (v >= 0)
		mesh_i_buf_printf(b, "%d", v);
	else
		mesh_i_buf_puts(b, "null");
}

/* "restart_hazards": each survivor that strands others, in name order,
 * to whom it strands; then "stranded". */
static void
put_hazards(struct mesh_i_buf *b, const struct mesh_analysis *a,
    const struct hazards *h)
{
	const struct mesh_plan *p = a->plan;
	size_t i, k = 0;

	mesh_i_buf_puts(b, "  \"restart_hazards\": {");
	for (i = 0; i < a->nnodes; i++) {
		int v = a->by_name[i];
		size_t n = h->first[v + 1] - h->first[v];

		if (n == 0)
			continue;
		mesh_i_buf_puts(b, k++ ? ",\n    " : "\n    ");
		mesh_i_buf_json_string(b, p->nodes[v].name);
		mesh_i_buf_puts(b, ": ");
		mesh_i_json_names(b, p, h->strands + h->first[v], n);
	}
	mesh_i_buf_puts(b, k ? "\n  },\n  \"stranded\": " :
	    "},\n  \"stranded\": ");
	mesh_i_json_names(b, p, h->stranded, h->nstranded);
	mesh_i_buf_puts(b, ",\n");
}

/* "not_clustering": the surviving nodes that do not join the cluster
 * (plan.h, no_cluster), by name; the key only when there is one. */
static void
put_not_clustering(struct mesh_i_buf *b, const struct mesh_analysis *a)
{
	const struct mesh_plan *p = a->plan;
	size_t i, k = 0;

	for (i = 0; i < a->nnodes; i++) {
		const struct mesh_node *n = &p->nodes[a->by_name[i]];

		if (!n->no_cluster)
			continue;
		mesh_i_buf_puts(b, k++ ? ", " : ",\n  \"not_clustering\": [");
		mesh_i_buf_json_string(b, n->name);
	}
	if (k > 0)
		mesh_i_buf_puts(b, "]");
}

/* The object; with h, the keys of the mesh model too. */
static char *
render(const struct mesh_analysis *a, const struct mesh_diags *diags,
    const struct hazards *h)
{
	const struct mesh_plan *p = a->plan;
	struct mesh_i_buf b;
	size_t i, j;

	mesh_i_buf_init(&b);
	mesh_i_buf_puts(&b, "{\n  \"plan\": ");
	mesh_i_json_string_or_null(&b, p->name);
	mesh_i_buf_puts(&b, ",\n  \"file\": ");
	mesh_i_json_string_or_null(&b, p->file);
	mesh_i_buf_printf(&b, ",\n  \"nodes\": %zu,\n  \"links\": %zu,\n"
	    "  \"routes\": %zu,\n  \"routes_linking\": %zu,\n"
	    "  \"routes_to_down\": %zu,\n  \"routes_of_down\": %zu,\n"
	    "  \"down\": ", a->nnodes, a->nlinks, a->nroutes,
	    a->stored_total, a->nroutes_to_down, a->nroutes_of_down);
	mesh_i_json_names(&b, p, a->down, a->ndown);
	put_not_clustering(&b, a);
	mesh_i_buf_printf(&b, ",\n  \"connected\": %s,\n  \"components\": [",
	    a->connected ? "true" : "false");
	for (i = 0; i < a->ncomponents; i++) {
		mesh_i_buf_puts(&b, i ? ",\n    " : "\n    ");
		mesh_i_json_names(&b, p, a->comp_nodes + a->comp_start[i],
		    a->comp_start[i + 1] - a->comp_start[i]);
	}
	mesh_i_buf_puts(&b, a->ncomponents ? "\n  ],\n  \"cut_off\": " :
	    "],\n  \"cut_off\": ");
	mesh_i_json_names(&b, p, a->cut_off, a->ncut_off);

	mesh_i_buf_puts(&b, ",\n  \"articulation_points\": [");
	for (i = 0; i < a->ncutpoints; i++) {
		if (i > 0)
			mesh_i_buf_puts(&b, ", ");
		mesh_i_buf_json_string(&b, p->nodes[a->cutpoints[i].node].name);
	}
	mesh_i_buf_puts(&b, "],\n  \"single_points_of_failure\": [");
	for (i = 0; i < a->ncutpoints; i++) {
		const struct mesh_cutpoint *cp = &a->cutpoints[i];

		mesh_i_buf_puts(&b, i ? ",\n    {\"node\": " :
		    "\n    {\"node\": ");
		mesh_i_buf_json_string(&b, p->nodes[cp->node].name);
		mesh_i_buf_printf(&b, ", \"stays\": %zu, \"cuts_off\": [",
		    cp->stays);
		for (j = 0; j < cp->ngroups; j++) {
			const struct mesh_group *g = &a->groups[cp->first + j];

			mesh_i_buf_printf(&b, "%s{\"size\": %zu, \"nodes\": ",
			    j ? ", " : "", g->size);
			mesh_i_json_names(&b, p, a->group_nodes + g->first,
			    g->nlisted);
			mesh_i_buf_puts(&b, "}");
		}
		/* The largest piece too: with cuts_off, every piece. */
		mesh_i_buf_printf(&b, "], \"largest\": {\"size\": %zu, "
		    "\"nodes\": ", cp->stays);
		mesh_i_json_names(&b, p, a->group_nodes + cp->largest.first,
		    cp->largest.nlisted);
		mesh_i_buf_printf(&b, "}, \"largest_pieces\": %zu}",
		    cp->nlargest);
	}
	mesh_i_buf_puts(&b, a->ncutpoints ? "\n  ],\n  \"bridges\": [" :
	    "],\n  \"bridges\": [");
	for (i = 0; i < a->nbridges; i++) {
		mesh_i_buf_puts(&b, i ? ", " : "");
		mesh_i_json_names(&b, p, a->bridges + 2 * i, 2);
	}
	mesh_i_buf_puts(&b, "],\n  \"vertex_connectivity\": ");
	int_or_null(&b, a->vertex_connectivity);
	mesh_i_buf_puts(&b, ",\n  \"edge_connectivity\": ");
	int_or_null(&b, a->edge_connectivity);
	mesh_i_buf_printf(&b, ",\n  \"connectivity_limit\": %zu,\n"
	    "  \"route_storage\": {\"total\": %zu, \"most\": ",
	    a->connectivity_limit, a->stored_total);
	mesh_i_json_string_or_null(&b, a->top_storer >= 0 ?
	    p->nodes[a->top_storer].name : NULL);
	mesh_i_buf_printf(&b, ", \"most_share\": %.4f, \"per_node\": {",
	    a->stored_total ? (double)a->stored[a->top_storer] /
	    (double)a->stored_total : 0.0);
	for (i = 0; i < a->nnodes; i++) {
		int v = a->by_name[i];

		mesh_i_buf_puts(&b, i ? ", " : "");
		mesh_i_buf_json_string(&b, p->nodes[v].name);
		mesh_i_buf_printf(&b, ": %zu", a->stored[v]);
	}
	mesh_i_buf_puts(&b, "}},\n");
	if (h != NULL)
		put_hazards(&b, a, h);
	mesh_i_json_diagnostics(&b, diags);
	mesh_i_buf_puts(&b, "}\n");
	return mesh_i_buf_take(&b);
}

char *
mesh_analysis_json(const struct mesh_analysis *a,
    const struct mesh_diags *diags)
{
	return render(a, diags, NULL);
}

char *
mesh_analysis_json_hazards(const struct mesh_analysis *a,
    const struct mesh_diags *diags)
{
	struct hazards h = { NULL, NULL, NULL, 0 };
	char *json = NULL;

	if (mesh_restart_hazards(a->plan, a->is_down, &h.first,
	    &h.strands) == MESH_OK &&
	    mesh_stranded(a->plan, a->is_down, &h.stranded,
	    &h.nstranded) == MESH_OK)
		json = render(a, diags, &h);
	free(h.first);
	free(h.strands);
	free(h.stranded);
	return json;
}
