/* suggest_json.c: a route suggestion as `meshsim suggest`'s JSON object (docs/json.md). */
#include "meshsim/meshsim.h"
#include "meshsim/suggest.h"
#include "out/json_out.h"
#include "base/util.h"

/* The routes to add, one object a line. */
static void
routes(struct mesh_i_jw *w, const struct mesh_plan *p,
    const struct mesh_suggestion *s)
{
	size_t i;

	mesh_i_jw_array(w, "routes", MESH_I_JW_LINES);
	for (i = 0; i < s->nroutes; i++) {
		const struct mesh_node *to = &p->nodes[s->routes[i].to];

		mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_string(w, "from", p->nodes[s->routes[i].from].name);
		mesh_i_jw_string(w, "to", to->name);
		mesh_i_jw_string(w, "host", to->host);
		mesh_i_jw_int(w, "port", to->port);
		mesh_i_jw_bool(w, "joins", i < s->njoins);
		if (s->domains != NULL) {
			mesh_i_jw_string(w, "from_domain", s->domains->names[
			    s->domains->of[s->routes[i].from]]);
			mesh_i_jw_string(w, "to_domain", s->domains->names[
			    s->domains->of[s->routes[i].to]]);
		}
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

/* The domains whose loss splits the plan before, with the pieces each
 * leaves, inline. */
static void
splitting(struct mesh_i_jw *w, const struct mesh_suggestion *s)
{
	size_t i;

	mesh_i_jw_array(w, "splitting_domains", MESH_I_JW_INLINE);
	for (i = 0; i < s->nsplit; i++) {
		mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_string(w, "domain", s->domains->names[s->split[i]]);
		mesh_i_jw_uint(w, "pieces", s->split_pieces[i]);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

char *
mesh_suggestion_json(const struct mesh_suggestion *s,
    const struct mesh_plan *p, const struct mesh_diags *diags)
{
	struct mesh_i_buf b;
	struct mesh_i_jw w;

	mesh_i_jw_report_begin(&w, &b, MESH_I_JW_G12, p);
	mesh_i_jw_int(&w, "target", s->target);
	mesh_i_jw_object(&w, "before", MESH_I_JW_INLINE);
	mesh_i_jw_names(&w, "articulation_points", p, s->before, s->nbefore);
	if (s->domains != NULL)
		splitting(&w, s);
	mesh_i_jw_end(&w);
	mesh_i_jw_uint(&w, "joins", s->njoins);
	mesh_i_jw_uint(&w, "leaf_blocks", s->leaves);
	mesh_i_jw_uint(&w, "max_pieces", s->pieces);
	mesh_i_jw_uint(&w, "bound", s->bound);
	if (s->domains != NULL) {
		mesh_i_jw_string(&w, "by", s->by);
		mesh_i_jw_bool(&w, "by_found", s->by_found);
		mesh_i_jw_uint(&w, "domains", s->domains->n);
		mesh_i_jw_uint(&w, "domain_bound", s->domain_bound);
		mesh_i_jw_uint(&w, "lower_bound", s->lower_bound);
	}
	if (s->target == 3) {
		mesh_i_jw_uint(&w, "bound3", s->bound3);
		mesh_i_jw_uint(&w, "for_target_2", s->ntwo - s->njoins);
		mesh_i_jw_bool(&w, "reached", s->reached);
	}
	mesh_i_jw_bool(&w, "minimal", s->minimal);
	routes(&w, p, s);
	mesh_i_jw_bool(&w, "verified", s->verified);
	return mesh_i_jw_report_end(&w, diags);
}
