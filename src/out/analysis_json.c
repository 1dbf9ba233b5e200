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

/* "restart_hazards": each survivor that strands others, in name order,
 * to whom it strands; then "stranded". */
static void
put_hazards(struct mesh_i_jw *w, const struct mesh_analysis *a,
    const struct hazards *h)
{
	const struct mesh_plan *p = a->plan;
	size_t i;

	mesh_i_jw_key(w, "restart_hazards");
	mesh_i_jw_object(w, MESH_I_JW_LINES);
	for (i = 0; i < a->nnodes; i++) {
		int v = a->by_name[i];
		size_t n = h->first[v + 1] - h->first[v];

		if (n == 0)
			continue;
		mesh_i_jw_key(w, p->nodes[v].name);
		mesh_i_jw_names(w, p, h->strands + h->first[v], n);
	}
	mesh_i_jw_end(w);
	mesh_i_jw_key(w, "stranded");
	mesh_i_jw_names(w, p, h->stranded, h->nstranded);
}

/* "not_clustering": the surviving nodes that do not join the cluster
 * (plan.h, no_cluster), by name; the key only when there is one. */
static void
put_not_clustering(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	const struct mesh_plan *p = a->plan;
	size_t i, k = 0;

	for (i = 0; i < a->nnodes; i++) {
		const struct mesh_node *n = &p->nodes[a->by_name[i]];

		if (!n->no_cluster)
			continue;
		if (k++ == 0) {
			mesh_i_jw_key(w, "not_clustering");
			mesh_i_jw_array(w, MESH_I_JW_INLINE);
		}
		mesh_i_jw_string(w, n->name);
	}
	if (k > 0)
		mesh_i_jw_end(w);
}

/* "single_points_of_failure": each articulation point, what it cuts off
 * and the largest piece left. */
static void
put_cutpoints(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	const struct mesh_plan *p = a->plan;
	size_t i, j;

	mesh_i_jw_key(w, "single_points_of_failure");
	mesh_i_jw_array(w, MESH_I_JW_LINES);
	for (i = 0; i < a->ncutpoints; i++) {
		const struct mesh_cutpoint *cp = &a->cutpoints[i];

		mesh_i_jw_object(w, MESH_I_JW_INLINE);
		mesh_i_jw_key(w, "node");
		mesh_i_jw_string(w, p->nodes[cp->node].name);
		mesh_i_jw_key(w, "stays");
		mesh_i_jw_uint(w, cp->stays);
		mesh_i_jw_key(w, "cuts_off");
		mesh_i_jw_array(w, MESH_I_JW_INLINE);
		for (j = 0; j < cp->ngroups; j++) {
			const struct mesh_group *g = &a->groups[cp->first + j];

			mesh_i_jw_object(w, MESH_I_JW_INLINE);
			mesh_i_jw_key(w, "size");
			mesh_i_jw_uint(w, g->size);
			mesh_i_jw_key(w, "nodes");
			mesh_i_jw_names(w, p, a->group_nodes + g->first,
			    g->nlisted);
			mesh_i_jw_end(w);
		}
		mesh_i_jw_end(w);
		/* The largest piece too: with cuts_off, every piece. */
		mesh_i_jw_key(w, "largest");
		mesh_i_jw_object(w, MESH_I_JW_INLINE);
		mesh_i_jw_key(w, "size");
		mesh_i_jw_uint(w, cp->stays);
		mesh_i_jw_key(w, "nodes");
		mesh_i_jw_names(w, p, a->group_nodes + cp->largest.first,
		    cp->largest.nlisted);
		mesh_i_jw_end(w);
		mesh_i_jw_key(w, "largest_pieces");
		mesh_i_jw_uint(w, cp->nlargest);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

/* "route_storage": how many routes each node stores. */
static void
put_storage(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	const struct mesh_plan *p = a->plan;
	size_t i;

	mesh_i_jw_key(w, "route_storage");
	mesh_i_jw_object(w, MESH_I_JW_INLINE);
	mesh_i_jw_key(w, "total");
	mesh_i_jw_uint(w, a->stored_total);
	mesh_i_jw_key(w, "most");
	mesh_i_jw_string_or_null(w, a->top_storer >= 0 ?
	    p->nodes[a->top_storer].name : NULL);
	mesh_i_jw_key(w, "most_share");
	mesh_i_jw_number(w, a->stored_total ?
	    (double)a->stored[a->top_storer] / (double)a->stored_total : 0.0);
	mesh_i_jw_key(w, "per_node");
	mesh_i_jw_object(w, MESH_I_JW_INLINE);
	for (i = 0; i < a->nnodes; i++) {
		int v = a->by_name[i];

		mesh_i_jw_key(w, p->nodes[v].name);
		mesh_i_jw_uint(w, a->stored[v]);
	}
	mesh_i_jw_end(w);
	mesh_i_jw_end(w);
}

/* The object; with h, the keys of the mesh model too. */
static char *
render(const struct mesh_analysis *a, const struct mesh_diags *diags,
    const struct hazards *h)
{
	const struct mesh_plan *p = a->plan;
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
	mesh_i_jw_key(&w, "nodes");
	mesh_i_jw_uint(&w, a->nnodes);
	mesh_i_jw_key(&w, "links");
	mesh_i_jw_uint(&w, a->nlinks);
	mesh_i_jw_key(&w, "routes");
	mesh_i_jw_uint(&w, a->nroutes);
	mesh_i_jw_key(&w, "routes_linking");
	mesh_i_jw_uint(&w, a->stored_total);
	mesh_i_jw_key(&w, "routes_to_down");
	mesh_i_jw_uint(&w, a->nroutes_to_down);
	mesh_i_jw_key(&w, "routes_of_down");
	mesh_i_jw_uint(&w, a->nroutes_of_down);
	mesh_i_jw_key(&w, "down");
	mesh_i_jw_names(&w, p, a->down, a->ndown);
	put_not_clustering(&w, a);
	mesh_i_jw_key(&w, "connected");
	mesh_i_jw_bool(&w, a->connected);
	mesh_i_jw_key(&w, "components");
	mesh_i_jw_array(&w, MESH_I_JW_LINES);
	for (i = 0; i < a->ncomponents; i++)
		mesh_i_jw_names(&w, p, a->comp_nodes + a->comp_start[i],
		    a->comp_start[i + 1] - a->comp_start[i]);
	mesh_i_jw_end(&w);
	mesh_i_jw_key(&w, "cut_off");
	mesh_i_jw_names(&w, p, a->cut_off, a->ncut_off);
	mesh_i_jw_key(&w, "articulation_points");
	mesh_i_jw_array(&w, MESH_I_JW_INLINE);
	for (i = 0; i < a->ncutpoints; i++)
		mesh_i_jw_string(&w, p->nodes[a->cutpoints[i].node].name);
	mesh_i_jw_end(&w);
	put_cutpoints(&w, a);
	mesh_i_jw_key(&w, "bridges");
	mesh_i_jw_array(&w, MESH_I_JW_INLINE);
	for (i = 0; i < a->nbridges; i++)
		mesh_i_jw_names(&w, p, a->bridges + 2 * i, 2);
	mesh_i_jw_end(&w);
	mesh_i_jw_key(&w, "vertex_connectivity");
	mesh_i_jw_int_or_null(&w, a->vertex_connectivity);
	mesh_i_jw_key(&w, "edge_connectivity");
	mesh_i_jw_int_or_null(&w, a->edge_connectivity);
	mesh_i_jw_key(&w, "connectivity_limit");
	mesh_i_jw_uint(&w, a->connectivity_limit);
	put_storage(&w, a);
	if (h != NULL)
		put_hazards(&w, a, h);
	mesh_i_jw_key(&w, "diagnostics");
	mesh_i_jw_diagnostics(&w, diags);
	mesh_i_jw_end(&w);
	return mesh_i_jw_take(&w);
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
