/* plan_igraph.c: read GML, GraphML, edge lists and NCOL as plans, through igraph. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <igraph.h>

#include "base/hostcheck.h"
#include "base/igraph_glue.h"
#include "meshsim/meshsim.h"
#include "read/readers.h"
#include "base/text.h"
#include "base/map.h"
#include "base/util.h"
#include "read/kit.h"

/* An edge list may number its vertices from 0 to this, inclusive: igraph
 * makes a vertex for every number up to the largest. */
#define EDGELIST_MAX_ID 999999

/* What differs between the formats. */
struct format {
	enum mesh_format format;
	const char *code;               /* "invalid-gml" */
	const char *title;              /* "GML", in messages */
	const char *const *name_attrs;  /* vertex attributes that name a
					 * vertex, first found wins; then
					 * "id", then the vertex number */
};

static const char *const gml_names[] = { "label", NULL };
static const char *const graphml_names[] = { "name", "label", NULL };
static const char *const ncol_names[] = { "name", NULL };
static const char *const no_names[] = { NULL };

static const struct format formats[] = {
	{ MESH_FORMAT_GML, "invalid-gml", "GML", gml_names },
	{ MESH_FORMAT_GRAPHML, "invalid-graphml", "GraphML", graphml_names },
	{ MESH_FORMAT_EDGELIST, "invalid-edgelist", "edge list", no_names },
	{ MESH_FORMAT_NCOL, "invalid-ncol", "NCOL", ncol_names },
};

/* The type of the graph (graph != 0) or vertex attribute called name, or
 * -1 when there is none. */
static int
attr_type(const igraph_t *g, int graph, const char *name)
{
	igraph_strvector_t names;
	igraph_vector_int_t types;
	igraph_integer_t i;
	int type = -1;

	if (mesh_i_ig.strvector_init(&names, 0) != IGRAPH_SUCCESS)
		return -1;
	if (mesh_i_ig.vector_int_init(&types, 0) != IGRAPH_SUCCESS) {
		mesh_i_ig.strvector_destroy(&names);
		return -1;
	}
	if ((graph ? mesh_i_ig.cattribute_list(g, &names, &types, NULL,
	    NULL, NULL, NULL) : mesh_i_ig.cattribute_list(g, NULL, NULL,
	    &names, &types, NULL, NULL)) == IGRAPH_SUCCESS)
		for (i = 0; i < mesh_i_ig.strvector_size(&names); i++)
			if (strcmp(mesh_i_ig.strvector_get(&names, i),
			    name) == 0)
				type = (int)VECTOR(types)[i];
	mesh_i_ig.vector_int_destroy(&types);
	mesh_i_ig.strvector_destroy(&names);
	return type;
}

/* A vertex attribute as text: a string as it is, a number as an integer
 * where it is one. Returns a malloc'd string ("" when absent) or NULL. */
static char *
vertex_text(const igraph_t *g, const char *attr, int type, igraph_integer_t v)
{
	if (type == IGRAPH_ATTRIBUTE_STRING)
		return strdup(mesh_i_ig.cattribute_vas(g, attr, v));
	if (type == IGRAPH_ATTRIBUTE_NUMERIC) {
		double d = mesh_i_ig.cattribute_van(g, attr, v);

		if (isnan(d))   /* the vertex has no such value */
			return strdup("");
		return mesh_i_asprintf("%.15g", d);
	}
	return strdup("");
}

/* The vertex's name from the first of f's attributes it has (else NULL in
 * *label). Returns 0, or -1 when out of memory. */
static int
vertex_label(const igraph_t *g, const struct format *f, const int *types,
    igraph_integer_t v, char **label)
{
	size_t i;

	*label = NULL;
	for (i = 0; f->name_attrs[i] != NULL; i++) {
		char *s = vertex_text(g, f->name_attrs[i], types[i], v);

		if (s == NULL)
			return -1;
		if (*s != '\0') {
			*label = s;
			return 0;
		}
		free(s);
	}
	return 0;
}

/*
 * Name every vertex: by f's attributes, else its id, else its number; a
 * name that several vertices share gets "#id" appended on each. Names
 * compare ignoring case where the vertex has no host (hosts[v] NULL), as
 * the host is then the name. Returns MESH_OK or MESH_ENOMEM; names[v] are
 * malloc'd, the caller frees them either way.
 */
static enum mesh_error
name_vertices(const igraph_t *g, const struct format *f, char *const *hosts,
    char **names)
{
	igraph_integer_t n = mesh_i_ig.vcount(g), v;
	int itype = attr_type(g, 0, "id");
	int types[4];
	char **label = calloc((size_t)n + 1, sizeof(*label));
	char **key = calloc((size_t)n + 1, sizeof(*key));
	int *count = calloc((size_t)n + 1, sizeof(*count));
	struct mesh_i_map seen;
	enum mesh_error err = MESH_ENOMEM;
	size_t i;

	mesh_i_map_init(&seen);
	if (label == NULL || key == NULL || count == NULL)
		goto done;
	for (i = 0; f->name_attrs[i] != NULL && i < 4; i++)
		types[i] = attr_type(g, 0, f->name_attrs[i]);
	for (v = 0; v < n; v++) {
		char *id = vertex_text(g, "id", itype, v);
		int first;

		if (id == NULL)
			goto done;
		if (*id == '\0') {
			free(id);
			if ((id = mesh_i_asprintf("%ld", (long)v)) == NULL)
				goto done;
		}
		if (vertex_label(g, f, types, v, &label[v]) != 0) {
			free(id);
			goto done;
		}
		if (label[v] == NULL) {
			label[v] = id;
		} else {
			names[v] = mesh_i_asprintf("%s#%s", label[v], id);
			free(id);
			if (names[v] == NULL)
				goto done;
		}
		key[v] = hosts[v] == NULL ? mesh_i_host_normal(label[v]) :
		    strdup(label[v]);
		if (key[v] == NULL)
			goto done;
		first = mesh_i_map_put(&seen, key[v], 0, (int)v);
		if (first == -2)
			goto done;
		count[first >= 0 ? first : v]++;
		if (first >= 0)
			count[v] = -first - 1;  /* points at the first */
	}
	/* names[v] holds "label#id" for labelled vertices: keep it only
	 * where the label repeats. */
	for (v = 0; v < n; v++) {
		int rep = count[v] < 0 ? count[-count[v] - 1] : count[v];

		if (names[v] != NULL && rep > 1)
			continue;
		free(names[v]);
		names[v] = label[v];
		label[v] = NULL;
	}
	err = MESH_OK;
done:
	for (v = 0; label != NULL && v < n; v++) {
		free(label[v]);
		free(key ? key[v] : NULL);
	}
	free(label);
	free(key);
	free(count);
	mesh_i_map_free(&seen);
	return err;
}

/*
 * Each vertex's host (its "host" attribute; NULL when it has none) and
 * port (its "port" attribute, else the default; 0 when it is not an
 * integer from 1 to 65535). Returns 0, or -1 when out of memory; hosts[v]
 * are malloc'd, the caller frees them either way.
 */
static int
vertex_endpoints(const igraph_t *g, char **hosts, int *ports)
{
	igraph_integer_t n = mesh_i_ig.vcount(g), v;
	int htype = attr_type(g, 0, "host");
	int ptype = attr_type(g, 0, "port");

	for (v = 0; v < n; v++) {
		char *h = vertex_text(g, "host", htype, v), *end;
		const char *s;
		double d = (double)NAN;

		if (h == NULL)
			return -1;
		if (*h == '\0')
			free(h);
		else
			hosts[v] = h;
		ports[v] = MESH_DEFAULT_PORT;
		if (ptype == IGRAPH_ATTRIBUTE_NUMERIC) {
			d = mesh_i_ig.cattribute_van(g, "port", v);
		} else if (ptype == IGRAPH_ATTRIBUTE_STRING &&
		    *(s = mesh_i_ig.cattribute_vas(g, "port", v)) != '\0') {
			errno = 0;
			d = strtod(s, &end);
			if (errno != 0 || *end != '\0' ||
			    isspace((unsigned char)*s))
				d = 0;
		}
		if (isnan(d))   /* no port: the default */
			continue;
		ports[v] = d >= 1 && d <= 65535 && d == floor(d) ? (int)d : 0;
	}
	return 0;
}

/* Check names, hosts and ports as the JSON reader does. Returns the number
 * of errors added to diags. */
static size_t
check_vertices(const igraph_t *g, const char *file, char *const *names,
    char *const *hosts, const int *ports, struct mesh_diags *diags)
{
	igraph_integer_t n = mesh_i_ig.vcount(g), v;
	int ptype = attr_type(g, 0, "port");
	size_t errors = 0;

	for (v = 0; v < n; v++) {
		if (mesh_i_has_control(names[v])) {
			mesh_diags_add(diags, MESH_ERROR, "bad-name", file, 0,
			    0, NULL, "node name contains a control character");
			errors++;
		}
		if (hosts[v] != NULL && (mesh_i_has_control(hosts[v]) ||
		    strpbrk(hosts[v], " /") != NULL)) {
			mesh_diags_add(diags, MESH_ERROR, "bad-host", file, 0,
			    0, names[v], "host '%s' is not an IP address or "
			    "DNS name", hosts[v]);
			errors++;
		}
		/* Without a host, the name is the host. */
		mesh_i_warn_bad_ipv4(diags, file, 0, 0, names[v],
		    hosts[v] != NULL ? hosts[v] : names[v]);
		if (ports[v] == 0) {
			char *s = vertex_text(g, "port", ptype, v);

			mesh_diags_add(diags, MESH_ERROR, "port-range", file,
			    0, 0, names[v], "port '%s' of node '%s' is not an "
			    "integer from 1 to 65535", s ? s : "?", names[v]);
			free(s);
			errors++;
		}
	}
	return errors;
}

/* Turn igraph's parse message into a diagnostic at its line: GML and
 * NCOL say "Parse error in ... file, line 4 (what).", GraphML (libxml2)
 * "Line 4: what". */
static void
parse_error(struct mesh_diags *diags, const char *file,
    const struct format *f)
{
	const char *msg = mesh_i_igraph_message();
	const char *at = strstr(msg, "line ");
	const char *open = strchr(msg, '(');
	const char *close = strrchr(msg, ')');
	int line = 0;

	if (strncmp(msg, "Line ", 5) == 0) {
		at = msg;
		open = close = NULL;
	}
	if (at != NULL) {
		long l = strtol(at + 5, NULL, 10);

		line = l > 0 && l < INT_MAX ? (int)l : 0;
	}
	if (strncmp(msg, "Graph index was too large", 25) == 0)
		msg = "the file holds no <graph> element";
	if (at == msg && strchr(msg, ':') != NULL)
		for (msg = strchr(msg, ':') + 1; *msg == ' '; msg++)
			;
	if (open != NULL && close != NULL && close > open)
		mesh_diags_add(diags, MESH_ERROR, f->code, file, line, 0,
		    NULL, "invalid %s: %.*s", f->title,
		    (int)(close - open - 1), open + 1);
	else
		mesh_diags_add(diags, MESH_ERROR, f->code, file, line, 0,
		    NULL, "invalid %s: %s", f->title,
		    *msg ? msg : "parse error");
}

/* Whether c separates tokens in an edge list or NCOL file. */
static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f';
}

/* The error of a bad token of format f, buf[start..end) (why: "expected
 * a weight (a number), found"), at its start. Returns -1. */
static int
bad_token(struct mesh_i_reader *r, const struct format *f, const char *buf,
    size_t start, size_t end, const char *why)
{
	struct mesh_i_pos at = mesh_i_pos_at(r->file, buf, start);

	mesh_i_report(r, MESH_ERROR, f->code, &at, NULL, "invalid %s: %s "
	    "'%.*s'", f->title, why, (int)(end - start), buf + start);
	return -1;
}

/* The route limit, max, crossed by the edge at byte offset off of buf.
 * Returns -1. */
static int
too_many_routes(struct mesh_i_reader *r, const char *buf, size_t off,
    size_t max)
{
	struct mesh_i_pos at = mesh_i_pos_at(r->file, buf, off);

	mesh_i_report(r, MESH_ERROR, "too-many-routes", &at, NULL, "more "
	    "than %zu routes (--max-routes raises the limit)", max);
	return -1;
}

/*
 * Check an edge list before igraph reads it, as igraph gives no position:
 * vertex numbers (0 to EDGELIST_MAX_ID) separated by white space, two per
 * edge; no more edges than the route limit, no vertex number at or above
 * the node limit. Returns 0, or -1 after reporting an error to r.
 */
static int
check_edgelist(struct mesh_i_reader *r, const char *buf, size_t len,
    const struct format *f)
{
	const struct mesh_limits *l = mesh_limits_get();
	size_t i = 0, j, start, ntok = 0, last = 0;
	struct mesh_i_pos at;
	const char *why;

	for (;;) {
		while (i < len && is_blank(buf[i]))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && !is_blank(buf[i]))
			i++;
		/* buf need not end in a NUL: no strspn() here. */
		for (j = start; j < i && buf[j] >= '0' && buf[j] <= '9'; j++)
			;
		why = "expected a vertex number (0 or more), found";
		if (j < i)
			goto fail;
		for (last = start; last < i - 1 && buf[last] == '0'; last++)
			;
		why = "vertex numbers go up to 999999, found";
		if (i - last > 6)
			goto fail;
		last = start;
		ntok++;
		if (strtoul(buf + start, NULL, 10) >= l->nodes) {
			at = mesh_i_pos_at(r->file, buf, start);
			mesh_i_report(r, MESH_ERROR, "too-many-nodes", &at,
			    NULL, "vertex number %.*s makes more than %zu "
			    "nodes (--max-nodes raises the limit)",
			    (int)(i - start), buf + start, l->nodes);
			return -1;
		}
		if (ntok % 2 == 1 && ntok / 2 + 1 > l->routes)
			return too_many_routes(r, buf, start, l->routes);
	}
	if (ntok % 2 == 0)
		return 0;
	for (i = last; i < len && !is_blank(buf[i]); i++)
		;
	start = last;
	why = "an edge needs two vertex numbers; the last has only";
fail:
	return bad_token(r, f, buf, start, i, why);
}

/*
 * Check an NCOL file before igraph reads it, to give columns: each line
 * holds two vertex names and an optional numeric weight, or nothing; no
 * more edges than the route limit. Returns 0, or -1 after reporting an
 * error to r.
 */
static int
check_ncol(struct mesh_i_reader *r, const char *buf, size_t len,
    const struct format *f)
{
	size_t i = 0, start, prev = 0, prevlen = 0, edges = 0;
	size_t max = mesh_limits_get()->routes;
	const char *why;
	int ntok = 0;

	for (;;) {
		while (i < len && buf[i] != '\n' && is_blank(buf[i]))
			i++;
		if (i == len || buf[i] == '\n') {
			if (ntok == 1) {
				why = "an edge needs two vertex names; this "
				    "line has only";
				start = prev;
				i = prev + prevlen;
				goto fail;
			}
			if (i == len)
				return 0;
			ntok = 0;
			i++;
			continue;
		}
		start = i;
		while (i < len && !is_blank(buf[i]))
			i++;
		if (++ntok == 2 && ++edges > max)
			return too_many_routes(r, buf, prev, max);
		if (ntok == 3) {
			char *tok = strndup(buf + start, i - start), *end;
			int bad;

			if (tok == NULL)
				return 0;       /* let igraph decide */
			errno = 0;
			(void)strtod(tok, &end);
			bad = errno != 0 || *end != '\0';
			free(tok);
			why = "expected a weight (a number), found";
			if (bad)
				goto fail;
		} else if (ntok > 3) {
			why = "expected the end of the line (two names and a "
			    "weight), found";
			goto fail;
		}
		prev = start;
		prevlen = i - start;
	}
fail:
	return bad_token(r, f, buf, start, i, why);
}

/* igraph's NCOL reader as mesh_i_igraph_read_guarded() takes it. */
static igraph_error_t
read_ncol(igraph_t *g, FILE *in)
{
	return mesh_i_ig.read_graph_ncol(g, in, NULL, 1, IGRAPH_ADD_WEIGHTS_NO,
	    IGRAPH_UNDIRECTED);
}

/* Read in as format f into *g with igraph (directed or not: its links
 * are made undirected by distinct_links()). Returns an igraph error code;
 * on success the caller destroys *g. */
static igraph_error_t
read_graph(const struct format *f, FILE *in, igraph_t *g)
{
	switch (f->format) {
	case MESH_FORMAT_GRAPHML:
		return mesh_i_ig.read_graph_graphml(g, in, 0);
	case MESH_FORMAT_EDGELIST:
		return mesh_i_ig.read_graph_edgelist(g, in, 0,
		    IGRAPH_UNDIRECTED);
	case MESH_FORMAT_NCOL:
		return mesh_i_igraph_read_guarded(read_ncol, g, in);
	default:
		return mesh_i_igraph_read_guarded(mesh_i_ig.read_graph_gml, g,
		    in);
	}
}

/*
 * The distinct links of g, loops kept, into edges (initialised here; the
 * caller destroys it on success): igraph_simplify() on a copy of g's
 * edges as an undirected graph without attributes, as igraph's attribute
 * handler does not survive running out of memory there.
 */
static igraph_error_t
distinct_links(const igraph_t *g, igraph_vector_int_t *edges)
{
	const igraph_attribute_table_t *table;
	igraph_error_t rc;
	igraph_t plain;

	if ((rc = mesh_i_ig.vector_int_init(edges, 0)) != IGRAPH_SUCCESS)
		return rc;
	if ((rc = mesh_i_ig.get_edgelist(g, edges, 0)) != IGRAPH_SUCCESS) {
		mesh_i_ig.vector_int_destroy(edges);
		return rc;
	}
	table = mesh_i_ig.set_attribute_table(NULL);
	rc = mesh_i_ig.create(&plain, edges, mesh_i_ig.vcount(g),
	    IGRAPH_UNDIRECTED);
	if (rc == IGRAPH_SUCCESS) {
		if ((rc = mesh_i_ig.simplify(&plain, 1, 0, NULL)) ==
		    IGRAPH_SUCCESS)
			rc = mesh_i_ig.get_edgelist(&plain, edges, 0);
		mesh_i_ig.destroy(&plain);
	}
	mesh_i_ig.set_attribute_table(table);
	if (rc != IGRAPH_SUCCESS)
		mesh_i_ig.vector_int_destroy(edges);
	return rc;
}

/* An error of format f about node's attribute attr: it is not what
 * meshsim export writes. Returns 1. */
static int
bad_attr(struct mesh_diags *diags, const char *file, const struct format *f,
    const char *node, const char *attr, const char *want)
{
	mesh_diags_add(diags, MESH_ERROR, f->code, file, 0, 0, node,
	    "invalid %s: the '%s' attribute of node '%s' must be %s",
	    f->title, attr, node, want);
	return 1;
}

/* A route's port in a "routes" attribute: an integer 1-65535; 0 if not. */
static int
attr_port(const cJSON *pt)
{
	double d;

	if (!cJSON_IsNumber(pt))
		return 0;
	d = pt->valuedouble;
	return d >= 1 && d <= 65535 && d == floor(d) ? (int)d : 0;
}

/*
 * The routes of vertex v (plan node v) from its "routes" attribute, as
 * meshsim export writes it: the plan format's list of routes in JSON,
 * {"host": ..., "port": ...} or {"node": ..., "port": ...}. Returns the
 * number of errors added to diags, or -1 when out of memory.
 */
static int
attr_routes(const igraph_t *g, struct mesh_plan *plan, igraph_integer_t v,
    const char *file, const struct format *f, struct mesh_diags *diags)
{
	const char *name = plan->nodes[v].name;
	const char *want = "a JSON list of routes, {\"host\": ..., "
	    "\"port\": ...} or {\"node\": ..., \"port\": ...}";
	const char *text = mesh_i_ig.cattribute_vas(g, "routes", v);
	const cJSON *rt;
	cJSON *root;
	int errors = 0;

	if (*text == '\0')
		return 0;
	if ((root = cJSON_Parse(text)) == NULL || !cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return bad_attr(diags, file, f, name, "routes", want);
	}
	cJSON_ArrayForEach(rt, root) {
		const cJSON *h = cJSON_GetObjectItemCaseSensitive(rt, "host");
		const cJSON *nd = cJSON_GetObjectItemCaseSensitive(rt, "node");
		const cJSON *pt = cJSON_GetObjectItemCaseSensitive(rt, "port");
		const char *host;
		int port = pt != NULL ? attr_port(pt) : MESH_DEFAULT_PORT, t;

		if (!cJSON_IsObject(rt) || (h == NULL) == (nd == NULL) ||
		    port == 0 || !cJSON_IsString(h != NULL ? h : nd)) {
			errors += bad_attr(diags, file, f, name, "routes",
			    want);
			break;
		}
		if (h != NULL) {
			host = h->valuestring;
			if (!mesh_i_host_writable(host)) {
				mesh_diags_add(diags, MESH_ERROR, "bad-host",
				    file, 0, 0, name, "host '%s' is not an "
				    "IP address or DNS name", host);
				errors++;
				continue;
			}
			mesh_i_warn_bad_ipv4(diags, file, 0, 0, name, host);
		} else {
			if ((t = mesh_plan_find(plan, nd->valuestring)) < 0) {
				mesh_diags_add(diags, MESH_ERROR,
				    "unknown-node", file, 0, 0, name, "a route "
				    "of node '%s' names node '%s', which the "
				    "plan does not have", name,
				    nd->valuestring);
				errors++;
				continue;
			}
			host = plan->nodes[t].host;
			if (pt == NULL)
				port = plan->nodes[t].port;
			mesh_i_warn_bad_ipv4(diags, file, 0, 0, name, host);
		}
		if (mesh_plan_add_route(plan, (int)v, host, port, 0, 0) != 0) {
			cJSON_Delete(root);
			return -1;
		}
	}
	cJSON_Delete(root);
	return errors;
}

/*
 * Vertex v's "aliases" (a JSON list of hosts at which the node is also
 * reached), as meshsim export writes them, onto plan node v. Returns the
 * number of errors added to diags, or -1 when out of memory.
 */
static int
attr_aliases(const igraph_t *g, struct mesh_plan *plan, igraph_integer_t v,
    const char *file, const struct format *f, struct mesh_diags *diags)
{
	const char *name = plan->nodes[v].name;
	const char *text = mesh_i_ig.cattribute_vas(g, "aliases", v);
	const cJSON *a;
	cJSON *root;

	if (*text == '\0')
		return 0;
	if ((root = cJSON_Parse(text)) == NULL || !cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return bad_attr(diags, file, f, name, "aliases",
		    "a JSON list of hosts");
	}
	cJSON_ArrayForEach(a, root) {
		if (!cJSON_IsString(a) || *a->valuestring == '\0' ||
		    mesh_i_has_control(a->valuestring) ||
		    strpbrk(a->valuestring, " /") != NULL) {
			cJSON_Delete(root);
			return bad_attr(diags, file, f, name, "aliases",
			    "a JSON list of hosts (IP addresses or DNS names)");
		}
		if (mesh_plan_add_alias(plan, (int)v, a->valuestring) != 0) {
			cJSON_Delete(root);
			return -1;
		}
	}
	cJSON_Delete(root);
	return 0;
}

/*
 * Vertex v's "labels" (a JSON object of text values), "availability" (a
 * number from 0 to 1) and "clustering" ("false" for a node that does not
 * join the cluster; "" or "true" for one that does), as meshsim export
 * writes them, onto plan node v. Returns the number of errors added to
 * diags, or -1 when out of memory.
 */
static int
attr_extras(const igraph_t *g, struct mesh_plan *plan, igraph_integer_t v,
    int ltype, int atype, int ctype, const char *file,
    const struct format *f, struct mesh_diags *diags)
{
	const char *name = plan->nodes[v].name;
	const cJSON *l;
	cJSON *root;
	int errors = 0;

	if (ctype == IGRAPH_ATTRIBUTE_STRING) {
		const char *c = mesh_i_ig.cattribute_vas(g, "clustering", v);

		if (strcmp(c, "false") == 0)
			plan->nodes[v].no_cluster = 1;
		else if (*c != '\0' && strcmp(c, "true") != 0)
			errors += bad_attr(diags, file, f, name, "clustering",
			    "\"true\" or \"false\"");
	}

	if (atype == IGRAPH_ATTRIBUTE_NUMERIC &&
	    !isnan(mesh_i_ig.cattribute_van(g, "availability", v))) {
		double a = mesh_i_ig.cattribute_van(g, "availability", v);

		if (!(a >= 0 && a <= 1))
			errors += bad_attr(diags, file, f, name,
			    "availability", "a probability (0 to 1)");
		else
			plan->nodes[v].availability = a;
	}
	if (ltype != IGRAPH_ATTRIBUTE_STRING ||
	    *mesh_i_ig.cattribute_vas(g, "labels", v) == '\0')
		return errors;
	if ((root = cJSON_Parse(mesh_i_ig.cattribute_vas(g, "labels", v))) ==
	    NULL ||
	    !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return errors + bad_attr(diags, file, f, name, "labels",
		    "a JSON object of text values");
	}
	cJSON_ArrayForEach(l, root) {
		if (!cJSON_IsString(l) || *l->string == '\0' ||
		    strpbrk(l->string, "=+,") != NULL ||
		    mesh_i_has_control(l->string) ||
		    mesh_i_has_control(l->valuestring)) {
			errors += bad_attr(diags, file, f, name, "labels",
			    "a JSON object of text values, keys without '=', "
			    "'+', ',' or control characters");
			break;
		}
		if (mesh_plan_set_label(plan, (int)v, l->string,
		    l->valuestring) != 0) {
			cJSON_Delete(root);
			return -1;
		}
	}
	cJSON_Delete(root);
	return errors;
}

/*
 * Whether the distinct links of edges (pairs of vertex numbers, loops
 * dropped) differ from plan's links: then the routes attribute was read
 * and the edges, perhaps edited since meshsim wrote them, were not, which
 * the warning edges-ignored says. Returns 0, or -1 when out of memory.
 */
static int
check_edges(const igraph_vector_int_t *edges, const struct mesh_plan *plan,
    const char *file, struct mesh_diags *diags)
{
	size_t n = (size_t)mesh_i_ig.vector_int_size(edges) / 2;
	size_t i, m = 0, k = 0;
	int *v = malloc((2 * n + 1) * sizeof(*v));

	if (v == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		int a = (int)VECTOR(*edges)[2 * i];
		int b = (int)VECTOR(*edges)[2 * i + 1];

		if (a == b)
			continue;
		v[2 * m] = a < b ? a : b;
		v[2 * m + 1] = a < b ? b : a;
		m++;
	}
	if (mesh_i_sort_pairs(v, m, NULL, plan->nnodes) != 0) {
		free(v);
		return -1;
	}
	for (i = 0; i < m; i++) {       /* distinct pairs, compared in turn */
		if (i > 0 && v[2 * i] == v[2 * i - 2] &&
		    v[2 * i + 1] == v[2 * i - 1])
			continue;
		if (k == plan->nlinks || plan->links[2 * k] != v[2 * i] ||
		    plan->links[2 * k + 1] != v[2 * i + 1])
			break;
		k++;
	}
	if (i < m || k < plan->nlinks)
		mesh_diags_add(diags, MESH_WARNING, "edges-ignored", file, 0, 0,
		    NULL, "the graph's edges are not the links that its nodes' "
		    "'routes' attributes make: meshsim read the routes (as "
		    "meshsim export writes them) and ignored the edges, so an "
		    "edge added or removed by hand changes nothing; to read the "
		    "edges instead, remove the 'routes' attributes");
	free(v);
	return 0;
}

/* The graph's "cluster" attribute, as meshsim export writes it (the plan
 * format's "cluster"), onto plan; absent or "" is none. Returns 0, or 1
 * after reporting bad-cluster. */
static int
plan_cluster(const igraph_t *g, struct mesh_plan *plan, const char *file,
    struct mesh_diags *diags)
{
	const char *c;

	if (attr_type(g, 1, "cluster") != IGRAPH_ATTRIBUTE_STRING ||
	    *(c = mesh_i_ig.cattribute_gas(g, "cluster")) == '\0')
		return 0;
	if (strcmp(c, mesh_cluster_name(MESH_CLUSTER_HARPER_NATS)) == 0)
		plan->cluster = MESH_CLUSTER_HARPER_NATS;
	else if (strcmp(c, mesh_cluster_name(
	    MESH_CLUSTER_HARPER_REPLICATION)) == 0)
		plan->cluster = MESH_CLUSTER_HARPER_REPLICATION;
	else {
		mesh_diags_add(diags, MESH_ERROR, "bad-cluster", file, 0, 0,
		    NULL, "the graph's 'cluster' is \"%s\": it must be "
		    "\"harper-replication\" or \"harper-nats\"", c);
		return 1;
	}
	return 0;
}

/* The plan of graph g: a node per vertex, a route per edge stored by its
 * first vertex; or, when the vertices have a "routes" attribute (as
 * meshsim export writes), the routes it lists and not the edges. Returns
 * MESH_OK with *out set, MESH_EINPUT or MESH_ENOMEM. */
static enum mesh_error
build_plan(igraph_t *g, const char *file, const struct format *f,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	igraph_integer_t n = mesh_i_ig.vcount(g), v, e;
	enum mesh_error err = MESH_ENOMEM;
	struct mesh_plan *plan = NULL;
	igraph_vector_int_t edges;
	igraph_error_t rc;
	char **names = calloc((size_t)n + 1, sizeof(*names));
	char **hosts = calloc((size_t)n + 1, sizeof(*hosts));
	int *ports = calloc((size_t)n + 1, sizeof(*ports));
	int have_edges = 0;
	int routes_attr = attr_type(g, 0, "routes") == IGRAPH_ATTRIBUTE_STRING;
	int ltype = attr_type(g, 0, "labels");
	int atype = attr_type(g, 0, "availability");
	int ctype = attr_type(g, 0, "clustering");
	int aliases = attr_type(g, 0, "aliases") == IGRAPH_ATTRIBUTE_STRING;

	if (names == NULL || hosts == NULL || ports == NULL)
		goto done;
	if (vertex_endpoints(g, hosts, ports) != 0 ||
	    name_vertices(g, f, hosts, names) != MESH_OK)
		goto done;
	if (check_vertices(g, file, names, hosts, ports, diags) > 0) {
		err = MESH_EINPUT;
		goto done;
	}
	/* One link per pair of vertices; loops stay, to be reported. */
	if ((rc = distinct_links(g, &edges)) != IGRAPH_SUCCESS)
		goto igraph_failed;
	have_edges = 1;

	/* An empty name is none: GraphML gives "" for a key not set. */
	if ((plan = mesh_plan_new(attr_type(g, 1, "name") ==
	    IGRAPH_ATTRIBUTE_STRING &&
	    *mesh_i_ig.cattribute_gas(g, "name") != '\0' ?
	    mesh_i_ig.cattribute_gas(g, "name") : NULL, file)) == NULL)
		goto done;
	for (v = 0; v < n; v++) {
		int r = mesh_plan_add_node(plan, names[v], hosts[v], ports[v],
		    0, 0);

		if (r == -1)
			goto done;
		if (r == -2) {  /* "label#id" met another vertex's label */
			mesh_diags_add(diags, MESH_ERROR, "duplicate-name",
			    file, 0, 0, names[v], "two vertices are named "
			    "'%s'", names[v]);
			err = MESH_EINPUT;
			goto done;
		}
	}
	if (plan->name != NULL && mesh_i_has_control(plan->name)) {
		mesh_diags_add(diags, MESH_ERROR, "bad-name", file, 0, 0, NULL,
		    "the graph's name contains a control character");
		err = MESH_EINPUT;
		goto done;
	}
	if (plan_cluster(g, plan, file, diags) != 0) {
		err = MESH_EINPUT;
		goto done;
	}
	if (routes_attr || ltype == IGRAPH_ATTRIBUTE_STRING ||
	    atype == IGRAPH_ATTRIBUTE_NUMERIC ||
	    ctype == IGRAPH_ATTRIBUTE_STRING || aliases) {
		int errors = 0, r = 0;

		/* All nodes are in: a route may name a later one. */
		for (v = 0; v < n && r >= 0; v++) {
			if (routes_attr && (r = attr_routes(g, plan, v, file, f,
			    diags)) > 0)
				errors += r;
			if (r >= 0 && (r = attr_extras(g, plan, v, ltype, atype,
			    ctype, file, f, diags)) > 0)
				errors += r;
			if (r >= 0 && aliases && (r = attr_aliases(g, plan, v,
			    file, f, diags)) > 0)
				errors += r;
		}
		if (r < 0)
			goto done;
		if (errors > 0) {
			err = MESH_EINPUT;
			goto done;
		}
	}
	for (e = 0; !routes_attr && e < mesh_i_ig.vector_int_size(&edges) / 2;
	    e++) {
		igraph_integer_t a = VECTOR(edges)[2 * e];
		igraph_integer_t b = VECTOR(edges)[2 * e + 1];

		if (a == b) {
			mesh_diags_add(diags, MESH_WARNING, "self-route", file,
			    0, 0, names[a], "edge from '%s' to itself; "
			    "dropped", names[a]);
			continue;
		}
		if (mesh_plan_add_route(plan, (int)a,
		    plan->nodes[b].host, ports[b], 0, 0) != 0)
			goto done;
	}
	err = mesh_plan_resolve(plan, diags);
	if (err == MESH_OK && routes_attr &&
	    check_edges(&edges, plan, file, diags) != 0)
		err = MESH_ENOMEM;
	if (err == MESH_OK) {
		*out = plan;
		plan = NULL;
	}
	goto done;
igraph_failed:
	err = mesh_i_igraph_error(rc);
done:
	if (have_edges)
		mesh_i_ig.vector_int_destroy(&edges);
	for (v = 0; names != NULL && v < n; v++) {
		free(names[v]);
		free(hosts ? hosts[v] : NULL);
	}
	free(names);
	free(hosts);
	free(ports);
	mesh_plan_free(plan);
	return err;
}

/* igraph reads a whole graph: its vertices and edges are counted against
 * the limits after. Returns MESH_OK, or MESH_EINPUT after reporting. */
static enum mesh_error
check_counts(const igraph_t *g, const char *file, struct mesh_diags *diags)
{
	const struct mesh_limits *l = mesh_limits_get();
	uint64_t nv = (uint64_t)mesh_i_ig.vcount(g);
	uint64_t ne = (uint64_t)mesh_i_ig.ecount(g);

	if (nv > l->nodes) {
		mesh_diags_add(diags, MESH_ERROR, "too-many-nodes", file, 0, 0,
		    NULL, "the graph has %llu nodes, more than %zu "
		    "(--max-nodes raises the limit)", (unsigned long long)nv,
		    l->nodes);
		return MESH_EINPUT;
	}
	if (ne > l->routes) {
		mesh_diags_add(diags, MESH_ERROR, "too-many-routes", file, 0,
		    0, NULL, "the graph has %llu edges, more than %zu routes "
		    "(--max-routes raises the limit)", (unsigned long long)ne,
		    l->routes);
		return MESH_EINPUT;
	}
	return MESH_OK;
}

/* What read_steps() works on, for mesh_i_igraph_call(). */
struct reading {
	FILE *in;
	const char *file;
	const struct format *f;
	struct mesh_diags *diags;
	struct mesh_plan **out;
	igraph_t g;
	int have_g;
};

/* The igraph calls of read_igraph(). */
static enum mesh_error
read_steps(void *ctx)
{
	struct reading *r = ctx;
	enum mesh_error err;
	igraph_error_t rc;

	mesh_i_ig.set_attribute_table(mesh_i_ig.cattribute_table);
	if ((rc = read_graph(r->f, r->in, &r->g)) != IGRAPH_SUCCESS) {
		err = mesh_i_igraph_error(rc);
		if (err == MESH_EINPUT || err == MESH_EGRAPH) {
			parse_error(r->diags, r->file, r->f);
			err = MESH_EINPUT;
		}
		return err;
	}
	r->have_g = 1;
	if ((err = check_counts(&r->g, r->file, r->diags)) != MESH_OK)
		return err;
	return build_plan(&r->g, r->file, r->f, r->diags, r->out);
}

/* Read len bytes at buf in format f: the readers below. */
static enum mesh_error
read_igraph(const char *buf, size_t len, const char *file,
    const struct format *f, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	const igraph_attribute_table_t *table;
	struct mesh_i_reader k = { diags, file, 0, 0 };
	struct reading r;
	enum mesh_error err;
	size_t bad, i;
	int nul, line, col;

	*out = NULL;
	for (i = 0; i < len && buf[i] != '\0' && strchr(" \t\r\n",
	    buf[i]) != NULL; i++)
		;
	if (i == len) {
		mesh_diags_add(diags, MESH_ERROR, "empty-file", file, 1, 1,
		    NULL, "the file is empty");
		return MESH_EINPUT;
	}
	if (mesh_i_utf8_check(buf, len, &bad, &nul) != 0) {
		mesh_i_text_position(buf, bad, &line, &col);
		mesh_diags_add(diags, MESH_ERROR, "invalid-utf8", file, line,
		    col, NULL, nul ? "a NUL byte" :
		    "invalid UTF-8 (byte 0x%02x)", (unsigned char)buf[bad]);
		return MESH_EINPUT;
	}
	if ((f->format == MESH_FORMAT_EDGELIST &&
	    check_edgelist(&k, buf, len, f) != 0) ||
	    (f->format == MESH_FORMAT_NCOL &&
	    check_ncol(&k, buf, len, f) != 0))
		return MESH_EINPUT;
	/* igraph is loaded here, not by mesh_i_igraph_call(): the
	 * attribute table is set before it. */
	if ((err = mesh_i_igraph_load()) != MESH_OK)
		return err;
	memset(&r, 0, sizeof(r));
	if ((r.in = fmemopen((void *)(uintptr_t)buf, len, "r")) == NULL)
		return MESH_ENOMEM;
	r.file = file;
	r.f = f;
	r.diags = diags;
	r.out = out;
	table = mesh_i_ig.set_attribute_table(mesh_i_ig.cattribute_table);
	err = mesh_i_igraph_call(read_steps, &r);
	/* g's attributes are freed through the table in force. */
	mesh_i_ig.set_attribute_table(mesh_i_ig.cattribute_table);
	if (r.have_g)
		mesh_i_ig.destroy(&r.g);
	mesh_i_ig.set_attribute_table(table);
	fclose(r.in);
	return err;
}

/* The format entry for fmt; fmt is one of the four. */
static const struct format *
format_of(enum mesh_format fmt)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]) - 1; i++)
		if (formats[i].format == fmt)
			return &formats[i];
	return &formats[i];
}

enum mesh_error
mesh_i_read_gml(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	return read_igraph(buf, len, file, format_of(MESH_FORMAT_GML), diags,
	    out);
}

enum mesh_error
mesh_i_read_graphml(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	return read_igraph(buf, len, file, format_of(MESH_FORMAT_GRAPHML),
	    diags, out);
}

enum mesh_error
mesh_i_read_edgelist(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	return read_igraph(buf, len, file, format_of(MESH_FORMAT_EDGELIST),
	    diags, out);
}

enum mesh_error
mesh_i_read_ncol(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	return read_igraph(buf, len, file, format_of(MESH_FORMAT_NCOL), diags,
	    out);
}
