/* plan_json.c: read a plan in meshsim's JSON format, with positions for every diagnostic. */
/* madvise (Linux, the BSDs) */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/hostcheck.h"
#include "read/jsonpos.h"
#include "read/plan_json.h"
#include "meshsim/meshsim.h"
#include "read/readers.h"
#include "base/progress.h"
#include "base/text.h"

/* "$schema" names the plan's JSON Schema for editors (schema/); it is
 * checked for its type and otherwise ignored. */
static const char *const top_keys[] = { "name", "cluster", "nodes",
	"timeline", "whatif", "$schema", NULL };
static const char *const node_keys[] = { "name", "host", "port", "routes",
	"labels", "availability", "clustering", "aliases", NULL };
static const char *const route_keys[] = { "host", "port", "node", "source",
	NULL };

/* The plan's "cluster" (docs/formats.md) into r->plan->cluster; a value
 * not known is an error at its position. */
static void
read_cluster(struct mesh_i_plan_reader *r, const cJSON *v)
{
	if (v == NULL)
		return;
	if (!cJSON_IsString(v)) {
		mesh_i_json_wrong_type(&r->base, v, "'cluster'",
		    "a string", NULL);
		return;
	}
	if (strcmp(v->valuestring, "harper-replication") == 0) {
		r->plan->cluster = MESH_CLUSTER_HARPER_REPLICATION;
		return;
	}
	if (strcmp(v->valuestring, "harper-nats") == 0) {
		r->plan->cluster = MESH_CLUSTER_HARPER_NATS;
		return;
	}
	mesh_i_json_report(&r->base, MESH_ERROR, "bad-cluster", v, 0, NULL,
	    "'cluster' is \"%s\": it must be \"harper-replication\" or "
	    "\"harper-nats\"", v->valuestring);
}


/* A route {"node": name, "port": port}: added with the name as its host,
 * to be resolved by name once every node is read (resolve_node_routes()).
 * Reports and returns on a bad value. */
static void
read_node_route(struct mesh_i_plan_reader *r, const cJSON *v, const cJSON *pt,
    int node)
{
	const char *name = r->plan->nodes[node].name;
	const struct mesh_i_jpos *p = mesh_i_jpos_of(v);
	struct mesh_i_node_route *nr;
	int port = MESH_DEFAULT_PORT;

	if (!cJSON_IsString(v)) {
		mesh_i_json_wrong_type(&r->base, v, "'node'", "a string", name);
		return;
	}
	if (*v->valuestring == '\0' || p->has_nul ||
	    mesh_i_has_control(v->valuestring)) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-name", v, 0, name,
		    "a route of node '%s' names a node with an empty name or "
		    "a control character", name);
		return;
	}
	if (pt != NULL &&
	    (port = mesh_i_json_read_port(&r->base, pt, name)) == 0)
		return;
	if (r->nby_node == r->by_node_cap) {
		size_t cap = r->by_node_cap ? 2 * r->by_node_cap : 16;

		if ((nr = realloc(r->by_node, cap * sizeof(*nr))) == NULL) {
			r->base.nomem = 1;
			return;
		}
		r->by_node = nr;
		r->by_node_cap = cap;
	}
	if (mesh_plan_add_route(r->plan, node, v->valuestring, port, p->line,
	    p->column) != 0) {
		r->base.nomem = 1;
		return;
	}
	nr = &r->by_node[r->nby_node++];
	nr->node = node;
	nr->route = r->plan->nodes[node].nroutes - 1;
	nr->port_given = pt != NULL;
}

/*
 * Point each route written {"node": name} at that node's host (and port,
 * unless the route gives one). A name that no node has is an error
 * (unknown-node) at the route.
 */
static void
resolve_node_routes(struct mesh_i_plan_reader *r)
{
	struct mesh_plan *plan = r->plan;
	size_t i;

	for (i = 0; i < r->nby_node; i++) {
		struct mesh_node *n = &plan->nodes[r->by_node[i].node];
		struct mesh_route *rt = &n->routes[r->by_node[i].route];
		int t = mesh_plan_find(plan, rt->host);
		struct mesh_i_pos at = { r->base.file, rt->line, rt->column };

		if (t < 0) {
			mesh_i_report(&r->base, MESH_ERROR, "unknown-node", &at,
			    n->name, "a route of node '%s' names node '%s', "
			    "which the plan does not have", n->name, rt->host);
			continue;
		}
		rt->host = plan->nodes[t].host;
		if (!r->by_node[i].port_given)
			rt->port = plan->nodes[t].port;
		mesh_i_warn_bad_ipv4(r->base.diags, r->base.file, rt->line,
		    rt->column, n->name, rt->host);
	}
}

static void
read_routes(struct mesh_i_plan_reader *r, const cJSON *routes, int node)
{
	const char *name = r->plan->nodes[node].name;
	const cJSON *rt, *found[MESH_I_JSON_ROOM(route_keys)];

	if (!cJSON_IsArray(routes)) {
		mesh_i_json_wrong_type(&r->base, routes, "'routes'",
		    "a list", name);
		return;
	}
	cJSON_ArrayForEach(rt, routes) {
		const struct mesh_i_jpos *p = mesh_i_jpos_of(rt);
		const cJSON *h, *pt;
		const char *host;
		int port = MESH_DEFAULT_PORT;

		if (!cJSON_IsObject(rt)) {
			mesh_i_json_wrong_type(&r->base, rt, "a route",
			    "an object with 'host' and 'port'", name);
			continue;
		}
		mesh_i_json_members(&r->base, rt, route_keys, "a route of "
		    "node ", name, found);
		h = found[0];
		pt = found[1];
		if (h != NULL && found[2] != NULL) {
			mesh_i_json_report(&r->base, MESH_ERROR,
			    "host-and-node", found[2], 1, name, "a route of "
			    "node '%s' has both 'host' and 'node'; give one",
			    name);
			continue;
		}
		if (found[2] != NULL) {
			read_node_route(r, found[2], pt, node);
			continue;
		}
		if (h == NULL) {
			mesh_i_json_report(&r->base, MESH_ERROR,
			    "route-without-host", rt, 0, name, "a route of "
			    "node '%s' has no 'host'", name);
			continue;
		}
		if ((host = mesh_i_json_read_host(&r->base, h, name)) == NULL)
			continue;
		if (pt != NULL && (port = mesh_i_json_read_port(&r->base, pt,
		    name)) == 0)
			continue;
		p = mesh_i_jpos_of(h);
		if (mesh_plan_add_route(r->plan, node, host, port, p->line,
		    p->column) != 0)
			r->base.nomem = 1;
	}
}

/* "labels": an object of text values, such as {"zone": "us-east-1a"}. */
static void
read_labels(struct mesh_i_plan_reader *r, const cJSON *labels, int node)
{
	const char *name = r->plan->nodes[node].name;
	const cJSON *l;

	if (labels == NULL)
		return;
	if (!cJSON_IsObject(labels)) {
		mesh_i_json_wrong_type(&r->base, labels, "'labels'",
		    "an object", name);
		return;
	}
	cJSON_ArrayForEach(l, labels) {
		const struct mesh_i_jpos *p = mesh_i_jpos_of(l);

		if (!cJSON_IsString(l)) {
			mesh_i_json_wrong_type(&r->base, l, "a label",
			    "text", name);
			continue;
		}
		if (*l->string == '\0' || strpbrk(l->string, "=+,") != NULL ||
		    mesh_i_has_control(l->string) || p->has_nul ||
		    mesh_i_has_control(l->valuestring)) {
			mesh_i_json_report(&r->base, MESH_ERROR, "bad-label", l,
			    1, name, "label '%s' must be a non-empty key "
			    "without '=', '+', ',' or control characters, with "
			    "a text value", l->string);
			continue;
		}
		if (mesh_plan_set_label(r->plan, node, l->string,
		    l->valuestring) != 0)
			r->base.nomem = 1;
	}
}

/* "availability": the probability that the node is up, 0 to 1. */
static void
read_availability(struct mesh_i_plan_reader *r, const cJSON *v, int node)
{
	const char *name = r->plan->nodes[node].name;

	if (v == NULL)
		return;
	if (!cJSON_IsNumber(v)) {
		mesh_i_json_wrong_type(&r->base, v, "'availability'",
		    "a number", name);
		return;
	}
	if (!(v->valuedouble >= 0 && v->valuedouble <= 1)) {
		mesh_i_json_report(&r->base, MESH_ERROR, "availability-range",
		    v, 0, name, "availability %g is not a probability (0 to "
		    "1)", v->valuedouble);
		return;
	}
	r->plan->nodes[node].availability = v->valuedouble;
}

/* "clustering": false marks a node that does not join the cluster (its
 * routes and routes to it make no links); true is the default. */
static void
read_clustering(struct mesh_i_plan_reader *r, const cJSON *v, int node)
{
	if (v == NULL)
		return;
	if (!cJSON_IsBool(v)) {
		mesh_i_json_wrong_type(&r->base, v, "'clustering'", "true or "
		    "false", r->plan->nodes[node].name);
		return;
	}
	r->plan->nodes[node].no_cluster = cJSON_IsFalse(v);
}

/* "aliases": other hosts at which the node is reached (a compose network
 * alias, a Kubernetes DNS name), each checked as "host" is. */
static void
read_aliases(struct mesh_i_plan_reader *r, const cJSON *v, int node)
{
	const char *name = r->plan->nodes[node].name, *h;
	const cJSON *a;

	if (v == NULL)
		return;
	if (!cJSON_IsArray(v)) {
		mesh_i_json_wrong_type(&r->base, v, "'aliases'",
		    "a list of hosts", name);
		return;
	}
	cJSON_ArrayForEach(a, v) {
		if ((h = mesh_i_json_read_host(&r->base, a, name)) == NULL)
			continue;
		if (mesh_plan_add_alias(r->plan, node, h) != 0)
			r->base.nomem = 1;
	}
}

static void
read_node(struct mesh_i_plan_reader *r, const cJSON *obj)
{
	const struct mesh_i_jpos *p = mesh_i_jpos_of(obj);
	const cJSON *name, *host, *port, *routes;
	const cJSON *found[MESH_I_JSON_ROOM(node_keys)];
	const char *hoststr = NULL;
	int portnum = MESH_DEFAULT_PORT, idx;
	const struct mesh_i_jpos *np;
	uint64_t h;

	if (!cJSON_IsObject(obj)) {
		mesh_i_json_wrong_type(&r->base, obj, "a node",
		    "an object", NULL);
		return;
	}
	/* The name first: the key check's messages name the node. */
	name = cJSON_GetObjectItemCaseSensitive(obj, "name");
	if (name == NULL) {
		mesh_i_json_report(&r->base, MESH_ERROR, "missing-name", obj, 0,
		    NULL, "a node has no 'name'");
		mesh_i_json_check_keys(&r->base, obj, node_keys,
		    "a node", NULL);
		return;
	}
	if (!cJSON_IsString(name)) {
		mesh_i_json_wrong_type(&r->base, name, "'name'",
		    "a string", NULL);
		return;
	}
	np = mesh_i_jpos_of(name);
	if (*name->valuestring == '\0' || np->has_nul ||
	    mesh_i_has_control(name->valuestring)) {
		mesh_i_json_report(&r->base, MESH_ERROR, "bad-name", name, 0,
		    NULL, *name->valuestring ? "node name contains a control "
		    "character" : "node name is empty");
		return;
	}
	h = mesh_i_plan_prefetch_name(r->plan, name->valuestring);
	mesh_i_json_members(&r->base, obj, node_keys, "node ",
	    name->valuestring, found);
	host = found[1];
	port = found[2];
	routes = found[3];
	/* A bad host or port is reported; the node is still added, so
	 * that its name is known for the checks that follow. */
	if (host != NULL)
		hoststr = mesh_i_json_read_host(&r->base, host,
		    name->valuestring);
	else    /* the name is the host */
		mesh_i_warn_bad_ipv4(r->base.diags, r->base.file, np->line,
		    np->column, name->valuestring, name->valuestring);
	if (port != NULL)
		portnum = mesh_i_json_read_port(&r->base, port,
		    name->valuestring);

	/* The node's position, for endpoint clashes: its host, else its
	 * name. */
	p = host != NULL ? mesh_i_jpos_of(host) : np;
	idx = mesh_i_plan_add_node_hashed(r->plan, name->valuestring, h,
	    hoststr, portnum ? portnum : MESH_DEFAULT_PORT, p->line,
	    p->column);
	if (idx == -1) {
		r->base.nomem = 1;
		return;
	}
	if (idx == -2) {
		int first = mesh_plan_find(r->plan, name->valuestring);

		mesh_i_json_report(&r->base, MESH_ERROR, "duplicate-name", name,
		    0, name->valuestring, "node name '%s' is already used "
		    "(line %d)", name->valuestring,
		    r->plan->nodes[first].line);
		return;
	}
	if (routes != NULL)
		read_routes(r, routes, idx);
	read_labels(r, found[4], idx);
	read_availability(r, found[5], idx);
	read_clustering(r, found[6], idx);
	read_aliases(r, found[7], idx);
}

/* The stream's sizing callback: room for the nodes, routes and labels
 * the syntax check counted. The room is only for speed: when it cannot
 * be had (out of memory, or a count far beyond what the nodes hold, as
 * in a list of a million numbers), the plan grows as it is read. */
static int
nodes_sized(void *ctx, const struct mesh_i_json_counts *c)
{
	struct mesh_i_plan_reader *r = ctx;

	(void)mesh_i_plan_reserve(r->plan, c->elements, c->inner_elements,
	    c->inner_members);
	return 0;
}

/* How many parsed bytes of a mapped text are dropped at a time. */
#define DROP_STEP       ((size_t)8 << 20)

/* Drop the whole pages of the mapped text before offset end, which the
 * parse has left behind for good: a plan of millions of nodes then never
 * holds its text and its model in memory at once. A failure of madvise
 * only keeps the pages. */
static void
drop_parsed(struct mesh_i_plan_reader *r, size_t end)
{
	long ps = sysconf(_SC_PAGESIZE);
	uintptr_t from, to;

	if (ps <= 0)
		return;
	from = ((uintptr_t)r->buf + r->dropped + (uintptr_t)ps - 1) &
	    ~((uintptr_t)ps - 1);
	to = ((uintptr_t)r->buf + end) & ~((uintptr_t)ps - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_DONTNEED);
	r->dropped = end;
}

/* The stream callback: one element of "nodes". Returns nonzero to stop
 * the parse (out of memory). */
static int
node_element(void *ctx, const cJSON *elem, size_t end)
{
	struct mesh_i_plan_reader *r = ctx;

	read_node(r, elem);
	if (r->tick != NULL)
		mesh_i_tick_to(r->tick, end);
	if (r->buf != NULL && end - r->dropped >= DROP_STEP)
		drop_parsed(r, end);
	/* The second part stops at its first diagnostic: it is then read
	 * again by the calling thread, so that every diagnostic and every
	 * limit comes out as one thread gives them. */
	return r->base.nomem || (r->forked && (r->base.diags->n > 0 ||
	    r->base.diags->nomem));
}

/* The reader of the second part of "nodes": a plan and diagnostics of
 * its own, joined to the first part's when both are read. */
struct forked {
	struct mesh_i_plan_reader r;
	struct mesh_diags diags;
};

static void *
nodes_fork(void *ctx, const struct mesh_i_json_counts *c)
{
	struct mesh_i_plan_reader *r = ctx;
	struct forked *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	mesh_diags_init(&f->diags);
	f->r.base.diags = &f->diags;
	f->r.base.file = r->base.file;
	f->r.buf = r->buf;
	f->r.dropped = c->split;
	f->r.forked = 1;
	if ((f->r.plan = mesh_i_plan_fork(r->plan, c->elements -
	    c->before_split.elements, c->before_split.inner_elements,
	    c->before_split.inner_members)) == NULL) {
		free(f);
		return NULL;
	}
	return f;
}

static int
nodes_join(void *ctx, void *forked, size_t end, int ok)
{
	struct mesh_i_plan_reader *r = ctx;
	struct forked *f = forked;
	size_t first = r->plan->nnodes, i, n = r->nby_node + f->r.nby_node;
	int rc;

	ok = ok && !f->r.base.nomem && f->diags.n == 0 && !f->diags.nomem;
	/* Room for the second part's routes by node name first, so that
	 * nothing fails after the join. */
	if (ok && n > r->by_node_cap) {
		struct mesh_i_node_route *v = realloc(r->by_node,
		    n * sizeof(*v));

		if (v == NULL)
			ok = 0;
		else {
			r->by_node = v;
			r->by_node_cap = n;
		}
	}
	rc = mesh_i_plan_join(r->plan, f->r.plan, ok);
	if (rc < 0)
		r->base.nomem = 1;
	if (rc == 0) {
		for (i = 0; i < f->r.nby_node; i++) {
			r->by_node[r->nby_node] = f->r.by_node[i];
			r->by_node[r->nby_node++].node += (int)first;
		}
		if (r->tick != NULL)
			mesh_i_tick_to(r->tick, end);
	}
	mesh_diags_clear(&f->diags);
	free(f->r.by_node);
	free(f);
	return rc != 0;
}

enum mesh_error
mesh_i_read_json(const char *buf, size_t len, const char *file, int mapped,
    struct mesh_i_tick *tick, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	struct mesh_i_plan_reader r = { { diags, file, 0, 0 }, NULL, tick,
	    NULL, 0, 0, mapped ? buf : NULL, 0, 0 };
	struct mesh_i_jstream stream = { "nodes", node_element, &r,
	    nodes_sized, nodes_fork, nodes_join };
	struct mesh_i_jdoc *doc = NULL;
	enum mesh_error err = MESH_ENOMEM;
	cJSON *root = NULL;
	const cJSON *name, *nodes, *schema;

	*out = NULL;
	/* The nodes are read as they are parsed, one at a time: the plan
	 * is made first and named once the whole text is read. */
	if ((r.plan = mesh_plan_new(NULL, file)) == NULL)
		goto done;
	err = mesh_i_jdoc_load(buf, len, file, diags, &stream, &doc,
	    &root);
	if (err != MESH_OK || r.base.nomem) {
		err = r.base.nomem ? MESH_ENOMEM : err;
		goto done;
	}
	err = MESH_ENOMEM;
	if (!cJSON_IsObject(root)) {
		mesh_i_json_report(&r.base, MESH_ERROR, "not-an-object", root,
		    0, NULL, "the plan must be an object, not %s",
		    mesh_i_json_type_name(root));
		err = MESH_EINPUT;
		goto done;
	}
	mesh_i_json_check_keys(&r.base, root, top_keys, "the plan", NULL);
	name = cJSON_GetObjectItemCaseSensitive(root, "name");
	nodes = cJSON_GetObjectItemCaseSensitive(root, "nodes");
	if (name != NULL && !cJSON_IsString(name)) {
		mesh_i_json_wrong_type(&r.base, name, "'name'",
		    "a string", NULL);
		name = NULL;
	}
	if (name != NULL && mesh_i_has_control(name->valuestring)) {
		mesh_i_json_report(&r.base, MESH_ERROR, "bad-name", name, 0,
		    NULL, "the plan's name holds a control character");
		name = NULL;
	}
	if (name != NULL &&
	    (r.plan->name = strdup(name->valuestring)) == NULL)
		goto done;
	read_cluster(&r, cJSON_GetObjectItemCaseSensitive(root, "cluster"));
	schema = cJSON_GetObjectItemCaseSensitive(root, "$schema");
	if (schema != NULL && !cJSON_IsString(schema))
		mesh_i_json_wrong_type(&r.base, schema, "'$schema'",
		    "a string", NULL);
	if (nodes == NULL) {
		mesh_i_json_report(&r.base, MESH_ERROR, "missing-nodes", root,
		    0, NULL, "the plan has no 'nodes' list");
	} else if (!cJSON_IsArray(nodes)) {
		mesh_i_json_wrong_type(&r.base, nodes, "'nodes'",
		    "a list", NULL);
	}
	/* An array of nodes was streamed to read_node() by the parse;
	 * routes that name a node can now find it. */
	if (!r.base.errors)
		resolve_node_routes(&r);
	if (!r.base.errors)
		mesh_i_json_read_scenarios(&r, root);
	if (r.base.nomem)
		goto done;
	/* Routes are resolved only in a well-formed plan: after an error,
	 * their warnings would be noise. */
	err = r.base.errors ? MESH_EINPUT : mesh_plan_resolve(r.plan, diags);
	if (err == MESH_OK) {
		*out = r.plan;
		r.plan = NULL;
	}
done:
	if (err == MESH_ENOMEM)
		diags->nomem = 1;
	mesh_plan_free(r.plan);
	mesh_i_jdoc_free(doc);
	free(r.by_node);
	return err;
}
