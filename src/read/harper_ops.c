/* harper_ops.c: Harper's clustering operations API payloads: requests applied as what-ifs, get_routes and network answers read as plans. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "read/jsonpos.h"
#include "read/json_kit.h"
#include "meshsim/harper_ops.h"
#include "base/input.h"
#include "read/readers.h"
#include "base/text.h"
#include "base/map.h"
#include "base/util.h"

static const char *const request_keys[] = { "operation", "server", "routes",
	NULL };
/* The members of add_node (and set_node), update_node and remove_node,
 * as Harper's documentation gives them (docs/harper-ops.md). */
static const char *const add_node_keys[] = { "operation", "hostname", "url",
	"verify_tls", "authorization", "retain_authorization",
	"revoked_certificates", "shard", "start_time", "subscriptions",
	"sendsTo", "receivesFrom", NULL };
static const char *const update_node_keys[] = { "operation", "hostname",
	"revoked_certificates", "shard", "subscriptions", NULL };
static const char *const remove_node_keys[] = { "operation", "hostname",
	NULL };
/* read_node_request() finds the members of any of the three in room for
 * add_node's. */
_Static_assert(MESH_I_JSON_ROOM(update_node_keys) <=
    MESH_I_JSON_ROOM(add_node_keys) && MESH_I_JSON_ROOM(remove_node_keys) <=
    MESH_I_JSON_ROOM(add_node_keys), "add_node has the most keys");
static const char *const repl_routes_keys[] = { "operation", "routes",
	NULL };
static const char *const repl_route_keys[] = { "hostname", "port", NULL };
static const char *const route_keys[] = { "host", "port", NULL };
static const char *const get_routes_keys[] = { "hub", "leaf", NULL };
static const char *const network_keys[] = { "nodes", NULL };
static const char *const net_node_keys[] = { "name", "response_time",
	"connected_nodes", "routes", NULL };
static const char *const inventory_keys[] = { "host", "port", NULL };

/* Replication's port when a node's url gives none: the template's
 * replication.securePort (as harper.c reads configs). */
#define REPL_PORT 9933

/* The route warnings of mesh_plan_resolve(). */
static const char *const route_codes[] = { "dangling-route", "port-mismatch",
	"self-route", "duplicate-route", NULL };

/* A JSON payload being read: its values, the reader state, and the plan
 * it is read into (a cluster_network answer). */
struct doc {
	cJSON *root;
	struct mesh_i_jdoc *values;
	struct mesh_i_reader r;
	struct mesh_plan *plan;
};

struct mesh_ops_inventory {
	char *file;
	char **names, **hosts;
	int *ports;             /* 0: not given */
	int *lines, *columns;   /* of each key */
	int *used;
	size_t n;
	struct mesh_i_map index;  /* name -> entry */
};

/* Where a route that a payload added to a plan is written. */
struct origin {
	const char *file;
	int line, column;
};

enum mesh_error
mesh_ops_read_file(const char *path, struct mesh_diags *diags, char **buf,
    size_t *len)
{
	enum mesh_error err = mesh_i_read_input(path, diags, buf, len);

	return err == MESH_EINPUT ? MESH_EIO : err;
}

/*
 * Check len bytes at buf as strict JSON and parse them into d, whose root
 * must be a JSON object when want_object is set (what names it: "a
 * request"). Returns MESH_OK, MESH_EINPUT after reporting, or MESH_ENOMEM;
 * doc_free() d in every case.
 */
static enum mesh_error
doc_parse(struct doc *d, const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, const char *what)
{
	enum mesh_error err;

	memset(d, 0, sizeof(*d));
	d->r.file = file;
	d->r.diags = diags;
	if ((err = mesh_i_jdoc_load(buf, len, file, diags, NULL,
	    &d->values, &d->root)) != MESH_OK)
		return err;
	if (!cJSON_IsObject(d->root)) {
		mesh_i_json_report(&d->r, MESH_ERROR, "not-an-object", d->root,
		    0, NULL, "%s must be an object, not %s", what,
		    mesh_i_json_type_name(d->root));
		return MESH_EINPUT;
	}
	return MESH_OK;
}

static void
doc_free(struct doc *d)
{
	mesh_i_jdoc_free(d->values);
	d->root = NULL;
	d->values = NULL;
}

/* A name: non-empty text without control characters. Returns it, or
 * NULL after reporting. */
static const char *
read_name(struct mesh_i_reader *r, const cJSON *v, const char *what)
{
	const struct mesh_i_jpos *p = mesh_i_jpos_of(v);

	if (!cJSON_IsString(v)) {
		mesh_i_json_wrong_type(r, v, what, "a string", NULL);
		return NULL;
	}
	if (*v->valuestring == '\0' || p->has_nul ||
	    mesh_i_has_control(v->valuestring)) {
		mesh_i_json_report(r, MESH_ERROR, "bad-name", v, 0, NULL,
		    "%s %s", what, *v->valuestring ? "contains a control "
		    "character" : "is empty");
		return NULL;
	}
	return v->valuestring;
}

static void
routes_clear(struct mesh_ops_routes *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].host);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* A list of routes, {"host": H, "port": P} each (null: none); what
 * names it ("'routes'"). Bad routes are reported and left out; past the
 * route limit, the rest too. */
static void
read_routes(struct mesh_i_reader *r, const cJSON *list, const char *what,
    const char *node, struct mesh_ops_routes *out)
{
	const struct mesh_limits *l = mesh_limits_get();
	const cJSON *rt;

	if (list == NULL || cJSON_IsNull(list))
		return;
	if (!cJSON_IsArray(list)) {
		mesh_i_json_wrong_type(r, list, what, "a list", node);
		return;
	}
	out->v = calloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof(*out->v));
	if (out->v == NULL) {
		r->nomem = 1;
		return;
	}
	cJSON_ArrayForEach(rt, list) {
		const struct mesh_i_jpos *p;
		const cJSON *h, *pt;
		const char *host;
		int port = MESH_DEFAULT_PORT;

		if (out->n >= l->routes) {
			mesh_i_json_report(r, MESH_ERROR, "too-many-routes", rt,
			    0, node, "more than %zu route%s (--max-routes "
			    "raises the limit)", l->routes, l->routes == 1 ?
			    "" : "s");
			return;
		}
		if (!cJSON_IsObject(rt)) {
			mesh_i_json_wrong_type(r, rt, "a route", "an object "
			    "with 'host' and 'port'", node);
			continue;
		}
		mesh_i_json_check_keys(r, rt, route_keys, node ?
		    "a route of node " : "a route", node);
		h = cJSON_GetObjectItemCaseSensitive(rt, "host");
		pt = cJSON_GetObjectItemCaseSensitive(rt, "port");
		if (h == NULL) {
			mesh_i_json_report(r, MESH_ERROR, "route-without-host",
			    rt, 0, node, "a route has no 'host'");
			continue;
		}
		if ((host = mesh_i_json_read_host(r, h, node)) == NULL)
			continue;
		if (pt != NULL &&
		    (port = mesh_i_json_read_port(r, pt, node)) == 0)
			continue;
		p = mesh_i_jpos_of(h);
		if (mesh_i_name_too_long(host, "host", r->diags, r->file,
		    p->line, p->column)) {
			r->errors++;
			continue;
		}
		if ((out->v[out->n].host = strdup(host)) == NULL) {
			r->nomem = 1;
			return;
		}
		out->v[out->n].port = port;
		out->v[out->n].line = p->line;
		out->v[out->n].column = p->column;
		out->n++;
	}
}

/* Whether hosts a and b are the same (case and one trailing dot
 * ignored); -1 when out of memory. */
static int
same_host(const char *a, const char *b)
{
	char *na = mesh_i_host_normal(a), *nb = mesh_i_host_normal(b);
	int same = na != NULL && nb != NULL ? strcmp(na, nb) == 0 : -1;

	free(na);
	free(nb);
	return same;
}

/* An operation meshsim does not know, or does not apply. */
static void
unknown_operation(struct mesh_i_reader *r, const cJSON *op)
{
	if (strcmp(op->valuestring, "configure_cluster") == 0) {
		mesh_i_json_report(r, MESH_ERROR, "unsupported-operation", op,
		    0, NULL, "configure_cluster replaces the node's whole "
		    "replication setup, which meshsim does not model; send "
		    "one add_node per connection instead");
		return;
	}
	mesh_i_json_report(r, MESH_ERROR, "unknown-operation", op, 0,
	    NULL, "unknown operation '%s' (cluster_set_routes, "
	    "cluster_delete_routes, add_node, set_node, update_node or "
	    "remove_node)", op->valuestring);
}

/*
 * Split a node's url, "wss://host:port" ("ws://", or no scheme; "[v6]"
 * for an IPv6 address; a path after the port is allowed): *host gets a
 * malloc'd copy of the host (NULL when out of memory: *why stays NULL),
 * *port the port or 0. Returns 0, or -1 with *why set to a static reason.
 */
static int
split_url(const char *s, char **host, int *port, const char **why)
{
	const char *h = s, *sep, *end, *colon = NULL;
	size_t n;

	*host = NULL;
	*port = 0;
	*why = NULL;
	if ((sep = strstr(s, "://")) != NULL) {
		n = (size_t)(sep - s);
		if (!((n == 2 && strncasecmp(s, "ws", 2) == 0) ||
		    (n == 3 && strncasecmp(s, "wss", 3) == 0))) {
			*why = "the scheme is not ws:// or wss://";
			return -1;
		}
		h = sep + 3;
	}
	end = h + strcspn(h, "/?#");
	if (*h == '[') {
		const char *rb = memchr(h, ']', (size_t)(end - h));

		if (rb == NULL || (rb + 1 < end && rb[1] != ':')) {
			*why = "a bad [IPv6] address";
			return -1;
		}
		colon = rb + 1 < end ? rb + 1 : NULL;
		h++;
		n = (size_t)(rb - h);
	} else {
		colon = memchr(h, ':', (size_t)(end - h));
		if (colon != NULL && memchr(colon + 1, ':',
		    (size_t)(end - colon - 1)) != NULL)
			colon = NULL;   /* a bare IPv6 address */
		n = (size_t)((colon ? colon : end) - h);
	}
	if (n == 0) {
		*why = "no host";
		return -1;
	}
	if (colon != NULL) {
		char digits[8], *e;
		size_t dn = (size_t)(end - colon - 1);
		long v;

		if (dn == 0 || dn >= sizeof(digits) ||
		    strspn(colon + 1, "0123456789") < dn) {
			*why = "the port is not a number";
			return -1;
		}
		memcpy(digits, colon + 1, dn);
		digits[dn] = '\0';
		errno = 0;
		v = strtol(digits, &e, 10);
		if (errno != 0 || *e != '\0' || v < 1 || v > 65535) {
			*why = "the port is out of range (1-65535)";
			return -1;
		}
		*port = (int)v;
	}
	if ((*host = malloc(n + 1)) == NULL)
		return -1;
	memcpy(*host, h, n);
	(*host)[n] = '\0';
	return 0;
}

/*
 * The node an add_node, update_node or remove_node request names: its
 * "hostname" (url: NULL), or the host and port of its "url", into t.
 * Returns 0, or -1 after reporting (t->host NULL).
 */
static int
read_target(struct mesh_i_reader *r, const cJSON *hostname, const cJSON *url,
    struct mesh_ops_route *t)
{
	const struct mesh_i_jpos *p = mesh_i_jpos_of(hostname ? hostname : url);
	const char *host, *why;
	char *uhost = NULL;
	int uport = 0;

	if (url != NULL) {
		if (!cJSON_IsString(url)) {
			mesh_i_json_wrong_type(r, url, "'url'", "a string",
			    NULL);
			return -1;
		}
		if (split_url(url->valuestring, &uhost, &uport, &why) != 0) {
			if (why == NULL) {
				r->nomem = r->diags->nomem = 1;
				return -1;
			}
			mesh_i_json_report(r, MESH_ERROR, "bad-url", url, 0,
			    NULL, "url '%s' is not a ws:// or wss:// URL: %s",
			    url->valuestring, why);
			return -1;
		}
		if (*uhost == '\0' || mesh_i_has_control(uhost) ||
		    strpbrk(uhost, " /") != NULL || p->has_nul) {
			mesh_i_json_report(r, MESH_ERROR, "bad-host", url, 0,
			    NULL, "the host of url '%s' is not an IP address "
			    "or DNS name", url->valuestring);
			free(uhost);
			return -1;
		}
	}
	if (hostname != NULL) {
		if (!cJSON_IsString(hostname)) {
			mesh_i_json_wrong_type(r, hostname, "'hostname'",
			    "a string", NULL);
			free(uhost);
			return -1;
		}
		if ((host = mesh_i_json_read_host(r, hostname, NULL)) ==
		    NULL) {
			free(uhost);
			return -1;
		}
		if (uhost != NULL && same_host(host, uhost) != 1) {
			mesh_i_json_report(r, MESH_ERROR, "target-mismatch",
			    url, 0, NULL, "'hostname' is '%s' but 'url' names "
			    "'%s': which node is meant?", host, uhost);
			free(uhost);
			return -1;
		}
		free(uhost);
		if ((uhost = strdup(host)) == NULL) {
			r->nomem = r->diags->nomem = 1;
			return -1;
		}
	}
	if (mesh_i_name_too_long(uhost, "host", r->diags, r->file, p->line,
	    p->column)) {
		r->errors++;
		free(uhost);
		return -1;
	}
	t->host = uhost;
	t->port = uport;
	t->line = p->line;
	t->column = p->column;
	return 0;
}

/* Whether routes (a request's) are written as 4.4+'s replication.routes:
 * one is a string or an object with "hostname". */
static int
repl_form(const cJSON *routes)
{
	const cJSON *rt;

	if (!cJSON_IsArray(routes))
		return 0;
	cJSON_ArrayForEach(rt, routes)
		if (cJSON_IsString(rt) || (cJSON_IsObject(rt) &&
		    cJSON_GetObjectItemCaseSensitive(rt, "hostname") != NULL))
			return 1;
	return 0;
}

/* One route of 4.4+'s form into out (room made): "host", "host:port",
 * "wss://host:port", or {"hostname": H, "port": P}. */
static void
read_repl_route(struct mesh_i_reader *r, const cJSON *rt,
    struct mesh_ops_routes *out)
{
	const cJSON *seen[MESH_I_JSON_ROOM(repl_route_keys)];
	const struct mesh_i_jpos *p = mesh_i_jpos_of(rt);
	struct mesh_ops_route *o = &out->v[out->n];
	const char *why, *host;
	int port = 0;

	if (cJSON_IsString(rt)) {
		if (split_url(rt->valuestring, &o->host, &o->port, &why) !=
		    0) {
			if (why == NULL)
				r->nomem = r->diags->nomem = 1;
			else
				mesh_i_json_report(r, MESH_ERROR, "bad-url",
				    rt, 0, NULL, "route '%s' is not a host, "
				    "host:port or ws(s):// URL: %s",
				    rt->valuestring, why);
			return;
		}
		if (p->has_nul || mesh_i_has_control(o->host) ||
		    strpbrk(o->host, " /") != NULL) {
			mesh_i_json_report(r, MESH_ERROR, "bad-host", rt, 0,
			    NULL, "the host of route '%s' is not an IP "
			    "address or DNS name", rt->valuestring);
			free(o->host);
			o->host = NULL;
			return;
		}
	} else if (cJSON_IsObject(rt)) {
		mesh_i_json_members(r, rt, repl_route_keys, "a route", NULL,
		    seen);
		if (seen[0] == NULL) {
			mesh_i_json_report(r, MESH_ERROR, "route-without-host",
			    rt, 0, NULL, "a route has no 'hostname' (with "
			    "'host' it is NATS clustering's, and one request "
			    "holds one form)");
			return;
		}
		if (!cJSON_IsString(seen[0])) {
			mesh_i_json_wrong_type(r, seen[0], "'hostname'",
			    "a string", NULL);
			return;
		}
		if ((host = mesh_i_json_read_host(r, seen[0], NULL)) == NULL)
			return;
		if (seen[1] != NULL &&
		    (port = mesh_i_json_read_port(r, seen[1], NULL)) == 0)
			return;
		p = mesh_i_jpos_of(seen[0]);
		if ((o->host = strdup(host)) == NULL) {
			r->nomem = r->diags->nomem = 1;
			return;
		}
		o->port = port;
	} else {
		mesh_i_json_wrong_type(r, rt, "a route", "a string or an "
		    "object with 'hostname' and 'port'", NULL);
		return;
	}
	if (mesh_i_name_too_long(o->host, "host", r->diags, r->file, p->line,
	    p->column)) {
		r->errors++;
		free(o->host);
		o->host = NULL;
		return;
	}
	o->line = p->line;
	o->column = p->column;
	out->n++;
}

/* 4.4+'s cluster_set_routes or cluster_delete_routes (op) into q. */
static void
read_repl_routes(struct mesh_i_reader *r, const cJSON *root, const char *op,
    struct mesh_ops_request *q)
{
	const struct mesh_limits *l = mesh_limits_get();
	const cJSON *routes = cJSON_GetObjectItemCaseSensitive(root, "routes");
	const cJSON *server = cJSON_GetObjectItemCaseSensitive(root, "server");
	const cJSON *rt;

	q->op = op[8] == 's' ? MESH_OPS_SET_REPL_ROUTES :
	    MESH_OPS_DELETE_REPL_ROUTES;
	q->opname = op[8] == 's' ? "cluster_set_routes" :
	    "cluster_delete_routes";
	if (server != NULL)
		mesh_i_json_report(r, MESH_WARNING, "unknown-key", server, 1,
		    NULL, "'server' is NATS clustering's, and these routes "
		    "are replication's (strings or {hostname, port}); "
		    "ignored");
	else
		mesh_i_json_check_keys(r, root, repl_routes_keys,
		    "the request", NULL);
	if ((q->routes.v = calloc((size_t)cJSON_GetArraySize(routes) + 1,
	    sizeof(*q->routes.v))) == NULL) {
		r->nomem = r->diags->nomem = 1;
		return;
	}
	cJSON_ArrayForEach(rt, routes) {
		if (q->routes.n >= l->routes) {
			mesh_i_json_report(r, MESH_ERROR, "too-many-routes", rt,
			    0, NULL, "more than %zu route%s (--max-routes "
			    "raises the limit)", l->routes, l->routes == 1 ?
			    "" : "s");
			return;
		}
		read_repl_route(r, rt, &q->routes);
		if (r->nomem)
			return;
	}
}

/*
 * Read root as a replication request when op is add_node, set_node,
 * update_node or remove_node, into q. Returns 0 when it is one (problems
 * are reported), 1 when op is none of them.
 */
static int
read_node_request(struct mesh_i_reader *r, const cJSON *root, const char *op,
    struct mesh_ops_request *q)
{
	const char *const *keys;
	const cJSON *hostname, *url = NULL;
	const cJSON *seen[MESH_I_JSON_ROOM(add_node_keys)];

	if (strcmp(op, "add_node") == 0 || strcmp(op, "set_node") == 0) {
		q->op = MESH_OPS_ADD_NODE;
		q->opname = op[0] == 'a' ? "add_node" : "set_node";
		keys = add_node_keys;
	} else if (strcmp(op, "update_node") == 0) {
		q->op = MESH_OPS_UPDATE_NODE;
		q->opname = "update_node";
		keys = update_node_keys;
	} else if (strcmp(op, "remove_node") == 0) {
		q->op = MESH_OPS_REMOVE_NODE;
		q->opname = "remove_node";
		keys = remove_node_keys;
	} else if ((strcmp(op, "cluster_set_routes") == 0 ||
	    strcmp(op, "cluster_delete_routes") == 0) &&
	    repl_form(cJSON_GetObjectItemCaseSensitive(root, "routes"))) {
		read_repl_routes(r, root, op, q);
		return 0;
	} else if (strcmp(op, "configure_cluster") == 0) {
		unknown_operation(r, cJSON_GetObjectItemCaseSensitive(root,
		    "operation"));
		return 0;
	} else {
		return 1;
	}
	mesh_i_json_members(r, root, keys, "the request", NULL, seen);
	hostname = cJSON_GetObjectItemCaseSensitive(root, "hostname");
	if (q->op == MESH_OPS_ADD_NODE)
		url = cJSON_GetObjectItemCaseSensitive(root, "url");
	if (hostname == NULL && url == NULL) {
		mesh_i_json_report(r, MESH_ERROR, "missing-key", root, 0, NULL,
		    "%s needs the node's %s", q->opname, q->op ==
		    MESH_OPS_ADD_NODE ? "'hostname' or 'url'" : "'hostname'");
		return 0;
	}
	(void)read_target(r, hostname, url, &q->target);
	return 0;
}

void
mesh_ops_request_free(struct mesh_ops_request *q)
{
	if (q == NULL)
		return;
	routes_clear(&q->routes);
	free(q->target.host);
	free(q->file);
	free(q);
}

enum mesh_error
mesh_ops_request_parse(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_ops_request **out)
{
	struct mesh_ops_request *q = NULL;
	const cJSON *op, *server, *routes;
	enum mesh_error err;
	struct doc d;

	*out = NULL;
	if ((err = doc_parse(&d, buf, len, file, diags, "a request")) !=
	    MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if ((q = calloc(1, sizeof(*q))) == NULL ||
	    (file != NULL && (q->file = strdup(file)) == NULL))
		goto done;
	op = cJSON_GetObjectItemCaseSensitive(d.root, "operation");
	if (op != NULL && cJSON_IsString(op)) {
		q->op_line = mesh_i_jpos_of(op)->line;
		q->op_column = mesh_i_jpos_of(op)->column;
	}
	if (op != NULL && cJSON_IsString(op) &&
	    read_node_request(&d.r, d.root, op->valuestring, q) == 0)
		goto checked;
	mesh_i_json_check_keys(&d.r, d.root, request_keys, "the request", NULL);
	op = mesh_i_json_member(&d.r, d.root, "operation", "the request",
	    NULL);
	server = cJSON_GetObjectItemCaseSensitive(d.root, "server");
	routes = mesh_i_json_member(&d.r, d.root, "routes", "the request",
	    NULL);
	if (op != NULL && !cJSON_IsString(op)) {
		mesh_i_json_wrong_type(&d.r, op, "'operation'",
		    "a string", NULL);
	} else if (op != NULL && strcmp(op->valuestring,
	    "cluster_set_routes") == 0) {
		q->op = MESH_OPS_SET_ROUTES;
		q->opname = "cluster_set_routes";
		q->leaf = 1;
		if (server == NULL)
			mesh_i_json_report(&d.r, MESH_WARNING, "missing-server",
			    d.root, 0, NULL, "the request has no 'server': "
			    "Harper then sets leaf routes, which are not mesh "
			    "links; say \"server\": \"hub\"");
		else if (!cJSON_IsString(server))
			mesh_i_json_wrong_type(&d.r, server, "'server'",
			    "\"hub\" or \"leaf\"", NULL);
		else if (strcmp(server->valuestring, "hub") == 0)
			q->leaf = 0;
		else if (strcmp(server->valuestring, "leaf") != 0)
			mesh_i_json_report(&d.r, MESH_ERROR, "bad-server",
			    server, 0, NULL, "'server' must be \"hub\" or "
			    "\"leaf\", not '%s'", server->valuestring);
	} else if (op != NULL && strcmp(op->valuestring,
	    "cluster_delete_routes") == 0) {
		q->op = MESH_OPS_DELETE_ROUTES;
		q->opname = "cluster_delete_routes";
		if (server != NULL)
			mesh_i_json_report(&d.r, MESH_WARNING, "unknown-key",
			    server, 1, NULL, "cluster_delete_routes takes no "
			    "'server': it deletes hub and leaf routes; "
			    "ignored");
	} else if (op != NULL) {
		unknown_operation(&d.r, op);
	}
	if (routes != NULL && !cJSON_IsArray(routes))
		mesh_i_json_wrong_type(&d.r, routes, "'routes'",
		    "a list", NULL);
	else
		read_routes(&d.r, routes, "'routes'", NULL, &q->routes);
checked:
	if (d.r.nomem)
		goto done;
	err = d.r.errors ? MESH_EINPUT : MESH_OK;
	if (err == MESH_OK) {
		*out = q;
		q = NULL;
	}
done:
	if (err == MESH_ENOMEM)
		diags->nomem = 1;
	mesh_ops_request_free(q);
	doc_free(&d);
	return err;
}

void
mesh_ops_get_routes_free(struct mesh_ops_get_routes *g)
{
	if (g == NULL)
		return;
	routes_clear(&g->hub);
	routes_clear(&g->leaf);
	free(g->file);
	free(g);
}

enum mesh_error
mesh_ops_get_routes_parse(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_ops_get_routes **out)
{
	struct mesh_ops_get_routes *g = NULL;
	enum mesh_error err;
	struct doc d;

	*out = NULL;
	if ((err = doc_parse(&d, buf, len, file, diags,
	    "a cluster_get_routes answer")) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if ((g = calloc(1, sizeof(*g))) == NULL ||
	    (file != NULL && (g->file = strdup(file)) == NULL))
		goto done;
	mesh_i_json_check_keys(&d.r, d.root, get_routes_keys, "the answer",
	    NULL);
	read_routes(&d.r, mesh_i_json_member(&d.r, d.root, "hub",
	    "the answer", NULL), "'hub'", NULL, &g->hub);
	if (!d.r.nomem)
		read_routes(&d.r, cJSON_GetObjectItemCaseSensitive(d.root,
		    "leaf"), "'leaf'", NULL, &g->leaf);
	if (d.r.nomem)
		goto done;
	err = d.r.errors ? MESH_EINPUT : MESH_OK;
	if (err == MESH_OK) {
		*out = g;
		g = NULL;
	}
done:
	if (err == MESH_ENOMEM)
		diags->nomem = 1;
	mesh_ops_get_routes_free(g);
	doc_free(&d);
	return err;
}

void
mesh_ops_inventory_free(struct mesh_ops_inventory *inv)
{
	size_t i;

	if (inv == NULL)
		return;
	for (i = 0; i < inv->n; i++) {
		free(inv->names[i]);
		free(inv->hosts[i]);
	}
	free(inv->names);
	free(inv->hosts);
	free(inv->ports);
	free(inv->lines);
	free(inv->columns);
	free(inv->used);
	mesh_i_map_free(&inv->index);
	free(inv->file);
	free(inv);
}

/* One inventory entry: name to "host" or {"host": H, "port": P}. */
static void
read_inventory_entry(struct mesh_i_reader *r, struct mesh_ops_inventory *inv,
    const cJSON *e)
{
	const struct mesh_i_jpos *p = mesh_i_jpos_of(e);
	const cJSON *h = e, *pt = NULL;
	const char *host;
	int port = 0, put;
	size_t k = inv->n;

	if (*e->string == '\0' || mesh_i_has_control(e->string)) {
		mesh_i_json_report(r, MESH_ERROR, "bad-name", e, 1, NULL,
		    "a node name in the inventory is empty or holds a control "
		    "character");
		return;
	}
	if (cJSON_IsObject(e)) {
		mesh_i_json_check_keys(r, e, inventory_keys, "the inventory "
		    "entry of ", e->string);
		h = mesh_i_json_member(r, e, "host", "the inventory entry",
		    e->string);
		pt = cJSON_GetObjectItemCaseSensitive(e, "port");
		if (h == NULL)
			return;
	} else if (!cJSON_IsString(e)) {
		mesh_i_json_wrong_type(r, e, "an inventory entry", "a host or "
		    "an object with 'host' and 'port'", e->string);
		return;
	}
	if ((host = mesh_i_json_read_host(r, h, e->string)) == NULL)
		return;
	if (pt != NULL && (port = mesh_i_json_read_port(r, pt, e->string)) == 0)
		return;
	/* The map borrows its keys: they are the copies the inventory
	 * keeps. */
	if ((inv->names[k] = strdup(e->string)) == NULL ||
	    (inv->hosts[k] = strdup(host)) == NULL) {
		free(inv->names[k]);
		inv->names[k] = NULL;
		r->nomem = 1;
		return;
	}
	if ((put = mesh_i_map_put(&inv->index, inv->names[k], 0, (int)k)) !=
	    -1) {
		if (put == -2)
			r->nomem = 1;
		else
			mesh_i_json_report(r, MESH_ERROR, "duplicate-name", e,
			    1, e->string, "the inventory names '%s' twice",
			    e->string);
		free(inv->names[k]);
		free(inv->hosts[k]);
		inv->names[k] = inv->hosts[k] = NULL;
		return;
	}
	inv->ports[k] = port;
	inv->lines[k] = p->key_line;
	inv->columns[k] = p->key_column;
	inv->n++;
}

enum mesh_error
mesh_ops_inventory_parse(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_ops_inventory **out)
{
	struct mesh_ops_inventory *inv = NULL;
	const cJSON *e;
	enum mesh_error err;
	size_t n;
	struct doc d;

	*out = NULL;
	if ((err = doc_parse(&d, buf, len, file, diags, "an inventory")) !=
	    MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	n = (size_t)cJSON_GetArraySize(d.root) + 1;
	if ((inv = calloc(1, sizeof(*inv))) == NULL)
		goto done;
	mesh_i_map_init(&inv->index);
	inv->names = calloc(n, sizeof(*inv->names));
	inv->hosts = calloc(n, sizeof(*inv->hosts));
	inv->ports = calloc(n, sizeof(*inv->ports));
	inv->lines = calloc(n, sizeof(*inv->lines));
	inv->columns = calloc(n, sizeof(*inv->columns));
	inv->used = calloc(n, sizeof(*inv->used));
	if (inv->names == NULL || inv->hosts == NULL || inv->ports == NULL ||
	    inv->lines == NULL || inv->columns == NULL || inv->used == NULL ||
	    (file != NULL && (inv->file = strdup(file)) == NULL))
		goto done;
	cJSON_ArrayForEach(e, d.root) {
		read_inventory_entry(&d.r, inv, e);
		if (d.r.nomem)
			goto done;
	}
	err = d.r.errors ? MESH_EINPUT : MESH_OK;
	if (err == MESH_OK) {
		*out = inv;
		inv = NULL;
	}
done:
	if (err == MESH_ENOMEM)
		diags->nomem = 1;
	mesh_ops_inventory_free(inv);
	doc_free(&d);
	return err;
}

/* Add node name to plan with its host and port from inv (marking the
 * entry used), else its name and 9932. Returns as mesh_plan_add_node(). */
static int
add_node(struct mesh_plan *p, const struct mesh_ops_inventory *inv,
    const char *name, int line, int column)
{
	int k = inv != NULL ? mesh_i_map_get(&inv->index, name, 0) : -1;

	if (k < 0)
		return mesh_plan_add_node(p, name, NULL, MESH_DEFAULT_PORT,
		    line, column);
	inv->used[k] = 1;
	return mesh_plan_add_node(p, name, inv->hosts[k], inv->ports[k] ?
	    inv->ports[k] : MESH_DEFAULT_PORT, line, column);
}

/* An inventory entry that names no node is a warning. */
static void
report_unused(const struct mesh_ops_inventory *inv,
    struct mesh_diags *diags)
{
	size_t i;

	for (i = 0; inv != NULL && i < inv->n; i++)
		if (!inv->used[i])
			mesh_diags_add(diags, MESH_WARNING, "unused-inventory",
			    inv->file, inv->lines[i], inv->columns[i],
			    inv->names[i], "the inventory names '%s', which "
			    "is not a node here; ignored", inv->names[i]);
}

static int
is_route_code(const char *code)
{
	size_t i;

	for (i = 0; route_codes[i] != NULL; i++)
		if (strcmp(code, route_codes[i]) == 0)
			return 1;
	return 0;
}

/*
 * Resolve p. Routes written elsewhere than p->file carry line -(k + 1):
 * their diagnostics are placed at origins[k] and go to placed, and their
 * positions are set back; the other diagnostics go to rest (may be the
 * same list). Returns as mesh_plan_resolve().
 */
static enum mesh_error
resolve_placed(struct mesh_plan *p, const struct origin *origins,
    struct mesh_diags *placed, struct mesh_diags *rest)
{
	struct mesh_diags scratch;
	enum mesh_error err;
	size_t i, j;

	mesh_diags_init(&scratch);
	err = mesh_plan_resolve(p, &scratch);
	for (i = 0; i < scratch.n; i++) {
		const struct mesh_diag *g = &scratch.v[i];
		const struct origin *o = g->line < 0 ?
		    &origins[-g->line - 1] : NULL;

		mesh_diags_add(o ? placed : rest, g->severity, g->code,
		    o ? o->file : g->file, o ? o->line : g->line,
		    o ? o->column : g->column, g->node, "%s", g->message);
	}
	if (scratch.nomem)
		placed->nomem = 1;
	mesh_diags_clear(&scratch);
	for (i = 0; i < p->nnodes; i++)
		for (j = 0; j < p->nodes[i].nroutes; j++) {
			struct mesh_route *r = &p->nodes[i].routes[j];

			if (r->line < 0) {
				const struct origin *o = &origins[-r->line - 1];

				r->line = o->line;
				r->column = o->column;
			}
		}
	return err;
}

/* A route in a node's working list while requests are applied. */
struct entry {
	const char *host;       /* borrowed */
	char *norm;             /* mesh_i_host_normal(host) */
	int port;
	int line, column;
	int origin;             /* -1: the plan's; else an origins index */
	int target;             /* the node it links to, or -1 (unknown) */
	int runtime;            /* 1: add_node's (a node record), not in the
				 * node's config */
	long src;               /* the plan's: its index among the node's
				 * routes (for its source); else -1 */
};

struct entries {
	struct entry *v;
	size_t n, cap;
};

static int
entries_push(struct entries *l, const struct entry *e)
{
	if (l->n == l->cap) {
		size_t c = l->cap ? 2 * l->cap : 8;
		struct entry *v = realloc(l->v, c * sizeof(*v));

		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = c;
	}
	l->v[l->n++] = *e;
	return 0;
}

/* The index of the first entry of l with host norm and port, or -1. */
static long
entries_find(const struct entries *l, const char *norm, int port)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].port == port && strcmp(l->v[i].norm, norm) == 0)
			return (long)i;
	return -1;
}

static void
entries_remove(struct entries *l, size_t i)
{
	free(l->v[i].norm);
	memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof(*l->v));
	l->n--;
}

/* Apply one request to node's hub and leaf lists; o gets the answer.
 * origins[*norigins] gets each route set. Returns 0 or -1 (ENOMEM). */
static int
apply_one(const struct mesh_ops_request *q, struct entries *hub,
    struct entries *leaf, struct mesh_ops_outcome *o,
    struct origin *origins, size_t *norigins)
{
	size_t i, n = q->routes.n + 1;

	if ((o->set = malloc(n * sizeof(size_t))) == NULL ||
	    (o->skipped = malloc(n * sizeof(size_t))) == NULL ||
	    (o->deleted = malloc(n * sizeof(size_t))) == NULL)
		return -1;
	for (i = 0; i < q->routes.n; i++) {
		const struct mesh_ops_route *r = &q->routes.v[i];
		struct entry e = { r->host, NULL, r->port, r->line, r->column,
		    -1, -1, 0, -1 };
		long k;

		if ((e.norm = mesh_i_host_normal(r->host)) == NULL)
			return -1;
		if (q->op == MESH_OPS_SET_ROUTES) {
			if (entries_find(hub, e.norm, e.port) >= 0 ||
			    entries_find(leaf, e.norm, e.port) >= 0) {
				o->skipped[o->nskipped++] = i;
				free(e.norm);
				continue;
			}
			e.origin = (int)*norigins;
			if (entries_push(q->leaf ? leaf : hub, &e) != 0) {
				free(e.norm);
				return -1;
			}
			origins[*norigins].file = q->file;
			origins[*norigins].line = r->line;
			origins[*norigins].column = r->column;
			(*norigins)++;
			o->set[o->nset++] = i;
			continue;
		}
		if ((k = entries_find(hub, e.norm, e.port)) >= 0)
			entries_remove(hub, (size_t)k);
		else if ((k = entries_find(leaf, e.norm, e.port)) >= 0)
			entries_remove(leaf, (size_t)k);
		free(e.norm);
		if (k >= 0)
			o->deleted[o->ndeleted++] = i;
		else
			o->skipped[o->nskipped++] = i;
	}
	return 0;
}

/* Whether now, the route warnings of the plan after the requests (about
 * the plan's own routes), holds g. */
static int
still_there(const struct mesh_diags *now, const struct mesh_diag *g)
{
	size_t i;

	for (i = 0; i < now->n; i++) {
		const struct mesh_diag *h = &now->v[i];

		if (h->line == g->line && h->column == g->column &&
		    strcmp(h->code, g->code) == 0 && (h->node == NULL) ==
		    (g->node == NULL) && (h->node == NULL ||
		    strcmp(h->node, g->node) == 0))
			return 1;
	}
	return 0;
}

/* Drop from d the route warnings that no longer hold (the route was
 * deleted, or is no longer a duplicate): those not in now. Returns 0, or
 * -1 when out of memory. */
static int
drop_stale_warnings(struct mesh_diags *d, const struct mesh_diags *now)
{
	struct mesh_diags keep;
	size_t i;

	mesh_diags_init(&keep);
	for (i = 0; i < d->n; i++) {
		const struct mesh_diag *g = &d->v[i];

		if (is_route_code(g->code) && !still_there(now, g))
			continue;
		if (mesh_diags_add(&keep, g->severity, g->code, g->file,
		    g->line, g->column, g->node, "%s", g->message) != 0) {
			mesh_diags_clear(&keep);
			return -1;
		}
	}
	keep.nomem = d->nomem;
	mesh_diags_clear(d);
	*d = keep;
	return 0;
}

void
mesh_ops_outcomes_free(struct mesh_ops_outcome *o, size_t n)
{
	size_t i;

	for (i = 0; o != NULL && i < n; i++) {
		free(o[i].set);
		free(o[i].skipped);
		free(o[i].deleted);
	}
	free(o);
}

/* The nodes while requests are applied: the plan's, then those add_node
 * brought (their names are their hosts). */
struct work {
	const struct mesh_plan *plan;
	struct entries *hub, *leaf;     /* per node */
	char **norm;            /* per node: its host, normalized */
	char **newhost;         /* per new node (index - plan->nnodes) */
	int *newport;
	size_t n;               /* nodes */
	struct origin *origins;
	size_t norigins;
	struct mesh_diags *diags;
};

static const char *
work_host(const struct work *w, size_t i)
{
	return i < w->plan->nnodes ? w->plan->nodes[i].host :
	    w->newhost[i - w->plan->nnodes];
}

static int
work_port(const struct work *w, size_t i)
{
	return i < w->plan->nnodes ? w->plan->nodes[i].port :
	    w->newport[i - w->plan->nnodes];
}

static const char *
work_name(const struct work *w, size_t i)
{
	return i < w->plan->nnodes ? w->plan->nodes[i].name :
	    w->newhost[i - w->plan->nnodes];
}

/*
 * The node a replication request names (host norm, port 0: any): the
 * node at that host and port, else the first at that host (or one of its
 * aliases) on any port (Harper serves replication on several ports),
 * else the node so named; -1 if none. Linear in the nodes.
 */
static int
find_target(const struct work *w, const char *host, const char *norm,
    int port)
{
	const char *const *al;
	size_t i, j, na;
	int any = -1;

	for (i = 0; i < w->n; i++) {
		int same = strcmp(w->norm[i], norm) == 0;

		for (j = 0, na = i < w->plan->nnodes ? mesh_plan_aliases(
		    w->plan, (int)i, &al) : 0; !same && j < na; j++) {
			char *a = mesh_i_host_normal(al[j]);

			same = a != NULL && strcmp(a, norm) == 0;
			free(a);
		}
		if (!same)
			continue;
		if (port == 0 || work_port(w, i) == port)
			return (int)i;
		if (any < 0)
			any = (int)i;
	}
	if (any >= 0)
		return any;
	for (i = 0; i < w->n; i++)
		if (strcmp(work_name(w, i), host) == 0)
			return (int)i;
	return -1;
}

/* Whether a link joins x and t: a route of either that resolves to the
 * other. */
static int
linked(const struct work *w, int x, int t)
{
	size_t j;

	for (j = 0; j < w->hub[x].n; j++)
		if (w->hub[x].v[j].target == t)
			return 1;
	for (j = 0; j < w->hub[t].n; j++)
		if (w->hub[t].v[j].target == x)
			return 1;
	return 0;
}

static int
uf_find(int *up, int i)
{
	while (up[i] != i)
		i = up[i] = up[up[i]];
	return i;
}

/* Whether routes join x and t through any path; -1 when out of memory.
 * Linear in the routes (near enough: union-find with halving). */
static int
same_cluster(const struct work *w, int x, int t)
{
	int *up = malloc((w->n + 1) * sizeof(*up));
	size_t i, j;
	int r;

	if (up == NULL)
		return -1;
	for (i = 0; i < w->n; i++)
		up[i] = (int)i;
	for (i = 0; i < w->n; i++)
		for (j = 0; j < w->hub[i].n; j++)
			if (w->hub[i].v[j].target >= 0)
				up[uf_find(up, (int)i)] = uf_find(up,
				    w->hub[i].v[j].target);
	r = uf_find(up, x) == uf_find(up, t);
	free(up);
	return r;
}

/* Remove from x's routes those add_node made to t; returns how many. */
static size_t
unlink_runtime(struct entries *l, int t)
{
	size_t j = 0, n = 0;

	while (j < l->n)
		if (l->v[j].runtime && l->v[j].target == t) {
			entries_remove(l, j);
			n++;
		} else {
			j++;
		}
	return n;
}

/* A warning per configured route of node a to node b: remove_node leaves
 * it, and a restart brings the link back. */
static int
warn_kept(struct work *w, const struct mesh_ops_request *q, int a, int b,
    size_t *kept)
{
	size_t j;

	for (j = 0; j < w->hub[a].n; j++) {
		const struct entry *e = &w->hub[a].v[j];
		const struct mesh_source *src = e->src >= 0 ?
		    mesh_plan_route_source(w->plan, a, (size_t)e->src) : NULL;
		const char *file = src != NULL && src->file != NULL ?
		    src->file : w->plan->file;

		if (e->runtime || e->target != b)
			continue;
		(*kept)++;
		if (mesh_diags_add(w->diags, MESH_WARNING, "route-remains",
		    q->file, q->target.line, q->target.column, work_name(w,
		    (size_t)a), "remove_node: '%s' still has a configured "
		    "route to '%s' (%s:%d, %s:%d:%d), so it connects to it "
		    "again when it restarts; delete the route from its "
		    "replication.routes too", work_name(w, (size_t)a),
		    work_name(w, (size_t)b), e->host, e->port, file ? file :
		    "the plan", e->line, e->column) != 0)
			return -1;
	}
	return 0;
}

/*
 * Apply add_node, update_node or remove_node q sent to node x; o gets
 * what it did. add_node of a host no node has adds a node (w->n grows;
 * the caller made room). Returns 0, or -1 when out of memory.
 */
static int
apply_node(struct work *w, const struct mesh_ops_request *q, int x,
    struct mesh_ops_outcome *o)
{
	struct entry e = { NULL, NULL, 0, q->target.line, q->target.column,
	    -1, -1, 1, -1 };
	char *norm = mesh_i_host_normal(q->target.host);
	int t, c;

	if (norm == NULL)
		return -1;
	t = find_target(w, q->target.host, norm, q->target.port);
	o->target = t;
	if (t == x) {
		o->result = MESH_OPS_SELF;
		goto done;
	}
	if (q->op == MESH_OPS_REMOVE_NODE) {
		size_t n;

		if (t < 0) {
			o->result = MESH_OPS_NOT_FOUND;
			goto done;
		}
		n = unlink_runtime(&w->hub[x], t) +
		    unlink_runtime(&w->hub[t], x);
		o->result = n ? MESH_OPS_UNLINKED : MESH_OPS_NOT_LINKED;
		if (warn_kept(w, q, x, t, &o->kept) != 0 ||
		    warn_kept(w, q, t, x, &o->kept) != 0)
			goto fail;
		goto done;
	}
	if (t >= 0 && q->op == MESH_OPS_UPDATE_NODE) {
		if ((c = same_cluster(w, x, t)) < 0)
			goto fail;
		if (c) {
			o->result = MESH_OPS_KNOWN;
			goto done;
		}
	}
	if (t >= 0 && linked(w, x, t)) {
		o->result = MESH_OPS_ALREADY;
		goto done;
	}
	if (t < 0) {
		size_t k = w->n - w->plan->nnodes;

		if ((w->newhost[k] = strdup(q->target.host)) == NULL)
			goto fail;
		w->newport[k] = q->target.port ? q->target.port :
		    work_port(w, (size_t)x);
		w->norm[w->n] = norm;
		norm = NULL;
		t = (int)w->n++;
		o->target = t;
		o->result = MESH_OPS_NEW_NODE;
	} else {
		o->result = MESH_OPS_LINKED;
	}
	/* The link is a route of x to t's own host and port, so that it
	 * resolves to t: Harper records each node at the other. */
	e.host = work_host(w, (size_t)t);
	e.port = work_port(w, (size_t)t);
	e.target = t;
	if ((e.norm = mesh_i_host_normal(e.host)) == NULL)
		goto fail;
	e.origin = (int)w->norigins;
	if (entries_push(&w->hub[x], &e) != 0) {
		free(e.norm);
		goto fail;
	}
	w->origins[w->norigins].file = q->file;
	w->origins[w->norigins].line = q->target.line;
	w->origins[w->norigins].column = q->target.column;
	w->norigins++;
done:
	free(norm);
	return 0;
fail:
	free(norm);
	return -1;
}

/*
 * Apply 4.4+'s cluster_set_routes or cluster_delete_routes q sent to node
 * x, to x's configured routes (replication.routes); o gets the answer. A
 * route without a port is on x's port. A set skips a route x has (same
 * host, as routes compare hosts, and port) or that the request set just
 * before, and writes the others to the port of the node at that host, so
 * that they link (Harper serves replication on several ports). A delete
 * removes the first configured route with that host and port (any port
 * when the route gives none), else skips. Returns 0, or -1 when out of
 * memory.
 */
static int
apply_repl_routes(struct work *w, const struct mesh_ops_request *q, int x,
    struct mesh_ops_outcome *o)
{
	struct entries *l = &w->hub[x];
	size_t i, j, n = q->routes.n + 1;

	if ((o->set = malloc(n * sizeof(size_t))) == NULL ||
	    (o->skipped = malloc(n * sizeof(size_t))) == NULL ||
	    (o->deleted = malloc(n * sizeof(size_t))) == NULL)
		return -1;
	for (i = 0; i < q->routes.n; i++) {
		const struct mesh_ops_route *r = &q->routes.v[i];
		int port = r->port ? r->port : work_port(w, (size_t)x);
		struct entry e = { r->host, NULL, port, r->line, r->column,
		    -1, -1, 0, -1 };
		long k = -1;

		if ((e.norm = mesh_i_host_normal(r->host)) == NULL)
			return -1;
		for (j = 0; j < l->n && k < 0; j++)
			if (!l->v[j].runtime && strcmp(l->v[j].norm,
			    e.norm) == 0 && (l->v[j].port == port ||
			    (q->op == MESH_OPS_DELETE_REPL_ROUTES &&
			    r->port == 0)))
				k = (long)j;
		if (q->op == MESH_OPS_DELETE_REPL_ROUTES) {
			free(e.norm);
			if (k >= 0) {
				entries_remove(l, (size_t)k);
				o->deleted[o->ndeleted++] = i;
			} else {
				o->skipped[o->nskipped++] = i;
			}
			continue;
		}
		if (k >= 0) {
			free(e.norm);
			o->skipped[o->nskipped++] = i;
			continue;
		}
		if ((e.target = find_target(w, r->host, e.norm, r->port)) >= 0)
			e.port = work_port(w, (size_t)e.target);
		e.origin = (int)w->norigins;
		if (entries_push(l, &e) != 0) {
			free(e.norm);
			return -1;
		}
		w->origins[w->norigins].file = q->file;
		w->origins[w->norigins].line = r->line;
		w->origins[w->norigins].column = r->column;
		w->norigins++;
		o->set[o->nset++] = i;
	}
	return 0;
}

/* The plan after: the nodes (with their labels, availability and
 * aliases), then the routes. Returns it, or NULL when out of memory. */
static struct mesh_plan *
work_plan(const struct work *w)
{
	const struct mesh_plan *plan = w->plan;
	const char *const *al;
	struct mesh_plan *p;
	size_t i, j, na;

	if ((p = mesh_plan_new(plan->name, plan->file)) == NULL)
		return NULL;
	p->cluster = plan->cluster;
	for (i = 0; i < w->n; i++) {
		const struct mesh_node *nd = i < plan->nnodes ?
		    &plan->nodes[i] : NULL;

		if (mesh_plan_add_node(p, work_name(w, i), work_host(w, i),
		    work_port(w, i), nd ? nd->line : 0, nd ? nd->column : 0) <
		    0)
			goto fail;
		if (nd == NULL)
			continue;
		if (mesh_plan_node_file(plan, (int)i) != NULL &&
		    mesh_plan_set_node_file(p, (int)i,
		    mesh_plan_node_file(plan, (int)i)) != 0)
			goto fail;
		for (j = 0; j < nd->nlabels; j++)
			if (mesh_plan_set_label(p, (int)i, nd->labels[j].key,
			    nd->labels[j].value) != 0)
				goto fail;
		p->nodes[i].availability = nd->availability;
		p->nodes[i].no_cluster = nd->no_cluster;
		na = mesh_plan_aliases(plan, (int)i, &al);
		for (j = 0; j < na; j++)
			if (mesh_plan_add_alias(p, (int)i, al[j]) != 0)
				goto fail;
	}
	for (i = 0; i < w->n; i++)
		for (j = 0; j < w->hub[i].n; j++) {
			const struct entry *e = &w->hub[i].v[j];
			const struct mesh_source *src = e->src >= 0 ?
			    mesh_plan_route_source(plan, (int)i,
			    (size_t)e->src) : NULL;
			const struct origin *o = e->origin >= 0 ?
			    &w->origins[e->origin] : NULL;

			if (mesh_plan_add_route(p, (int)i, e->host, e->port,
			    o ? -(e->origin + 1) : e->line,
			    o ? 0 : e->column) != 0)
				goto fail;
			if (src != NULL && mesh_plan_set_route_source(p,
			    (int)i, j, src->file, src->via) != 0)
				goto fail;
			if (e->runtime && mesh_plan_set_route_source(p,
			    (int)i, j, o->file, "add_node") != 0)
				goto fail;
		}
	return p;
fail:
	mesh_plan_free(p);
	return NULL;
}

enum mesh_error
mesh_ops_check_generation(const struct mesh_plan *plan, int replication,
    const struct mesh_ops_request *const *reqs, size_t n,
    struct mesh_diags *diags)
{
	const char *what = plan->cluster == MESH_CLUSTER_HARPER_NATS ?
	    "a NATS-clustering (Harper 4.0-4.3) plan" : "a plan without "
	    "\"cluster\": \"harper-replication\"";
	size_t i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		const struct mesh_ops_request *q = reqs[i];
		int repl = MESH_OPS_IS_REPLICATION(q->op);

		if (repl == (replication != 0))
			continue;
		bad = 1;
		if (repl && !MESH_OPS_IS_NODE_OP(q->op))
			mesh_diags_add(diags, MESH_ERROR, "wrong-generation",
			    q->file, q->op_line, q->op_column, NULL, "this %s "
			    "request is native replication's (Harper 4.4 and "
			    "later: routes as strings or {hostname, port}), "
			    "and this is %s, whose routes are {host, port} "
			    "with \"server\": \"hub\"", q->opname, what);
		else if (repl)
			mesh_diags_add(diags, MESH_ERROR, "wrong-generation",
			    q->file, q->op_line, q->op_column, NULL, "%s is an "
			    "operation of native replication (Harper 4.4 and "
			    "later), and this is %s, whose routes only "
			    "cluster_set_routes and cluster_delete_routes "
			    "change; give a replication plan, or --model "
			    "replication", q->opname, what);
		else
			mesh_diags_add(diags, MESH_ERROR, "wrong-generation",
			    q->file, q->op_line, q->op_column, NULL, "this %s "
			    "request is NATS clustering's (Harper 4.0-4.3: hub "
			    "routes as {host, port}), and the plan is a native "
			    "replication cluster (4.4 and later): use add_node "
			    "and remove_node (meshsim does not apply 4.4's %s, "
			    "which edits replication.routes)", q->opname,
			    q->opname);
	}
	mesh_diags_sort(diags);
	if (diags->nomem)
		return MESH_ENOMEM;
	return bad ? MESH_EINPUT : MESH_OK;
}

enum mesh_error
mesh_ops_apply(const struct mesh_plan *plan,
    const struct mesh_ops_step *steps, size_t n, struct mesh_diags *diags,
    struct mesh_plan **after, struct mesh_ops_outcome **outcomes)
{
	enum mesh_error err = MESH_ENOMEM;
	struct mesh_ops_outcome *out = NULL;
	struct mesh_diags placed, now;  /* route warnings after */
	struct mesh_plan *p = NULL;
	struct work w;
	size_t i, j, total = 1, cap;

	*after = NULL;
	*outcomes = NULL;
	memset(&w, 0, sizeof(w));
	mesh_diags_init(&placed);
	mesh_diags_init(&now);
	w.plan = plan;
	w.diags = diags;
	w.n = plan->nnodes;
	for (i = 0; i < n; i++) {
		if (steps[i].node < 0 || (size_t)steps[i].node >= plan->nnodes)
			return MESH_EINVAL;
		total += steps[i].req->routes.n + 1;
	}
	/* Each step adds a node at most. */
	cap = plan->nnodes + n + 1;
	w.hub = calloc(cap, sizeof(*w.hub));
	w.leaf = calloc(cap, sizeof(*w.leaf));
	w.norm = calloc(cap, sizeof(*w.norm));
	w.newhost = calloc(n + 1, sizeof(*w.newhost));
	w.newport = calloc(n + 1, sizeof(*w.newport));
	out = calloc(n + 1, sizeof(*out));
	w.origins = calloc(total, sizeof(*w.origins));
	if (w.hub == NULL || w.leaf == NULL || w.norm == NULL ||
	    w.newhost == NULL || w.newport == NULL || out == NULL ||
	    w.origins == NULL)
		goto done;
	for (i = 0; i < plan->nnodes; i++) {
		if ((w.norm[i] = mesh_i_host_normal(plan->nodes[i].host)) ==
		    NULL)
			goto done;
		for (j = 0; j < plan->nodes[i].nroutes; j++) {
			const struct mesh_route *r = &plan->nodes[i].routes[j];
			struct entry e = { r->host, NULL, r->port, r->line,
			    r->column, -1, r->target, 0, (long)j };

			if ((e.norm = mesh_i_host_normal(r->host)) == NULL)
				goto done;
			if (entries_push(&w.hub[i], &e) != 0) {
				free(e.norm);
				goto done;
			}
		}
	}
	for (i = 0; i < n; i++) {
		int x = steps[i].node;

		out[i].target = -1;
		if ((MESH_OPS_IS_NODE_OP(steps[i].req->op) ?
		    apply_node(&w, steps[i].req, x, &out[i]) :
		    MESH_OPS_IS_REPLICATION(steps[i].req->op) ?
		    apply_repl_routes(&w, steps[i].req, x, &out[i]) :
		    apply_one(steps[i].req, &w.hub[x], &w.leaf[x], &out[i],
		    w.origins, &w.norigins)) != 0)
			goto done;
	}
	if ((p = work_plan(&w)) == NULL)
		goto done;
	/* The nodes are the plan's and new hosts: no endpoint clash. */
	if ((err = resolve_placed(p, w.origins, &placed, &now)) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if (placed.nomem || now.nomem || drop_stale_warnings(diags, &now) != 0)
		goto done;
	for (i = 0; i < placed.n; i++) {
		const struct mesh_diag *g = &placed.v[i];

		if (mesh_diags_add(diags, g->severity, g->code, g->file,
		    g->line, g->column, g->node, "%s", g->message) != 0)
			goto done;
	}
	err = diags->nomem ? MESH_ENOMEM : MESH_OK;
	if (err != MESH_OK)
		goto done;
	mesh_diags_sort(diags);
	*after = p;
	p = NULL;
	*outcomes = out;
	out = NULL;
done:
	if (err == MESH_ENOMEM)
		diags->nomem = 1;
	for (i = 0; i < w.n && w.hub != NULL && w.leaf != NULL; i++) {
		for (j = 0; j < w.hub[i].n; j++)
			free(w.hub[i].v[j].norm);
		for (j = 0; j < w.leaf[i].n; j++)
			free(w.leaf[i].v[j].norm);
		free(w.hub[i].v);
		free(w.leaf[i].v);
	}
	for (i = 0; w.norm != NULL && i < w.n; i++)
		free(w.norm[i]);
	for (i = 0; w.newhost != NULL && i < n; i++)
		free(w.newhost[i]);
	free(w.hub);
	free(w.leaf);
	free(w.norm);
	free(w.newhost);
	free(w.newport);
	free(w.origins);
	mesh_diags_clear(&placed);
	mesh_diags_clear(&now);
	mesh_ops_outcomes_free(out, n);
	mesh_plan_free(p);
	return err;
}

/* The nodes and routes of answers against the limits of limits.h: the
 * first crossing is reported, in its answer's file, and -1 returned. */
static int
routes_plan_limits(const char *const *names,
    const struct mesh_ops_get_routes *const *answers, size_t n,
    struct mesh_diags *diags)
{
	const struct mesh_limits *l = mesh_limits_get();
	size_t i, j, routes = 0;

	if (n > l->nodes) {
		mesh_diags_add(diags, MESH_ERROR, "too-many-nodes",
		    answers[l->nodes]->file, 0, 0, NULL, "more than %zu "
		    "node%s (--max-nodes raises the limit)", l->nodes,
		    l->nodes == 1 ? "" : "s");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (mesh_i_name_too_long(names[i], "node name", diags,
		    answers[i]->file, 0, 0))
			return -1;
		for (j = 0; j < answers[i]->hub.n; j++)
			if (++routes > l->routes) {
				mesh_diags_add(diags, MESH_ERROR,
				    "too-many-routes", answers[i]->file,
				    answers[i]->hub.v[j].line,
				    answers[i]->hub.v[j].column, NULL,
				    "more than %zu route%s (--max-routes "
				    "raises the limit)", l->routes,
				    l->routes == 1 ? "" : "s");
				return -1;
			}
	}
	return 0;
}

enum mesh_error
mesh_ops_routes_plan(const char *const *names,
    const struct mesh_ops_get_routes *const *answers, size_t n,
    const struct mesh_ops_inventory *inv, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	enum mesh_error err = MESH_ENOMEM;
	struct origin *origins = NULL;
	struct mesh_plan *p = NULL;
	size_t i, j, k = 0, total = 1;
	int errors = 0;

	*out = NULL;
	if (routes_plan_limits(names, answers, n, diags) != 0)
		return MESH_EINPUT;
	for (i = 0; i < n; i++)
		total += answers[i]->hub.n;
	if ((origins = calloc(total, sizeof(*origins))) == NULL ||
	    (p = mesh_plan_new("cluster_get_routes answers", NULL)) == NULL)
		goto done;
	for (i = 0; i < n; i++) {
		int idx;

		if (*names[i] == '\0' || mesh_i_has_control(names[i])) {
			mesh_diags_add(diags, MESH_ERROR, "bad-name", NULL, 0,
			    0, NULL, "node name '%s' is empty or holds a "
			    "control character", names[i]);
			errors++;
			continue;
		}
		if ((idx = add_node(p, inv, names[i], 0, 0)) == -1)
			goto done;
		if (idx == -2) {
			mesh_diags_add(diags, MESH_ERROR, "duplicate-name",
			    answers[i]->file, 0, 0, names[i], "node '%s' is "
			    "given twice", names[i]);
			errors++;
			continue;
		}
		for (j = 0; j < answers[i]->hub.n; j++, k++) {
			const struct mesh_ops_route *r = &answers[i]->hub.v[j];

			origins[k].file = answers[i]->file;
			origins[k].line = r->line;
			origins[k].column = r->column;
			if (mesh_plan_add_route(p, idx, r->host, r->port,
			    -(int)(k + 1), 0) != 0)
				goto done;
		}
	}
	report_unused(inv, diags);
	if (errors) {
		err = MESH_EINPUT;
		goto done;
	}
	if ((err = resolve_placed(p, origins, diags, diags)) != MESH_OK)
		goto done;
	*out = p;
	p = NULL;
done:
	if (err == MESH_ENOMEM)
		diags->nomem = 1;
	mesh_diags_sort(diags);
	free(origins);
	mesh_plan_free(p);
	return err;
}

/* Whether the sorted link list of p holds a - b. */
static int
has_link(const struct mesh_plan *p, int a, int b)
{
	size_t lo = 0, hi = p->nlinks;

	if (a > b) {
		int t = a;

		a = b;
		b = t;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const int *l = p->links + 2 * mid;

		if (l[0] == a && l[1] == b)
			return 1;
		if (l[0] < a || (l[0] == a && l[1] < b))
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Whether node i stores a route that resolves to no node (so a live
 * connection of i might come from it). */
static int
has_unresolved(const struct mesh_plan *p, int i)
{
	size_t j;

	for (j = 0; j < p->nodes[i].nroutes; j++)
		if (p->nodes[i].routes[j].target < 0)
			return 1;
	return 0;
}

/* A live connection between nodes a and b of a plan, and where an answer
 * shows it. */
struct live_pair {
	int a, b;
	const char *file;
	int line, column;
};

/*
 * The drift between the live connections pairs[0 .. n-1] (a != b; one
 * pair may come twice, once from each end) and the links of p's routes,
 * into r->diags: gossip-link for a live connection no route explains,
 * route-not-live for a route with no live connection, then a note (code
 * drift, in r->file) that counts them, and counts extra (a count of
 * extra_what) too when extra_what is not NULL. A route is judged when
 * answered (NULL: every node answered) holds either end. replication
 * picks the wording: what gossip links mean differs between NATS and
 * native replication. Linear in the pairs and routes. Returns 0, or -1
 * when out of memory.
 */
static int
drift_report(struct mesh_i_reader *r, const struct mesh_plan *p,
    const struct live_pair *pairs, size_t n, const unsigned char *answered,
    int replication, size_t extra, const char *extra_what)
{
	struct mesh_i_pos file = { r->file, 0, 0 };     /* no line */
	struct mesh_i_map live;           /* (name of a, b), a < b: live */
	size_t i, j, gossip = 0, dead = 0;
	int rc = -1;

	mesh_i_map_init(&live);
	for (i = 0; i < n; i++) {
		const struct live_pair *lp = &pairs[i];
		struct mesh_i_pos at = { lp->file, lp->line, lp->column };
		int a = lp->a < lp->b ? lp->a : lp->b;
		int b = lp->a < lp->b ? lp->b : lp->a;
		int put = mesh_i_map_put(&live, p->nodes[a].name, b, 1);

		if (put == -2)
			goto done;
		if (put >= 0 || has_link(p, a, b))
			continue;
		gossip++;
		if (replication)
			mesh_i_report(r, MESH_WARNING, "gossip-link", &at,
			    p->nodes[lp->a].name, "live connection %s -- %s "
			    "is in no configured route: it comes from gossip "
			    "or add_node (node records), so a restart keeps "
			    "it, but a cluster started from empty node tables "
			    "does not have it", p->nodes[a].name,
			    p->nodes[b].name);
		else
			mesh_i_report(r, MESH_WARNING, "gossip-link", &at,
			    p->nodes[lp->a].name, "live connection %s -- %s "
			    "comes from gossip: no route of either names the "
			    "other, so a restart of either loses it%s",
			    p->nodes[a].name, p->nodes[b].name,
			    has_unresolved(p, a) || has_unresolved(p, b) ?
			    " (unless a route to a host no node has is one of "
			    "them: give --inventory)" : "");
	}
	for (i = 0; i < p->nnodes; i++)
		for (j = 0; j < p->nodes[i].nroutes; j++) {
			const struct mesh_route *rt = &p->nodes[i].routes[j];
			const struct mesh_source *src = mesh_plan_route_source(
			    p, (int)i, j);
			struct mesh_i_pos at = { src != NULL && src->file !=
			    NULL ? src->file : p->file, rt->line, rt->column };
			int t = rt->target;
			int a = (int)i < t ? (int)i : t;
			int b = (int)i < t ? t : (int)i;

			if (t < 0 || t == (int)i || (answered != NULL &&
			    !answered[i] && !answered[t]) ||
			    mesh_i_map_get(&live, p->nodes[a].name, b) >= 0)
				continue;
			dead++;
			mesh_i_report(r, MESH_WARNING, "route-not-live", &at,
			    p->nodes[i].name, "route from '%s' to %s:%d "
			    "(node '%s') has no live connection: '%s' is "
			    "down, or the address is wrong or unreachable",
			    p->nodes[i].name, rt->host, rt->port,
			    p->nodes[t].name, p->nodes[t].name);
		}
	if (extra_what != NULL)
		mesh_i_report(r, MESH_NOTE, "drift", &file, NULL, "drift: %zu "
		    "live %s that no route explains, %zu %s with no live "
		    "connection, %zu %s", gossip, gossip == 1 ? "connection" :
		    "connections", dead, dead == 1 ? "route" : "routes", extra,
		    extra_what);
	else
		mesh_i_report(r, MESH_NOTE, "drift", &file, NULL, "drift: %zu "
		    "live %s that no route explains, %zu %s with no live "
		    "connection", gossip, gossip == 1 ? "connection" :
		    "connections", dead, dead == 1 ? "route" : "routes");
	rc = 0;
done:
	mesh_i_map_free(&live);
	return rc;
}

/*
 * The drift of a cluster_network answer read into p: live is the list of
 * connected_nodes lists, per plan node (NULL when absent). Names that are
 * no node of the answer are warnings (unknown-peer). Returns 0, or -1
 * when out of memory.
 */
static int
report_drift(struct mesh_i_reader *r, const struct mesh_plan *p,
    const cJSON *const *live)
{
	struct live_pair *pairs = NULL;
	size_t i, n = 0, cap = 1;
	int rc;

	for (i = 0; i < p->nnodes; i++)
		cap += live[i] != NULL ? (size_t)cJSON_GetArraySize(live[i]) :
		    0;
	if ((pairs = calloc(cap, sizeof(*pairs))) == NULL)
		return -1;
	for (i = 0; i < p->nnodes; i++) {
		const cJSON *c;

		if (live[i] == NULL)
			continue;
		cJSON_ArrayForEach(c, live[i]) {
			const struct mesh_i_jpos *jp = mesh_i_jpos_of(c);
			int k = mesh_plan_find(p, c->valuestring);

			if (k < 0) {
				mesh_i_json_report(r, MESH_WARNING,
				    "unknown-peer", c, 0, p->nodes[i].name,
				    "node '%s' has a live connection to '%s', "
				    "which the answer does not list",
				    p->nodes[i].name, c->valuestring);
				continue;
			}
			if (k == (int)i)
				continue;
			pairs[n].a = (int)i;
			pairs[n].b = k;
			pairs[n].file = r->file;
			pairs[n].line = jp->line;
			pairs[n].column = jp->column;
			n++;
		}
	}
	rc = drift_report(r, p, pairs, n, NULL, 0, 0, NULL);
	free(pairs);
	return rc;
}

/* One node of a cluster_network answer, into plan; *live gets its
 * connected_nodes when they are a list of names. */
static void
read_net_node(struct mesh_i_reader *r, struct mesh_plan *plan,
    const struct mesh_ops_inventory *inv, const cJSON *obj,
    const cJSON **live, size_t nlive)
{
	const struct mesh_i_jpos *np;
	const cJSON *name, *conn, *c;
	struct mesh_ops_routes routes = { NULL, 0 };
	const char *s;
	size_t j;
	int idx, bad = 0;

	if (!cJSON_IsObject(obj)) {
		mesh_i_json_wrong_type(r, obj, "a node", "an object", NULL);
		return;
	}
	if ((name = cJSON_GetObjectItemCaseSensitive(obj, "name")) == NULL) {
		mesh_i_json_report(r, MESH_ERROR, "missing-name", obj, 0, NULL,
		    "a node has no 'name'");
		mesh_i_json_check_keys(r, obj, net_node_keys, "a node", NULL);
		return;
	}
	if ((s = read_name(r, name, "'name'")) == NULL)
		return;
	mesh_i_json_check_keys(r, obj, net_node_keys, "node ", s);
	np = mesh_i_jpos_of(name);
	conn = cJSON_GetObjectItemCaseSensitive(obj, "connected_nodes");
	if (conn != NULL && !cJSON_IsNull(conn) && !cJSON_IsArray(conn)) {
		mesh_i_json_wrong_type(r, conn, "'connected_nodes'",
		    "a list of node names", s);
		bad = 1;
	} else if (conn != NULL && cJSON_IsArray(conn)) {
		cJSON_ArrayForEach(c, conn)
			if (read_name(r, c, "a connected node") == NULL)
				bad = 1;
	}
	read_routes(r, cJSON_GetObjectItemCaseSensitive(obj, "routes"),
	    "'routes'", s, &routes);
	if (r->nomem)
		goto done;
	if ((idx = add_node(plan, inv, s, np->line, np->column)) == -1) {
		r->nomem = 1;
		goto done;
	}
	if (idx == -2) {
		mesh_i_json_report(r, MESH_ERROR, "duplicate-name", name, 0, s,
		    "node name '%s' is already used", s);
		goto done;
	}
	if ((size_t)idx < nlive && !bad && conn != NULL && cJSON_IsArray(conn))
		live[idx] = conn;
	for (j = 0; j < routes.n; j++)
		if (mesh_plan_add_route(plan, idx, routes.v[j].host,
		    routes.v[j].port, routes.v[j].line,
		    routes.v[j].column) != 0) {
			r->nomem = 1;
			goto done;
		}
done:
	routes_clear(&routes);
}

enum mesh_error
mesh_ops_network_parse(const char *buf, size_t len, const char *file,
    const struct mesh_ops_inventory *inv, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	const cJSON **live = NULL;
	const cJSON *nodes, *n;
	struct mesh_i_watch w;
	enum mesh_error err;
	size_t nlive = 0;
	struct doc d;

	*out = NULL;
	mesh_i_watch_begin(&w, diags);
	if ((err = doc_parse(&d, buf, len, file, diags,
	    "a cluster_network answer")) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if ((d.plan = mesh_plan_new("cluster_network answer", file)) ==
	    NULL)
		goto done;
	mesh_i_json_check_keys(&d.r, d.root, network_keys, "the answer", NULL);
	nodes = mesh_i_json_member(&d.r, d.root, "nodes", "the answer", NULL);
	if (nodes != NULL && !cJSON_IsArray(nodes)) {
		mesh_i_json_wrong_type(&d.r, nodes, "'nodes'", "a list", NULL);
	} else if (nodes != NULL) {
		nlive = (size_t)cJSON_GetArraySize(nodes);
		if ((live = calloc(nlive + 1, sizeof(*live))) == NULL)
			goto done;
		cJSON_ArrayForEach(n, nodes) {
			read_net_node(&d.r, d.plan, inv, n, live, nlive);
			if (d.r.nomem)
				goto done;
		}
	}
	report_unused(inv, diags);
	if (d.r.errors) {
		err = MESH_EINPUT;
		goto done;
	}
	if ((err = mesh_plan_resolve(d.plan, diags)) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if (report_drift(&d.r, d.plan, live) != 0)
		goto done;
	err = MESH_OK;
	*out = d.plan;
	d.plan = NULL;
done:
	if (err == MESH_ENOMEM)
		diags->nomem = 1;
	/* A limit the plan builder met made it fail as if out of memory. */
	err = mesh_i_watch_end(&w, err);
	mesh_diags_sort(diags);
	free(live);
	mesh_plan_free(d.plan);
	doc_free(&d);
	return err;
}

/* cluster_status answers (native replication, Harper 4.4 and later). */

static const char *const status_keys[] = { "type", "connections",
	"node_name", "is_enabled", NULL };
static const char *const conn_keys[] = { "name", "url", "subscriptions",
	"replicates", "replicateByDefault", "database_sockets", "shard",
	"revoked_certificates", "start_time", "sendsTo", "receivesFrom",
	NULL };
static const char *const socket_keys[] = { "database", "connected",
	"latency", "thread_id", "nodes", "lastCommitConfirmed",
	"lastReceivedRemoteTime", "lastReceivedLocalTime", "lastSendTime",
	"sendingMessage", NULL };

/* A connection of a cluster_status answer: a node the answering node
 * knows (a node record), and its database sockets. */
struct status_peer {
	char *name;             /* "name", or NULL */
	char *host;             /* the host of "url", or NULL */
	int port;               /* the port of "url", or 0 */
	int line, column;       /* of "name", else "url" */
	size_t sockets, connected;
	char *down;             /* the first socket not connected: its
				 * database, or NULL */
	int down_line, down_column;
};

struct mesh_ops_status {
	char *file;
	char *node_name;        /* or NULL */
	int name_line, name_column;
	struct status_peer *peers;
	size_t npeers;
};

void
mesh_ops_status_free(struct mesh_ops_status *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->npeers; i++) {
		free(s->peers[i].name);
		free(s->peers[i].host);
		free(s->peers[i].down);
	}
	free(s->peers);
	free(s->node_name);
	free(s->file);
	free(s);
}

/* The members of a NATS-era cluster_status answer (Harper 4.0-4.3, and
 * 3.x's "status"): reported as the wrong generation. Returns 1 when v has
 * one. */
static int
nats_status(struct mesh_i_reader *r, const cJSON *v)
{
	static const char *const keys[] = { "status", "node_name", "ports",
		"latency_ms", NULL };
	const cJSON *k;
	size_t i;

	for (i = 0; keys[i] != NULL; i++)
		if ((k = cJSON_GetObjectItemCaseSensitive(v, keys[i])) !=
		    NULL) {
			mesh_i_json_report(r, MESH_ERROR, "wrong-generation",
			    k, 1, NULL, "a connection with '%s' is NATS "
			    "clustering's (Harper 4.0-4.3) cluster_status; "
			    "meshsim reads that generation's live state from a "
			    "cluster_network answer (import harper-network)",
			    keys[i]);
			return 1;
		}
	return 0;
}

/* One database socket of a connection into pe. */
static void
read_socket(struct mesh_i_reader *r, const cJSON *so, struct status_peer *pe)
{
	const cJSON *seen[MESH_I_JSON_ROOM(socket_keys)];
	const cJSON *c, *db;
	const struct mesh_i_jpos *p;

	if (!cJSON_IsObject(so)) {
		mesh_i_json_wrong_type(r, so, "a database socket",
		    "an object", NULL);
		return;
	}
	mesh_i_json_members(r, so, socket_keys, "a database socket", NULL,
	    seen);
	db = seen[0];
	c = seen[1];
	if (c == NULL) {
		mesh_i_json_report(r, MESH_ERROR, "missing-key", so, 0, NULL,
		    "a database socket has no 'connected'");
		return;
	}
	if (!cJSON_IsBool(c)) {
		mesh_i_json_wrong_type(r, c, "'connected'", "true or false",
		    NULL);
		return;
	}
	if (db != NULL && !cJSON_IsString(db)) {
		mesh_i_json_wrong_type(r, db, "'database'", "a string", NULL);
		return;
	}
	pe->sockets++;
	if (cJSON_IsTrue(c)) {
		pe->connected++;
		return;
	}
	if (pe->down_line != 0)
		return;
	p = mesh_i_jpos_of(c);
	pe->down_line = p->line;
	pe->down_column = p->column;
	if (db != NULL && (pe->down = strdup(db->valuestring)) == NULL)
		r->nomem = r->diags->nomem = 1;
}

/* One connection of a cluster_status answer into s->peers. */
static void
read_peer(struct mesh_i_reader *r, const cJSON *c, struct mesh_ops_status *s)
{
	const cJSON *seen[MESH_I_JSON_ROOM(conn_keys)];
	struct status_peer *pe = &s->peers[s->npeers];
	const struct mesh_i_jpos *p;
	const cJSON *name, *url, *so;
	const char *why;

	if (!cJSON_IsObject(c)) {
		mesh_i_json_wrong_type(r, c, "a connection", "an object",
		    NULL);
		return;
	}
	if (nats_status(r, c))
		return;
	mesh_i_json_members(r, c, conn_keys, "a connection", NULL, seen);
	name = seen[0];
	url = seen[1];
	if (name == NULL && url == NULL) {
		mesh_i_json_report(r, MESH_ERROR, "missing-key", c, 0, NULL,
		    "a connection has neither 'name' nor 'url'");
		return;
	}
	if (name != NULL && read_name(r, name, "'name'") == NULL)
		return;
	if (url != NULL && !cJSON_IsString(url)) {
		mesh_i_json_wrong_type(r, url, "'url'", "a string", NULL);
		return;
	}
	if (url != NULL && split_url(url->valuestring, &pe->host, &pe->port,
	    &why) != 0) {
		if (why == NULL) {
			r->nomem = r->diags->nomem = 1;
			return;
		}
		mesh_i_json_report(r, MESH_ERROR, "bad-url", url, 0, NULL,
		    "url '%s' is not a ws:// or wss:// URL: %s",
		    url->valuestring, why);
		return;
	}
	if (pe->host != NULL && (mesh_i_has_control(pe->host) ||
	    strpbrk(pe->host, " /") != NULL)) {
		mesh_i_json_report(r, MESH_ERROR, "bad-host", url, 0, NULL,
		    "the host of url '%s' is not an IP address or DNS name",
		    url->valuestring);
		goto bad;
	}
	p = mesh_i_jpos_of(name != NULL ? name : url);
	if (mesh_i_name_too_long(name != NULL ? name->valuestring : pe->host,
	    "node name", r->diags, r->file, p->line, p->column)) {
		r->errors++;
		goto bad;
	}
	if (name != NULL && (pe->name = strdup(name->valuestring)) == NULL) {
		r->nomem = r->diags->nomem = 1;
		goto bad;
	}
	pe->line = p->line;
	pe->column = p->column;
	so = seen[5];
	if (so != NULL && !cJSON_IsNull(so) && !cJSON_IsArray(so)) {
		mesh_i_json_wrong_type(r, so, "'database_sockets'", "a list",
		    NULL);
		goto bad;
	}
	if (so != NULL && cJSON_IsArray(so)) {
		const cJSON *e;

		cJSON_ArrayForEach(e, so)
			read_socket(r, e, pe);
	}
	s->npeers++;
	return;
bad:
	free(pe->name);
	free(pe->host);
	free(pe->down);
	memset(pe, 0, sizeof(*pe));
}

enum mesh_error
mesh_ops_status_parse(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_ops_status **out)
{
	const cJSON *seen[MESH_I_JSON_ROOM(status_keys)];
	struct mesh_ops_status *s = NULL;
	const cJSON *type, *conns, *name, *en, *c;
	enum mesh_error err;
	struct doc d;

	*out = NULL;
	if ((err = doc_parse(&d, buf, len, file, diags,
	    "a cluster_status answer")) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (file != NULL && (s->file = strdup(file)) == NULL))
		goto done;
	if (cJSON_GetObjectItemCaseSensitive(d.root, "status") != NULL) {
		(void)nats_status(&d.r, d.root);
		err = MESH_EINPUT;
		goto done;
	}
	mesh_i_json_members(&d.r, d.root, status_keys, "the answer", NULL,
	    seen);
	type = seen[0];
	conns = seen[1];
	name = seen[2];
	en = seen[3];
	if (type != NULL && (!cJSON_IsString(type) ||
	    strcmp(type->valuestring, "cluster-status") != 0))
		mesh_i_json_report(&d.r, MESH_ERROR, "wrong-answer", type, 0,
		    NULL, "'type' must be \"cluster-status\": this is not a "
		    "cluster_status answer");
	if (name != NULL && read_name(&d.r, name, "'node_name'") != NULL) {
		const struct mesh_i_jpos *p = mesh_i_jpos_of(name);

		if ((s->node_name = strdup(name->valuestring)) == NULL)
			goto done;
		s->name_line = p->line;
		s->name_column = p->column;
	}
	if (en != NULL && !cJSON_IsBool(en))
		mesh_i_json_wrong_type(&d.r, en, "'is_enabled'",
		    "true or false", NULL);
	else if (en != NULL && cJSON_IsFalse(en))
		mesh_i_json_report(&d.r, MESH_WARNING, "not-enabled", en, 0,
		    s->node_name, "the answer says is_enabled: false: "
		    "replication is off on %s; its connections are read as "
		    "they are", s->node_name ? s->node_name : "this node");
	if (conns == NULL)
		mesh_i_json_report(&d.r, MESH_ERROR, "missing-key", d.root, 0,
		    NULL, "the answer has no 'connections'");
	else if (!cJSON_IsArray(conns))
		mesh_i_json_wrong_type(&d.r, conns, "'connections'", "a list",
		    NULL);
	else if ((s->peers = calloc((size_t)cJSON_GetArraySize(conns) + 1,
	    sizeof(*s->peers))) == NULL)
		goto done;
	else
		cJSON_ArrayForEach(c, conns) {
			read_peer(&d.r, c, s);
			if (d.r.nomem)
				goto done;
		}
	err = d.r.errors ? MESH_EINPUT : MESH_OK;
	if (err == MESH_OK) {
		*out = s;
		s = NULL;
	}
done:
	if (err == MESH_ENOMEM || d.r.nomem) {
		err = MESH_ENOMEM;
		diags->nomem = 1;
	}
	mesh_ops_status_free(s);
	doc_free(&d);
	return err;
}

/* The nodes of a cluster_status import while they are gathered. */
struct gather {
	struct mesh_plan *live;         /* the plan written */
	char **norm;                    /* per node: host, normalized */
	size_t n, cap;                  /* norm: how many, room */
	struct mesh_i_map at;           /* (norm, port) -> the first node
					 * there; (norm, 0): on any port */
};

/* The node named name, else at host (normalized: norm) and port (0:
 * any), else at that host on any port; -1 if none. */
static int
gather_find(const struct gather *g, const char *name, const char *norm,
    int port)
{
	int k = name != NULL ? mesh_plan_find(g->live, name) : -1;

	if (k >= 0 || norm == NULL)
		return k;
	if (port != 0 && (k = mesh_i_map_get(&g->at, norm, port)) >= 0)
		return k;
	return mesh_i_map_get(&g->at, norm, 0);
}

/* Add a node; returns its index, or -1 when out of memory (or a limit
 * crossed) or -2 when the name is taken (nothing added). */
static int
gather_add(struct gather *g, const char *name, const char *host, int port)
{
	char *norm;
	int k;

	if (g->live->nnodes + 1 > g->cap) {
		size_t c = 2 * g->cap + 8;
		char **v = realloc(g->norm, c * sizeof(*v));

		if (v == NULL)
			return -1;
		g->norm = v;
		g->cap = c;
	}
	if ((norm = mesh_i_host_normal(host)) == NULL)
		return -1;
	if ((k = mesh_plan_add_node(g->live, name, host, port, 0, 0)) < 0) {
		free(norm);
		return k;
	}
	g->norm[k] = norm;
	g->n = (size_t)k + 1;
	/* The map borrows norm, which lives as long as g. */
	if (mesh_i_map_put(&g->at, norm, port, k) == -2 ||
	    mesh_i_map_put(&g->at, norm, 0, k) == -2)
		return -1;
	return k;
}

/* The node a connection names: found by name, else by its url's host
 * and port; else added (named by its name, else its url's host). */
static int
peer_node(struct gather *g, const struct status_peer *pe)
{
	const char *host = pe->host ? pe->host : pe->name;
	char *norm = mesh_i_host_normal(host);
	int k;

	if (norm == NULL)
		return -1;
	k = gather_find(g, pe->name, pe->host ? norm : NULL, pe->port);
	if (k < 0 && pe->host == NULL)
		k = gather_find(g, NULL, norm, 0);
	free(norm);
	if (k >= 0)
		return k;
	return gather_add(g, pe->name ? pe->name : pe->host, host, pe->port ?
	    pe->port : REPL_PORT);
}

/*
 * The node an answer comes from: name (NODE=), else its node_name; found
 * by name or host, else added. Reports a name missing and a mismatch.
 * Returns the node, -1 when out of memory, or -2 after an error.
 */
static int
self_node(struct gather *g, const char *name,
    const struct mesh_ops_status *s, struct mesh_diags *diags)
{
	char *norm;
	int k;

	if (name == NULL)
		name = s->node_name;
	if (name == NULL) {
		mesh_diags_add(diags, MESH_ERROR, "missing-name", s->file, 0,
		    0, NULL, "the answer has no 'node_name': give it as "
		    "NODE=%s", s->file ? s->file : "ANSWER.json");
		return -2;
	}
	if (*name == '\0' || mesh_i_has_control(name) ||
	    strpbrk(name, " /") != NULL) {
		mesh_diags_add(diags, MESH_ERROR, "bad-name", s->file, 0, 0,
		    NULL, "node name '%s' is empty or holds white space, '/' "
		    "or a control character", name);
		return -2;
	}
	if (s->node_name != NULL && same_host(s->node_name, name) == 0)
		mesh_diags_add(diags, MESH_WARNING, "name-mismatch", s->file,
		    s->name_line, s->name_column, name, "the answer's "
		    "node_name is '%s' but the argument says '%s'; meshsim "
		    "takes '%s'", s->node_name, name, name);
	if ((norm = mesh_i_host_normal(name)) == NULL)
		return -1;
	k = gather_find(g, name, norm, 0);
	free(norm);
	if (k < 0)
		k = gather_add(g, name, name, REPL_PORT);
	return k;
}

enum mesh_error
mesh_ops_status_plan(const char *const *names,
    const struct mesh_ops_status *const *answers, size_t n,
    const struct mesh_plan *configured, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	enum mesh_error err = MESH_ENOMEM;
	struct mesh_i_reader r = { diags, NULL, 0, 0 };
	struct live_pair *pairs = NULL;
	struct origin *origins = NULL;
	struct mesh_plan *conf = NULL;
	struct mesh_diags scratch;
	unsigned char *answered = NULL;
	struct gather g;
	int *self = NULL, *peer = NULL;
	size_t i, j, p, npairs = 0, total = 1, unconnected = 0, nself;
	struct mesh_i_map seen;         /* live pairs (a, b), a < b */
	int errors = 0;

	*out = NULL;
	memset(&g, 0, sizeof(g));
	mesh_i_map_init(&g.at);
	mesh_i_map_init_ints(&seen);
	mesh_diags_init(&scratch);
	for (i = 0; i < n; i++)
		total += answers[i]->npeers;
	if ((g.live = mesh_plan_new("cluster_status answers", NULL)) == NULL ||
	    (pairs = calloc(total, sizeof(*pairs))) == NULL ||
	    (origins = calloc(total, sizeof(*origins))) == NULL ||
	    (peer = calloc(total, sizeof(*peer))) == NULL ||
	    (self = calloc(n + 1, sizeof(*self))) == NULL)
		goto done;
	g.live->cluster = MESH_CLUSTER_HARPER_REPLICATION;
	/* The configured plan's nodes first, in its order; then those that
	 * answered; then those they know. */
	for (i = 0; configured != NULL && i < configured->nnodes; i++)
		if (gather_add(&g, configured->nodes[i].name,
		    configured->nodes[i].host, configured->nodes[i].port) < 0)
			goto done;
	for (i = 0; i < n; i++)
		if ((self[i] = self_node(&g, names[i], answers[i], diags)) ==
		    -1)
			goto done;
	nself = g.live->nnodes;
	if ((answered = calloc(nself + 1, 1)) == NULL)
		goto done;
	for (i = 0; i < n; i++) {
		if (self[i] < 0) {
			errors++;
		} else if (answered[self[i]]) {
			mesh_diags_add(diags, MESH_ERROR, "duplicate-name",
			    answers[i]->file, 0, 0, g.live->nodes[self[i]].name,
			    "node '%s' is given twice",
			    g.live->nodes[self[i]].name);
			errors++;
		} else {
			answered[self[i]] = 1;
		}
	}
	if (errors) {
		err = MESH_EINPUT;
		goto done;
	}
	for (i = 0, p = 0; i < n; i++)
		for (j = 0; j < answers[i]->npeers; j++, p++) {
			const struct status_peer *pe = &answers[i]->peers[j];

			if ((peer[p] = peer_node(&g, pe)) == -1)
				goto done;
			if (peer[p] < 0 || peer[p] == self[i] ||
			    pe->connected == 0)
				continue;
			pairs[npairs].a = self[i];
			pairs[npairs].b = peer[p];
			pairs[npairs].file = answers[i]->file;
			pairs[npairs].line = pe->line;
			pairs[npairs].column = pe->column;
			npairs++;
			if (pe->connected < pe->sockets)
				mesh_diags_add(diags, MESH_WARNING,
				    "partial-connection", answers[i]->file,
				    pe->down_line, pe->down_column,
				    g.live->nodes[self[i]].name, "%s -- %s: "
				    "%zu of %zu database sockets connected; "
				    "database '%s' is not, so it does not "
				    "replicate between them",
				    g.live->nodes[self[i]].name,
				    g.live->nodes[peer[p]].name, pe->connected,
				    pe->sockets, pe->down ? pe->down : "?");
		}
	/* The plan written: each live connection once, as a route of the
	 * node that reported it first, to the other's host and port. */
	for (i = 0; i < npairs; i++) {
		const struct live_pair *lp = &pairs[i];
		const struct mesh_node *t = &g.live->nodes[lp->b];
		int ab[2], put;

		ab[0] = lp->a < lp->b ? lp->a : lp->b;
		ab[1] = lp->a < lp->b ? lp->b : lp->a;
		if ((put = mesh_i_map_put_ints(&seen, ab, 2, 1)) == -2)
			goto done;
		if (put >= 0)
			continue;       /* reported by the other end first */
		origins[i].file = lp->file;
		origins[i].line = lp->line;
		origins[i].column = lp->column;
		if (mesh_plan_add_route(g.live, lp->a, t->host, t->port,
		    -(int)(i + 1), 0) != 0)
			goto done;
	}
	if ((err = resolve_placed(g.live, origins, diags, diags)) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if (configured != NULL) {
		/* The configured routes, on the nodes of the plan written. */
		if ((conf = mesh_plan_new(configured->name,
		    configured->file)) == NULL)
			goto done;
		for (i = 0; i < g.live->nnodes; i++)
			if (mesh_plan_add_node(conf, g.live->nodes[i].name,
			    g.live->nodes[i].host, g.live->nodes[i].port, 0,
			    0) < 0)
				goto done;
		for (i = 0; i < configured->nnodes; i++) {
			const char *const *al;
			size_t na = mesh_plan_aliases(configured, (int)i, &al);

			for (j = 0; j < na; j++)
				if (mesh_plan_add_alias(conf, (int)i,
				    al[j]) != 0)
					goto done;
			for (j = 0; j < configured->nodes[i].nroutes; j++) {
				const struct mesh_route *rt =
				    &configured->nodes[i].routes[j];
				const struct mesh_source *src =
				    mesh_plan_route_source(configured, (int)i,
				    j);

				if (mesh_plan_add_route(conf, (int)i, rt->host,
				    rt->port, rt->line, rt->column) != 0 ||
				    (src != NULL && mesh_plan_set_route_source(
				    conf, (int)i, j, src->file, src->via) != 0))
					goto done;
			}
		}
		/* Its warnings came with the configured plan. */
		if (mesh_plan_resolve(conf, &scratch) == MESH_ENOMEM)
			goto done;
	}
	/* Known nodes with no connected socket from either end (and no
	 * configured route, whose warning says it). */
	for (i = 0, p = 0; i < n; i++)
		for (j = 0; j < answers[i]->npeers; j++, p++) {
			const struct status_peer *pe = &answers[i]->peers[j];
			int a = self[i], t = peer[p];

			if (t < 0 || t == a || pe->connected > 0 ||
			    has_link(g.live, a, t) || (conf != NULL &&
			    has_link(conf, a, t)))
				continue;
			unconnected++;
			mesh_diags_add(diags, MESH_WARNING, "not-connected",
			    answers[i]->file, pe->line, pe->column,
			    g.live->nodes[a].name, "'%s' knows '%s' (a node "
			    "record) but %s: '%s' is down, or the address is "
			    "wrong or unreachable", g.live->nodes[a].name,
			    g.live->nodes[t].name, pe->sockets ? "no database "
			    "socket to it is connected" : "lists no database "
			    "socket to it", g.live->nodes[t].name);
		}
	r.file = n ? answers[0]->file : NULL;
	if (conf == NULL) {
		struct mesh_i_pos at = { r.file, 0, 0 };

		mesh_i_report(&r, MESH_NOTE, "drift", &at, NULL, "drift: %zu "
		    "known %s not connected; give --configured PLAN to compare "
		    "the live connections with the configured routes",
		    unconnected, unconnected == 1 ? "node" : "nodes");
	} else {
		unsigned char *v = realloc(answered, g.live->nnodes + 1);

		if (v == NULL)
			goto done;
		/* Nodes found only in the connections answered nothing. */
		memset(v + nself, 0, g.live->nnodes + 1 - nself);
		answered = v;
		if (drift_report(&r, conf, pairs, npairs, answered, 1,
		    unconnected, unconnected == 1 ? "known node not "
		    "connected" : "known nodes not connected") != 0)
			goto done;
	}
	if (diags->nomem)
		goto done;
	err = MESH_OK;
	*out = g.live;
	g.live = NULL;
done:
	if (err == MESH_ENOMEM)
		diags->nomem = 1;
	mesh_diags_sort(diags);
	mesh_diags_clear(&scratch);
	mesh_i_map_free(&g.at);
	mesh_i_map_free(&seen);
	for (i = 0; i < g.n; i++)
		free(g.norm[i]);
	free(g.norm);
	free(answered);
	free(pairs);
	free(origins);
	free(self);
	free(peer);
	mesh_plan_free(conf);
	mesh_plan_free(g.live);
	return err;
}
