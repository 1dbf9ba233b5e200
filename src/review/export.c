/* export.c: write a plan as JSON (the plan format), GraphML, GML or Graphviz DOT. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hostcheck.h"
#include "out/json_out.h"
#include "meshsim/export.h"
#include "meshsim/meshsim.h"
#include "base/util.h"

int
mesh_export_format_from_name(const char *name)
{
	if (strcmp(name, "json") == 0)
		return MESH_EXPORT_JSON;
	if (strcmp(name, "graphml") == 0)
		return MESH_EXPORT_GRAPHML;
	if (strcmp(name, "gml") == 0)
		return MESH_EXPORT_GML;
	if (strcmp(name, "dot") == 0)
		return MESH_EXPORT_DOT;
	return -1;
}

/* d with the fewest digits that read back as d (the JSON writer's). */
static void
put_double(struct mesh_i_buf *b, double d)
{
	struct mesh_i_jw w;

	mesh_i_jw_init(&w, b, MESH_I_JW_SHORTEST);
	mesh_i_jw_number(&w, NULL, d);
}

/* Whether node n's host is its name and cannot be written as a host
 * ("New York"): then the plan format leaves "host" out, and routes to it
 * name the node. */
static int
name_only_host(const struct mesh_node *n)
{
	return strcmp(n->host, n->name) == 0 && !mesh_i_host_writable(n->host);
}

/* A route of the plan format, on one line: {"host": ...,
 * "port": ...}, or {"node": ..., "port": ...} when its host is a node's
 * name that cannot be written as a host; with its "source" {"file",
 * "line", "column", "via"} when src is not NULL (docs/json.md). */
static void
put_route(struct mesh_i_jw *w, const struct mesh_plan *p,
    const struct mesh_route *r, const struct mesh_source *src)
{
	int t = mesh_i_host_writable(r->host) ? -1 : mesh_plan_find(p, r->host);

	mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
	mesh_i_jw_string(w, t >= 0 && name_only_host(&p->nodes[t]) ? "node" :
	    "host", r->host);
	mesh_i_jw_int(w, "port", r->port);
	if (src != NULL) {
		mesh_i_jw_object(w, "source", MESH_I_JW_INLINE);
		mesh_i_jw_string_or_null(w, "file", src->file);
		mesh_i_jw_int(w, "line", r->line);
		mesh_i_jw_int(w, "column", r->column);
		mesh_i_jw_string_or_null(w, "via", src->via);
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

/* n's routes as the plan format's list under key, laid out as layout
 * says, each route on one line, with its source when sources is set. */
static void
put_routes(struct mesh_i_jw *w, const char *key,
    enum mesh_i_jw_layout layout, const struct mesh_plan *p,
    const struct mesh_node *n, int sources)
{
	size_t i;

	mesh_i_jw_array(w, key, layout);
	for (i = 0; i < n->nroutes; i++)
		put_route(w, p, &n->routes[i], sources ?
		    mesh_plan_route_source(p, (int)(n - p->nodes), i) : NULL);
	mesh_i_jw_end(w);
}

/* n's labels under key, an object on one line. */
static void
put_labels(struct mesh_i_jw *w, const char *key, const struct mesh_node *n)
{
	size_t i;

	mesh_i_jw_object(w, key, MESH_I_JW_INLINE);
	for (i = 0; i < n->nlabels; i++)
		mesh_i_jw_string(w, n->labels[i].key, n->labels[i].value);
	mesh_i_jw_end(w);
}

/* What attribute_text() writes. */
enum attr_kind { ATTR_ROUTES, ATTR_LABELS, ATTR_ALIASES };

/* n's routes, labels or aliases (kind) as JSON on one line, into a fresh
 * buffer: the "routes", "labels" and "aliases" attributes of GraphML and
 * GML. Returns the text (the caller frees it), or NULL when n has none
 * (*failed 0) or memory ran out (*failed 1). */
static char *
attribute_text(const struct mesh_plan *p, const struct mesh_node *n,
    enum attr_kind kind, int *failed)
{
	const char *const *aliases;
	struct mesh_i_buf b;
	struct mesh_i_jw w;
	size_t i, na = mesh_plan_aliases(p, (int)(n - p->nodes), &aliases);
	char *t;

	*failed = 0;
	if ((kind == ATTR_ROUTES ? n->nroutes : kind == ATTR_LABELS ?
	    n->nlabels : na) == 0)
		return NULL;
	mesh_i_buf_init(&b);
	mesh_i_jw_init(&w, &b, MESH_I_JW_SHORTEST);
	if (kind == ATTR_ROUTES) {
		put_routes(&w, NULL, MESH_I_JW_INLINE, p, n, 0);
	} else if (kind == ATTR_LABELS) {
		put_labels(&w, NULL, n);
	} else {
		mesh_i_jw_array(&w, NULL, MESH_I_JW_INLINE);
		for (i = 0; i < na; i++)
			mesh_i_jw_string(&w, NULL, aliases[i]);
		mesh_i_jw_end(&w);
	}
	if ((t = mesh_i_buf_take(&b)) == NULL)
		*failed = 1;
	return t;
}

/* Whether some node of p has aliases: then GraphML declares the
 * "aliases" attribute. */
static int
any_aliases(const struct mesh_plan *p)
{
	const char *const *aliases;
	size_t i;

	for (i = 0; i < p->nnodes; i++)
		if (mesh_plan_aliases(p, (int)i, &aliases) > 0)
			return 1;
	return 0;
}

/* Whether some node of p does not join the cluster (plan.h, no_cluster):
 * then GraphML declares the "clustering" attribute. */
static int
any_no_cluster(const struct mesh_plan *p)
{
	size_t i;

	for (i = 0; i < p->nnodes; i++)
		if (p->nodes[i].no_cluster)
			return 1;
	return 0;
}

/* One node of the plan format, a member a line. */
static void
put_json_node(struct mesh_i_jw *w, const struct mesh_plan *p,
    const struct mesh_node *n)
{
	const char *const *aliases;
	size_t i, na;

	mesh_i_jw_object(w, NULL, MESH_I_JW_LINES);
	mesh_i_jw_string(w, "name", n->name);
	if (!name_only_host(n))
		mesh_i_jw_string(w, "host", n->host);
	mesh_i_jw_int(w, "port", n->port);
	if ((na = mesh_plan_aliases(p, (int)(n - p->nodes), &aliases)) > 0) {
		mesh_i_jw_array(w, "aliases", MESH_I_JW_INLINE);
		for (i = 0; i < na; i++)
			mesh_i_jw_string(w, NULL, aliases[i]);
		mesh_i_jw_end(w);
	}
	if (n->nlabels > 0)
		put_labels(w, "labels", n);
	if (n->availability >= 0)
		mesh_i_jw_number(w, "availability", n->availability);
	if (n->no_cluster)
		mesh_i_jw_bool(w, "clustering", 0);
	if (n->nroutes > 0)
		put_routes(w, "routes", MESH_I_JW_LINES, p, n, 1);
	mesh_i_jw_end(w);
}

/* The plan format (docs/plan-format.md), timeline and what-if runs
 * included, as a malloc'd string the caller frees; NULL when out of
 * memory. */
static char *
json_text(const struct mesh_plan *p)
{
	struct mesh_i_buf b;
	struct mesh_i_jw w;
	size_t i;

	mesh_i_buf_init(&b);
	mesh_i_jw_init(&w, &b, MESH_I_JW_SHORTEST);
	mesh_i_jw_object(&w, NULL, MESH_I_JW_LINES);
	if (p->name != NULL)
		mesh_i_jw_string(&w, "name", p->name);
	if (mesh_cluster_name(p->cluster) != NULL)
		mesh_i_jw_string(&w, "cluster", mesh_cluster_name(p->cluster));
	mesh_i_jw_array(&w, "nodes", MESH_I_JW_LINES);
	for (i = 0; i < p->nnodes; i++)
		put_json_node(&w, p, &p->nodes[i]);
	mesh_i_jw_end(&w);
	if (p->nsteps > 0) {
		mesh_i_jw_array(&w, "timeline", MESH_I_JW_LINES);
		for (i = 0; i < p->nsteps; i++) {
			const struct mesh_step *s = &p->steps[i];

			mesh_i_jw_object(&w, NULL, MESH_I_JW_INLINE);
			mesh_i_jw_names(&w, mesh_event_name(s->event), p,
			    s->nodes, s->nnodes);
			if (s->has_expect)
				mesh_i_jw_expect(&w, "expect", p, &s->expect);
			mesh_i_jw_end(&w);
		}
		mesh_i_jw_end(&w);
	}
	if (p->nwhatifs > 0) {
		mesh_i_jw_array(&w, "whatif", MESH_I_JW_LINES);
		for (i = 0; i < p->nwhatifs; i++) {
			const struct mesh_whatif *wi = &p->whatifs[i];

			mesh_i_jw_object(&w, NULL, MESH_I_JW_INLINE);
			mesh_i_jw_string(&w, "name", wi->name);
			mesh_i_jw_names(&w, "down", p, wi->down, wi->ndown);
			if (wi->has_expect)
				mesh_i_jw_expect(&w, "expect", p, &wi->expect);
			mesh_i_jw_end(&w);
		}
		mesh_i_jw_end(&w);
	}
	mesh_i_jw_end(&w);
	return mesh_i_jw_take(&w);
}

/* s with XML's special characters as entities. */
static void
put_xml(struct mesh_i_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			mesh_i_buf_puts(b, "&amp;");
			break;
		case '<':
			mesh_i_buf_puts(b, "&lt;");
			break;
		case '>':
			mesh_i_buf_puts(b, "&gt;");
			break;
		case '"':
			mesh_i_buf_puts(b, "&quot;");
			break;
		default:
			mesh_i_buf_add(b, s, 1);
			break;
		}
	}
}

/* The JSON attributes of a node, in the order GraphML and GML write them. */
static const enum attr_kind kinds[] = { ATTR_ROUTES, ATTR_LABELS,
	ATTR_ALIASES };
static const char *const attr_names[] = { "routes", "labels", "aliases" };

/* GraphML with the attributes name, host (left out where it is a name
 * that cannot be written as a host), port, routes (the plan format's
 * list, as written), labels, aliases (a JSON list, where a node has
 * them), availability and clustering (where a node does not cluster), and the plan's cluster, which the GraphML reader
 * takes back; an edge per link, for other tools. b records running out
 * of memory. */
static void
put_graphml(struct mesh_i_buf *b, const struct mesh_plan *p)
{
	size_t i, k;
	char *t;
	int failed;

	mesh_i_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
	    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	    "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
	    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
	    "  <key id=\"g_name\" for=\"graph\" attr.name=\"name\" "
	    "attr.type=\"string\"/>\n"
	    "  <key id=\"v_name\" for=\"node\" attr.name=\"name\" "
	    "attr.type=\"string\"/>\n"
	    "  <key id=\"v_host\" for=\"node\" attr.name=\"host\" "
	    "attr.type=\"string\"/>\n"
	    "  <key id=\"v_port\" for=\"node\" attr.name=\"port\" "
	    "attr.type=\"int\"/>\n"
	    "  <key id=\"v_routes\" for=\"node\" attr.name=\"routes\" "
	    "attr.type=\"string\"/>\n"
	    "  <key id=\"v_labels\" for=\"node\" attr.name=\"labels\" "
	    "attr.type=\"string\"/>\n"
	    "  <key id=\"v_availability\" for=\"node\" "
	    "attr.name=\"availability\" attr.type=\"double\"/>\n");
	/* Declared only where used, so that other plans export as before. */
	if (p->cluster != MESH_CLUSTER_UNSAID)
		mesh_i_buf_puts(b, "  <key id=\"g_cluster\" for=\"graph\" "
		    "attr.name=\"cluster\" attr.type=\"string\"/>\n");
	if (any_no_cluster(p))
		mesh_i_buf_puts(b, "  <key id=\"v_clustering\" for=\"node\" "
		    "attr.name=\"clustering\" attr.type=\"string\"/>\n");
	if (any_aliases(p))
		mesh_i_buf_puts(b, "  <key id=\"v_aliases\" for=\"node\" "
		    "attr.name=\"aliases\" attr.type=\"string\"/>\n");
	mesh_i_buf_puts(b, "  <graph id=\"G\" edgedefault=\"undirected\">\n");
	if (p->name != NULL) {
		mesh_i_buf_puts(b, "    <data key=\"g_name\">");
		put_xml(b, p->name);
		mesh_i_buf_puts(b, "</data>\n");
	}
	if (p->cluster != MESH_CLUSTER_UNSAID)
		mesh_i_buf_printf(b, "    <data key=\"g_cluster\">%s</data>\n",
		    mesh_cluster_name(p->cluster));
	for (i = 0; i < p->nnodes; i++) {
		const struct mesh_node *n = &p->nodes[i];

		mesh_i_buf_printf(b, "    <node id=\"n%zu\">\n"
		    "      <data key=\"v_name\">", i);
		put_xml(b, n->name);
		if (!name_only_host(n)) {
			mesh_i_buf_puts(b, "</data>\n      <data key=\"v_host\">");
			put_xml(b, n->host);
		}
		mesh_i_buf_printf(b, "</data>\n      <data key=\"v_port\">%d"
		    "</data>\n", n->port);
		for (k = 0; k < 3; k++) {
			if ((t = attribute_text(p, n, kinds[k], &failed)) ==
			    NULL) {
				b->failed |= failed;
				continue;
			}
			mesh_i_buf_printf(b, "      <data key=\"v_%s\">",
			    attr_names[k]);
			put_xml(b, t);
			mesh_i_buf_puts(b, "</data>\n");
			free(t);
		}
		if (n->availability >= 0) {
			mesh_i_buf_puts(b, "      <data key=\"v_availability\">");
			put_double(b, n->availability);
			mesh_i_buf_puts(b, "</data>\n");
		}
		if (n->no_cluster)
			mesh_i_buf_puts(b, "      <data key=\"v_clustering\">"
			    "false</data>\n");
		mesh_i_buf_puts(b, "    </node>\n");
	}
	for (i = 0; i < p->nlinks; i++)
		mesh_i_buf_printf(b, "    <edge source=\"n%d\" target=\"n%d\"/>\n",
		    p->links[2 * i], p->links[2 * i + 1]);
	mesh_i_buf_puts(b, "  </graph>\n</graphml>\n");
}

/* s as a GML string: quotes included, '"' and '&' as the entities that
 * igraph's reader decodes. */
static void
put_gml_string(struct mesh_i_buf *b, const char *s)
{
	mesh_i_buf_puts(b, "\"");
	for (; *s != '\0'; s++) {
		if (*s == '"')
			mesh_i_buf_puts(b, "&quot;");
		else if (*s == '&')
			mesh_i_buf_puts(b, "&amp;");
		else
			mesh_i_buf_add(b, s, 1);
	}
	mesh_i_buf_puts(b, "\"");
}

/* GML: the plan's name and cluster; each node's label (its name), host
 * (as for GraphML), port, routes, labels, aliases, availability and
 * clustering;
 * each link an edge. b records running
 * out of memory. */
static void
put_gml(struct mesh_i_buf *b, const struct mesh_plan *p)
{
	size_t i, k;
	char *t;
	int failed;

	mesh_i_buf_puts(b, "graph [\n  directed 0\n");
	if (p->name != NULL) {
		mesh_i_buf_puts(b, "  name ");
		put_gml_string(b, p->name);
		mesh_i_buf_puts(b, "\n");
	}
	if (p->cluster != MESH_CLUSTER_UNSAID)
		mesh_i_buf_printf(b, "  cluster \"%s\"\n",
		    mesh_cluster_name(p->cluster));
	for (i = 0; i < p->nnodes; i++) {
		const struct mesh_node *n = &p->nodes[i];

		mesh_i_buf_printf(b, "  node [\n    id %zu\n    label ", i);
		put_gml_string(b, n->name);
		if (!name_only_host(n)) {
			mesh_i_buf_puts(b, "\n    host ");
			put_gml_string(b, n->host);
		}
		mesh_i_buf_printf(b, "\n    port %d\n", n->port);
		for (k = 0; k < 3; k++) {
			if ((t = attribute_text(p, n, kinds[k], &failed)) ==
			    NULL) {
				b->failed |= failed;
				continue;
			}
			mesh_i_buf_printf(b, "    %s ", attr_names[k]);
			put_gml_string(b, t);
			mesh_i_buf_puts(b, "\n");
			free(t);
		}
		if (n->availability >= 0) {
			mesh_i_buf_puts(b, "    availability ");
			put_double(b, n->availability);
			mesh_i_buf_puts(b, "\n");
		}
		if (n->no_cluster)
			mesh_i_buf_puts(b, "    clustering \"false\"\n");
		mesh_i_buf_puts(b, "  ]\n");
	}
	for (i = 0; i < p->nlinks; i++)
		mesh_i_buf_printf(b, "  edge [\n    source %d\n    target %d\n"
		    "  ]\n", p->links[2 * i], p->links[2 * i + 1]);
	mesh_i_buf_puts(b, "]\n");
}

/* s inside a DOT quoted string: '"' and '\\' escaped. */
static void
put_dot_chars(struct mesh_i_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			mesh_i_buf_puts(b, "\\");
		mesh_i_buf_add(b, s, 1);
	}
}

/* s as a DOT quoted string. */
static void
put_dot_string(struct mesh_i_buf *b, const char *s)
{
	mesh_i_buf_puts(b, "\"");
	put_dot_chars(b, s);
	mesh_i_buf_puts(b, "\"");
}

/* Graphviz: an undirected graph, each node labelled name and host:port. */
static void
put_dot(struct mesh_i_buf *b, const struct mesh_plan *p)
{
	size_t i;

	mesh_i_buf_puts(b, "graph ");
	if (p->name != NULL) {
		put_dot_string(b, p->name);
		mesh_i_buf_puts(b, " ");
	}
	mesh_i_buf_puts(b, "{\n");
	for (i = 0; i < p->nnodes; i++) {
		const struct mesh_node *n = &p->nodes[i];

		mesh_i_buf_puts(b, "  ");
		put_dot_string(b, n->name);
		/* The label's own escape \n is a line break. */
		mesh_i_buf_puts(b, " [label=\"");
		put_dot_chars(b, n->name);
		mesh_i_buf_puts(b, "\\n");
		put_dot_chars(b, n->host);
		mesh_i_buf_printf(b, ":%d\"];\n", n->port);
	}
	for (i = 0; i < p->nlinks; i++) {
		mesh_i_buf_puts(b, "  ");
		put_dot_string(b, p->nodes[p->links[2 * i]].name);
		mesh_i_buf_puts(b, " -- ");
		put_dot_string(b, p->nodes[p->links[2 * i + 1]].name);
		mesh_i_buf_puts(b, ";\n");
	}
	mesh_i_buf_puts(b, "}\n");
}

enum mesh_error
mesh_plan_export(const struct mesh_plan *plan, enum mesh_export_format fmt,
    char **out)
{
	struct mesh_i_buf b;

	if (fmt == MESH_EXPORT_JSON) {
		*out = json_text(plan);
		return *out != NULL ? MESH_OK : MESH_ENOMEM;
	}
	*out = NULL;
	mesh_i_buf_init(&b);
	switch (fmt) {
	case MESH_EXPORT_GRAPHML:
		put_graphml(&b, plan);
		break;
	case MESH_EXPORT_GML:
		put_gml(&b, plan);
		break;
	case MESH_EXPORT_DOT:
		put_dot(&b, plan);
		break;
	default:
		mesh_i_buf_free(&b);
		return MESH_EINVAL;
	}
	if ((*out = mesh_i_buf_take(&b)) == NULL)
		return MESH_ENOMEM;
	return MESH_OK;
}
