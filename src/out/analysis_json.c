/* analysis_json.c: the analysis as the documented JSON object (docs/json.md). */
#include <stdlib.h>

#include "meshsim/meshsim.h"
#include "meshsim/mesh.h"
#include "out/analysis_json.h"
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

	mesh_i_jw_object(w, "restart_hazards", MESH_I_JW_LINES);
	for (i = 0; i < a->nnodes; i++) {
		int v = a->by_name[i];
		size_t n = h->first[v + 1] - h->first[v];

		if (n == 0)
			continue;
		mesh_i_jw_names(w, p->nodes[v].name, p, h->strands +
		    h->first[v], n);
	}
	mesh_i_jw_end(w);
	mesh_i_jw_names(w, "stranded", p, h->stranded, h->nstranded);
}

/* "not_clustering": the surviving nodes that do not join the cluster
 * (plan.h, no_cluster), by name; the key only when there is one. */
static void
put_not_clustering(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	size_t at = 0;
	int v;

	if ((v = mesh_analysis_next_not_clustering(a, &at)) < 0)
		return;
	mesh_i_jw_array(w, "not_clustering", MESH_I_JW_INLINE);
	for (; v >= 0; v = mesh_analysis_next_not_clustering(a, &at))
		mesh_i_jw_string(w, NULL, a->plan->nodes[v].name);
	mesh_i_jw_end(w);
}

/* A piece of the plan left by a failure: {"size": size, "nodes": [the
 * names listed of g]}. */
static void
piece(struct mesh_i_jw *w, const char *key, const struct mesh_analysis *a,
    size_t size, const struct mesh_group *g)
{
	mesh_i_jw_object(w, key, MESH_I_JW_INLINE);
	mesh_i_jw_uint(w, "size", size);
	mesh_i_jw_names(w, "nodes", a->plan, a->group_nodes + g->first,
	    g->nlisted);
	mesh_i_jw_end(w);
}

/* "single_points_of_failure": each articulation point, what it cuts off
 * and the largest piece left. */
static void
put_cutpoints(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	const struct mesh_plan *p = a->plan;
	size_t i, j;

	mesh_i_jw_array(w, "single_points_of_failure", MESH_I_JW_LINES);
	for (i = 0; i < a->ncutpoints; i++) {
		const struct mesh_cutpoint *cp = &a->cutpoints[i];

		mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_string(w, "node", p->nodes[cp->node].name);
		mesh_i_jw_uint(w, "stays", cp->stays);
		mesh_i_jw_array(w, "cuts_off", MESH_I_JW_INLINE);
		for (j = 0; j < cp->ngroups; j++)
			piece(w, NULL, a, a->groups[cp->first + j].size,
			    &a->groups[cp->first + j]);
		mesh_i_jw_end(w);
		/* The largest piece too: with cuts_off, every piece. */
		piece(w, "largest", a, cp->stays, &cp->largest);
		mesh_i_jw_uint(w, "largest_pieces", cp->nlargest);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

/* a's articulation points, an array of names on one line. */
static void
put_articulation_points(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	size_t i;

	mesh_i_jw_array(w, "articulation_points", MESH_I_JW_INLINE);
	for (i = 0; i < a->ncutpoints; i++)
		mesh_i_jw_string(w, NULL,
		    a->plan->nodes[a->cutpoints[i].node].name);
	mesh_i_jw_end(w);
}

/* a's bridges, an array of pairs of names on one line. */
static void
put_bridges(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	size_t i;

	mesh_i_jw_array(w, "bridges", MESH_I_JW_INLINE);
	for (i = 0; i < a->nbridges; i++)
		mesh_i_jw_names(w, NULL, a->plan, a->bridges + 2 * i, 2);
	mesh_i_jw_end(w);
}

void
mesh_i_jw_cuts(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	put_articulation_points(w, a);
	put_bridges(w, a);
}

/* "route_storage": how many routes each node stores. */
static void
put_storage(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	const struct mesh_plan *p = a->plan;
	size_t i;

	mesh_i_jw_object(w, "route_storage", MESH_I_JW_INLINE);
	mesh_i_jw_uint(w, "total", a->stored_total);
	mesh_i_jw_string_or_null(w, "most", a->top_storer >= 0 ?
	    p->nodes[a->top_storer].name : NULL);
	mesh_i_jw_number(w, "most_share", a->stored_total ?
	    (double)a->stored[a->top_storer] / (double)a->stored_total : 0.0);
	mesh_i_jw_object(w, "per_node", MESH_I_JW_INLINE);
	for (i = 0; i < a->nnodes; i++)
		mesh_i_jw_uint(w, p->nodes[a->by_name[i]].name,
		    a->stored[a->by_name[i]]);
	mesh_i_jw_end(w);
	mesh_i_jw_end(w);
}

void
mesh_i_jw_analysis(struct mesh_i_jw *w, const struct mesh_analysis *a)
{
	const struct mesh_plan *p = a->plan;

	mesh_i_jw_uint(w, "nodes", a->nnodes);
	mesh_i_jw_uint(w, "links", a->nlinks);
	mesh_i_jw_uint(w, "routes", a->nroutes);
	mesh_i_jw_uint(w, "routes_linking", a->stored_total);
	mesh_i_jw_uint(w, "routes_to_down", a->nroutes_to_down);
	mesh_i_jw_uint(w, "routes_of_down", a->nroutes_of_down);
	mesh_i_jw_names(w, "down", p, a->down, a->ndown);
	put_not_clustering(w, a);
	mesh_i_jw_bool(w, "connected", a->connected);
	mesh_i_jw_groups(w, "components", MESH_I_JW_LINES, p, a->comp_nodes,
	    a->comp_start, a->ncomponents);
	mesh_i_jw_names(w, "cut_off", p, a->cut_off, a->ncut_off);
	put_articulation_points(w, a);
	put_cutpoints(w, a);
	put_bridges(w, a);
	mesh_i_jw_count(w, "vertex_connectivity", a->vertex_connectivity);
	mesh_i_jw_count(w, "edge_connectivity", a->edge_connectivity);
	mesh_i_jw_uint(w, "connectivity_limit", a->connectivity_limit);
	put_storage(w, a);
}

/* The object; with h, the keys of the mesh model too. */
static char *
render(const struct mesh_analysis *a, const struct mesh_diags *diags,
    const struct hazards *h)
{
	struct mesh_i_buf b;
	struct mesh_i_jw w;

	mesh_i_jw_report_begin(&w, &b, MESH_I_JW_FIXED4, a->plan);
	mesh_i_jw_analysis(&w, a);
	if (h != NULL)
		put_hazards(&w, a, h);
	return mesh_i_jw_report_end(&w, diags);
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
