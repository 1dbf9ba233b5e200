/* plan_timeline.c: read a plan's "timeline" (events for the live-mesh model) and "whatif" runs. */
#include <stdlib.h>
#include <string.h>

#include "read/plan_json.h"

static const char *const step_keys[] = { "start", "stop", "restart", "cut",
	"heal", "expect", NULL };
static const char *const whatif_keys[] = { "name", "down", "expect", NULL };
static const char *const expect_keys[] = { "connected", "isolated",
	"cut_off", NULL };

/* A list of node names: resolved to indices, sorted by name when sort is
 * set. Returns 0 with *out (NULL when empty) and *n, or -1 after
 * reporting an error (or on ENOMEM, with r->base.nomem set). */
static int
read_names(struct mesh_i_plan_reader *r, const cJSON *list, const char *what,
    int **out, size_t *n)
{
	size_t cap = (size_t)cJSON_GetArraySize(list), i, j;
	const cJSON *e;
	int *v, bad = 0;

	*out = NULL;
	*n = 0;
	if (!cJSON_IsArray(list)) {
		mesh_i_json_wrong_type(&r->base, list, what, "a list of node "
		    "names", NULL);
		return -1;
	}
	if ((v = malloc((cap + 1) * sizeof(*v))) == NULL) {
		r->base.nomem = 1;
		return -1;
	}
	cJSON_ArrayForEach(e, list) {
		int k;

		if (!cJSON_IsString(e)) {
			mesh_i_json_wrong_type(&r->base, e, "a node name",
			    "text", NULL);
			bad = 1;
			continue;
		}
		if ((k = mesh_plan_find(r->plan, e->valuestring)) < 0) {
			mesh_i_json_report(&r->base, MESH_ERROR, "unknown-node",
			    e, 0, NULL, "%s names '%s', which is not a node of "
			    "the plan", what, e->valuestring);
			bad = 1;
			continue;
		}
		v[(*n)++] = k;
	}
	if (bad) {
		free(v);
		*n = 0;
		return -1;
	}
	/* Sort by name and drop repeats. */
	if (mesh_plan_sort_nodes(r->plan, v, *n) != 0) {
		free(v);
		*n = 0;
		r->base.nomem = 1;
		return -1;
	}
	for (i = j = 0; i < *n; i++)
		if (j == 0 || v[j - 1] != v[i])
			v[j++] = v[i];
	*n = j;
	*out = v;
	return 0;
}

/* "expect": {"connected": bool, "isolated": [names], "cut_off": [names]}.
 * Returns 0, or -1 after reporting an error. */
static int
read_expect(struct mesh_i_plan_reader *r, const cJSON *obj,
    struct mesh_expect *e)
{
	const cJSON *c, *iso, *cut;

	memset(e, 0, sizeof(*e));
	if (!cJSON_IsObject(obj)) {
		mesh_i_json_wrong_type(&r->base, obj, "'expect'",
		    "an object", NULL);
		return -1;
	}
	mesh_i_json_check_keys(&r->base, obj, expect_keys,
	    "an expectation", NULL);
	c = cJSON_GetObjectItemCaseSensitive(obj, "connected");
	iso = cJSON_GetObjectItemCaseSensitive(obj, "isolated");
	cut = cJSON_GetObjectItemCaseSensitive(obj, "cut_off");
	if (c != NULL) {
		if (!cJSON_IsBool(c)) {
			mesh_i_json_wrong_type(&r->base, c, "'connected'",
			    "true or false", NULL);
			return -1;
		}
		e->has_connected = 1;
		e->connected = cJSON_IsTrue(c);
	}
	if (iso != NULL) {
		if (read_names(r, iso, "'isolated'", &e->isolated,
		    &e->nisolated) != 0)
			return -1;
		e->has_isolated = 1;
	}
	if (cut != NULL) {
		if (read_names(r, cut, "'cut_off'", &e->cut_off,
		    &e->ncut_off) != 0)
			return -1;
		e->has_cut_off = 1;
	}
	return 0;
}

/* One timeline step: exactly one event key with its nodes, and
 * optionally "expect". */
static int
read_step(struct mesh_i_plan_reader *r, const cJSON *obj, struct mesh_step *s)
{
	static const char *const events[] = { "start", "stop", "restart",
		"cut", "heal" };
	const struct mesh_i_jpos *p = mesh_i_jpos_of(obj);
	const cJSON *ev = NULL, *expect;
	size_t i, found = 0;

	memset(s, 0, sizeof(*s));
	s->line = p->line;
	s->column = p->column;
	if (!cJSON_IsObject(obj)) {
		mesh_i_json_wrong_type(&r->base, obj, "a timeline step",
		    "an object", NULL);
		return -1;
	}
	mesh_i_json_check_keys(&r->base, obj, step_keys,
	    "a timeline step", NULL);
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj,
		    events[i]);

		if (v != NULL) {
			found++;
			ev = v;
			s->event = (enum mesh_event)i;
		}
	}
	if (found != 1) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-step", obj, 0,
		    NULL, "a timeline step needs exactly one of start, stop, "
		    "restart, cut and heal (it has %zu)", found);
		return -1;
	}
	if (read_names(r, ev, "the step", &s->nodes, &s->nnodes) != 0)
		return -1;
	if ((s->event == MESH_EVENT_CUT || s->event == MESH_EVENT_HEAL) &&
	    s->nnodes != 2) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-step", ev, 0,
		    NULL, "'%s' takes two different nodes, the ends of one "
		    "connection", mesh_event_name(s->event));
		return -1;
	}
	if ((expect = cJSON_GetObjectItemCaseSensitive(obj, "expect")) !=
	    NULL) {
		if (read_expect(r, expect, &s->expect) != 0)
			return -1;
		s->has_expect = 1;
	}
	return 0;
}

static int
read_whatif(struct mesh_i_plan_reader *r, const cJSON *obj,
    struct mesh_whatif *w)
{
	const struct mesh_i_jpos *p = mesh_i_jpos_of(obj);
	const cJSON *name, *down, *expect;

	memset(w, 0, sizeof(*w));
	w->line = p->line;
	w->column = p->column;
	if (!cJSON_IsObject(obj)) {
		mesh_i_json_wrong_type(&r->base, obj, "a what-if run",
		    "an object", NULL);
		return -1;
	}
	mesh_i_json_check_keys(&r->base, obj, whatif_keys,
	    "a what-if run", NULL);
	name = cJSON_GetObjectItemCaseSensitive(obj, "name");
	down = cJSON_GetObjectItemCaseSensitive(obj, "down");
	expect = cJSON_GetObjectItemCaseSensitive(obj, "expect");
	if (name == NULL) {
		mesh_i_json_report(&r->base, MESH_ERROR, "missing-name", obj, 0,
		    NULL, "a what-if run has no 'name'");
		return -1;
	}
	if (!cJSON_IsString(name)) {
		mesh_i_json_wrong_type(&r->base, name, "'name'", "text", NULL);
		return -1;
	}
	if ((w->name = strdup(name->valuestring)) == NULL) {
		r->base.nomem = 1;
		return -1;
	}
	if (down != NULL && read_names(r, down, "'down'", &w->down,
	    &w->ndown) != 0)
		return -1;
	if (expect != NULL) {
		if (read_expect(r, expect, &w->expect) != 0)
			return -1;
		w->has_expect = 1;
	}
	return 0;
}

void
mesh_i_json_read_scenarios(struct mesh_i_plan_reader *r, const cJSON *root)
{
	const cJSON *tl = cJSON_GetObjectItemCaseSensitive(root, "timeline");
	const cJSON *wi = cJSON_GetObjectItemCaseSensitive(root, "whatif");
	struct mesh_plan *p = r->plan;
	const cJSON *e;

	if (tl != NULL && !cJSON_IsArray(tl)) {
		mesh_i_json_wrong_type(&r->base, tl, "'timeline'",
		    "a list", NULL);
	} else if (tl != NULL) {
		p->steps = calloc((size_t)cJSON_GetArraySize(tl) + 1,
		    sizeof(*p->steps));
		if (p->steps == NULL) {
			r->base.nomem = 1;
			return;
		}
		cJSON_ArrayForEach(e, tl) {
			/* Kept even when bad, so that the plan frees it. */
			read_step(r, e, &p->steps[p->nsteps++]);
			if (r->base.nomem)
				return;
		}
	}
	if (wi != NULL && !cJSON_IsArray(wi)) {
		mesh_i_json_wrong_type(&r->base, wi, "'whatif'",
		    "a list", NULL);
	} else if (wi != NULL) {
		p->whatifs = calloc((size_t)cJSON_GetArraySize(wi) + 1,
		    sizeof(*p->whatifs));
		if (p->whatifs == NULL) {
			r->base.nomem = 1;
			return;
		}
		cJSON_ArrayForEach(e, wi) {
			read_whatif(r, e, &p->whatifs[p->nwhatifs++]);
			if (r->base.nomem)
				return;
		}
	}
}
