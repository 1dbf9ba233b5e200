/* nats_routez.c: the /routez answers of nats-servers (one per server) read into a plan of the live route connections, and their drift from the configured routes. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/input.h"
#include "base/util.h"
#include "meshsim/meshsim.h"
#include "meshsim/nats.h"
#include "read/json_kit.h"
#include "read/jsonpos.h"
#include "read/kit.h"
#include "read/readers.h"

/* One server's answer. */
struct answer {
	char *name;
	char *file;
	struct mesh_i_jdoc *doc;
	cJSON *root;
	const char *id;                 /* server_id, in doc */
	const cJSON *routes;            /* the array, or NULL */
	char *host;                     /* as a peer that dialled it saw it */
	int port;
};

/* A live connection seen from one end. */
struct seen {
	int from, to;
	int configured;
	const cJSON *entry;
};

static int
cmp_seen(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	int xa = x->from < x->to ? x->from : x->to;
	int ya = y->from < y->to ? y->from : y->to;
	int xb = x->from < x->to ? x->to : x->from;
	int yb = y->from < y->to ? y->to : y->from;

	if (xa != ya)
		return xa < ya ? -1 : 1;
	if (xb != yb)
		return xb < yb ? -1 : 1;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return 0;
}

/* Read answer a (a->file) for node a->name. */
static void
read_answer(struct mesh_i_reader *r, struct answer *a)
{
	struct mesh_i_reader in = { r->diags, a->file, 0, 0 };
	struct mesh_i_pos start = { a->file, 1, 1 };
	const cJSON *id, *routes, *e, *v;
	enum mesh_error err;
	size_t len;
	char *buf = NULL;

	if ((err = mesh_i_read_input(a->file, r->diags, &buf, &len)) !=
	    MESH_OK) {
		if (err == MESH_ENOMEM)
			r->nomem = r->diags->nomem = 1;
		else
			r->errors++;
		return;
	}
	err = mesh_i_jdoc_load(buf, len, a->file, r->diags, NULL, &a->doc,
	    &a->root);
	free(buf);
	if (err != MESH_OK) {
		if (err == MESH_ENOMEM)
			r->nomem = r->diags->nomem = 1;
		else
			r->errors++;
		return;
	}
	if (!cJSON_IsObject(a->root)) {
		mesh_i_report(&in, MESH_ERROR, "not-an-object", &start, a->name,
		    "a /routez answer must be an object, not %s",
		    mesh_i_json_type_name(a->root));
		goto out;
	}
	if ((id = mesh_i_json_member(&in, a->root, "server_id",
	    "the /routez answer", a->name)) == NULL)
		goto out;
	if (!cJSON_IsString(id) || id->valuestring[0] == '\0') {
		mesh_i_json_wrong_type(&in, id, "'server_id'", "a string",
		    a->name);
		goto out;
	}
	a->id = id->valuestring;
	routes = cJSON_GetObjectItemCaseSensitive(a->root, "routes");
	if (routes == NULL || cJSON_IsNull(routes))
		goto out;
	if (!cJSON_IsArray(routes)) {
		mesh_i_json_wrong_type(&in, routes, "'routes'", "a list",
		    a->name);
		goto out;
	}
	a->routes = routes;
	cJSON_ArrayForEach(e, routes) {
		if (!cJSON_IsObject(e)) {
			mesh_i_json_wrong_type(&in, e, "a route", "an object",
			    a->name);
			continue;
		}
		if ((v = mesh_i_json_member(&in, e, "remote_id", "a route",
		    a->name)) != NULL && !cJSON_IsString(v))
			mesh_i_json_wrong_type(&in, v, "'remote_id'",
			    "a string", a->name);
		if ((v = cJSON_GetObjectItemCaseSensitive(e,
		    "is_configured")) != NULL && !cJSON_IsBool(v))
			mesh_i_json_wrong_type(&in, v, "'is_configured'",
			    "true or false", a->name);
		if ((v = cJSON_GetObjectItemCaseSensitive(e,
		    "did_solicit")) != NULL && !cJSON_IsBool(v))
			mesh_i_json_wrong_type(&in, v, "'did_solicit'",
			    "true or false", a->name);
		if ((v = cJSON_GetObjectItemCaseSensitive(e, "ip")) != NULL &&
		    !cJSON_IsString(v))
			mesh_i_json_wrong_type(&in, v, "'ip'", "a string",
			    a->name);
		if ((v = cJSON_GetObjectItemCaseSensitive(e, "port")) !=
		    NULL && (!cJSON_IsNumber(v) || v->valuedouble < 0 ||
		    v->valuedouble > 65535 ||
		    v->valuedouble != (double)(int)v->valuedouble))
			mesh_i_json_report(&in, MESH_ERROR, "port-range", v, 0,
			    a->name, "'port' must be a whole number from 0 to "
			    "65535");
	}
out:
	r->errors += in.errors;
	r->nomem |= in.nomem;
}

/* The answer whose server_id is id, or -1. */
static int
by_id(const struct answer *as, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (as[i].id != NULL && strcmp(as[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int
is_true(const cJSON *e, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, key));
}

enum mesh_error
mesh_nats_routez_load(const char *const *args, size_t n,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	struct mesh_i_reader r = { diags, NULL, 0, 0 };
	struct answer *as;
	struct seen *sv = NULL;
	struct mesh_plan *plan = NULL;
	struct mesh_i_watch w;
	enum mesh_error err = MESH_ENOMEM;
	size_t i, k, ns = 0, cap = 0, links = 0, gossip = 0;
	const cJSON *e;

	*out = NULL;
	mesh_i_watch_begin(&w, diags);
	if ((as = calloc(n + 1, sizeof(*as))) == NULL)
		goto done;
	for (i = 0; i < n; i++) {
		const char *eq = strchr(args[i], '=');

		if (eq == NULL || eq == args[i] || eq[1] == '\0') {
			mesh_i_report(&r, MESH_ERROR, "bad-argument", NULL,
			    NULL, "'%s' is not NODE=ANSWER.json", args[i]);
			continue;
		}
		if ((as[i].name = mesh_i_asprintf("%.*s", (int)(eq - args[i]),
		    args[i])) == NULL || (as[i].file = strdup(eq + 1)) ==
		    NULL)
			goto done;
		for (k = 0; k < i; k++)
			if (as[k].name != NULL && strcmp(as[k].name,
			    as[i].name) == 0) {
				mesh_i_report(&r, MESH_ERROR, "duplicate-name",
				    NULL, as[i].name, "node '%s' is given "
				    "twice (%s and %s)", as[i].name,
				    as[k].file, as[i].file);
				break;
			}
		read_answer(&r, &as[i]);
		if (r.nomem)
			goto done;
		for (k = 0; k < i && as[i].id != NULL; k++)
			if (as[k].id != NULL && strcmp(as[k].id,
			    as[i].id) == 0) {
				struct mesh_i_pos p = { as[i].file, 0, 0 };

				mesh_i_report(&r, MESH_ERROR, "duplicate-name",
				    &p, as[i].name, "'%s' has the server_id of "
				    "'%s' (%s): the same server's answer "
				    "twice?",
				    as[i].name, as[k].name, as[k].file);
				break;
			}
	}
	if (r.errors > 0) {
		err = MESH_EINPUT;
		goto done;
	}
	/* Each connection as each end sees it; hosts from the dialling
	 * side's ip and port (the other end's route port). */
	for (i = 0; i < n; i++) {
		struct mesh_i_reader in = { diags, as[i].file, 0, 0 };

		if (as[i].routes == NULL)
			continue;
		cJSON_ArrayForEach(e, as[i].routes) {
			const cJSON *rid = cJSON_GetObjectItemCaseSensitive(e,
			    "remote_id");
			const cJSON *ip = cJSON_GetObjectItemCaseSensitive(e,
			    "ip");
			const cJSON *pt = cJSON_GetObjectItemCaseSensitive(e,
			    "port");
			int t = by_id(as, n, rid->valuestring);

			if (t < 0) {
				mesh_i_json_report(&in, MESH_WARNING,
				    "unknown-peer", rid, 0, as[i].name,
				    "'%s' has a live route to server %s, whose "
				    "answer is not given: left out (give its "
				    "/routez answer too)", as[i].name,
				    rid->valuestring);
				continue;
			}
			if (is_true(e, "did_solicit") && ip != NULL &&
			    pt != NULL && as[t].host == NULL) {
				if ((as[t].host = strdup(ip->valuestring)) ==
				    NULL)
					goto done;
				as[t].port = (int)pt->valuedouble;
			}
			if (ns == cap) {
				struct seen *p;

				cap = cap ? 2 * cap : 16;
				if ((p = realloc(sv, cap * sizeof(*p))) == NULL)
					goto done;
				sv = p;
			}
			sv[ns].from = (int)i;
			sv[ns].to = t;
			sv[ns].configured = is_true(e, "is_configured");
			sv[ns].entry = e;
			ns++;
		}
		r.nomem |= in.nomem;
	}
	if (ns > 0)
		qsort(sv, ns, sizeof(*sv), cmp_seen);
	if ((plan = mesh_plan_new("nats-server /routez answers",
	    n > 0 ? as[0].file : NULL)) == NULL)
		goto done;
	for (i = 0; i < n; i++) {
		int idx = mesh_plan_add_node(plan, as[i].name, as[i].host,
		    as[i].host != NULL && as[i].port > 0 ? as[i].port :
		    MESH_NATS_CLUSTER_PORT, 0, 0);

		if (idx < 0)
			goto done;
		if (mesh_plan_set_label(plan, (int)i, "host_source",
		    as[i].host != NULL ? "routez" : "name") != 0)
			goto done;
	}
	/* A route per live connection seen, at the end that lists it;
	 * each pair's drift once. */
	for (k = 0; k < ns; k++) {
		const struct seen *s = &sv[k];
		const struct mesh_node *t = &plan->nodes[s->to];
		const struct mesh_i_jpos *jp = mesh_i_jpos_of(s->entry);
		int a = s->from < s->to ? s->from : s->to;
		int b = s->from < s->to ? s->to : s->from;
		size_t j, first = k;
		int configured = 0, dup = 0;

		for (j = 0; j < k; j++)
			if (sv[j].from == s->from && sv[j].to == s->to)
				dup = 1;
		if (!dup && (mesh_plan_add_route(plan, s->from, t->host,
		    t->port, jp->line, jp->column) != 0 ||
		    mesh_plan_set_route_source(plan, s->from,
		    plan->nodes[s->from].nroutes - 1, as[s->from].file,
		    "routez") != 0))
			goto done;
		while (first > 0 && ((sv[first - 1].from == a &&
		    sv[first - 1].to == b) || (sv[first - 1].from == b &&
		    sv[first - 1].to == a)))
			first--;
		if (first != k)
			continue;       /* the pair's drift is said */
		links++;
		for (j = k; j < ns && ((sv[j].from == a && sv[j].to == b) ||
		    (sv[j].from == b && sv[j].to == a)); j++)
			configured |= sv[j].configured;
		if (!configured) {
			struct mesh_i_reader in = { diags, as[s->from].file, 0,
			    0 };

			gossip++;
			mesh_i_json_report(&in, MESH_WARNING, "gossip-link",
			    cJSON_GetObjectItemCaseSensitive(s->entry,
			    "is_configured") != NULL ?
			    cJSON_GetObjectItemCaseSensitive(s->entry,
			    "is_configured") : s->entry, 0, as[s->from].name,
			    "live route %s -- %s comes from gossip: neither "
			    "server's config names the other (is_configured "
			    "is false at both ends), and nats-server does not "
			    "redial such a route for long (connect_retries), "
			    "so a restart of either can lose it",
			    as[a].name, as[b].name);
			r.nomem |= in.nomem;
		}
	}
	{
		struct mesh_i_pos p = { n > 0 ? as[0].file : NULL, 0, 0 };

		mesh_i_report(&r, MESH_NOTE, "drift", &p, NULL, "drift: %zu "
		    "live %s, %zu configured, %zu learned by gossip", links,
		    links == 1 ? "link" : "links", links - gossip, gossip);
	}
	if (r.nomem)
		goto done;
	if ((err = mesh_plan_resolve(plan, diags)) == MESH_OK) {
		*out = plan;
		plan = NULL;
	}
done:
	err = mesh_i_watch_end(&w, err);
	if (err != MESH_OK && *out != NULL) {
		mesh_plan_free(*out);
		*out = NULL;
	}
	mesh_plan_free(plan);
	for (i = 0; as != NULL && i < n; i++) {
		free(as[i].name);
		free(as[i].file);
		free(as[i].host);
		mesh_i_jdoc_free(as[i].doc);
	}
	free(as);
	free(sv);
	return err;
}
