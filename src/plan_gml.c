/* plan_gml.c: read a GML graph (such as the Internet Topology Zoo's) as a plan, through igraph. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "igraph_glue.h"
#include "meshsim/meshsim.h"
#include "readers.h"
#include "text.h"
#include "util.h"

/* The type of the graph (graph != 0) or vertex attribute called name, or
 * -1 when there is none. */
static int
attr_type(const igraph_t *g, int graph, const char *name)
{
	igraph_strvector_t names;
	igraph_vector_int_t types;
	igraph_integer_t i;
	int type = -1;

	if (igraph_strvector_init(&names, 0) != IGRAPH_SUCCESS)
		return -1;
	if (igraph_vector_int_init(&types, 0) != IGRAPH_SUCCESS) {
		igraph_strvector_destroy(&names);
		return -1;
	}
	if ((graph ? igraph_cattribute_list(g, &names, &types, NULL, NULL,
	    NULL, NULL) : igraph_cattribute_list(g, NULL, NULL, &names, &types,
	    NULL, NULL)) == IGRAPH_SUCCESS)
		for (i = 0; i < igraph_strvector_size(&names); i++)
			if (strcmp(igraph_strvector_get(&names, i), name) == 0)
				type = (int)VECTOR(types)[i];
	igraph_vector_int_destroy(&types);
	igraph_strvector_destroy(&names);
	return type;
}

/* A vertex attribute as text: a string as it is, a number as an integer
 * where it is one. Returns a malloc'd string ("" when absent) or NULL. */
static char *
vertex_text(const igraph_t *g, const char *attr, int type, igraph_integer_t v)
{
	if (type == IGRAPH_ATTRIBUTE_STRING)
		return strdup(VAS(g, attr, v));
	if (type == IGRAPH_ATTRIBUTE_NUMERIC) {
		double d = VAN(g, attr, v);

		if (isnan(d))   /* the vertex has no such value */
			return strdup("");
		return mesh_asprintf("%.15g", d);
	}
	return strdup("");
}

/* Name every vertex: its label, else its id; a label that several
 * vertices share (ignoring case) gets "#id" appended on each. */
static enum mesh_error
name_vertices(const igraph_t *g, char **names)
{
	igraph_integer_t n = igraph_vcount(g), v;
	int ltype = attr_type(g, 0, "label");
	int itype = attr_type(g, 0, "id");
	char **label = calloc((size_t)n + 1, sizeof(*label));
	char **key = calloc((size_t)n + 1, sizeof(*key));
	int *count = calloc((size_t)n + 1, sizeof(*count));
	struct mesh_map seen;
	enum mesh_error err = MESH_ENOMEM;

	mesh_map_init(&seen);
	if (label == NULL || key == NULL || count == NULL)
		goto done;
	for (v = 0; v < n; v++) {
		char *id = vertex_text(g, "id", itype, v);
		int first;

		if (id == NULL)
			goto done;
		if (*id == '\0') {
			free(id);
			if ((id = mesh_asprintf("%ld", (long)v)) == NULL)
				goto done;
		}
		if ((label[v] = vertex_text(g, "label", ltype, v)) == NULL) {
			free(id);
			goto done;
		}
		if (*label[v] == '\0') {
			free(label[v]);
			label[v] = id;
		} else {
			names[v] = mesh_asprintf("%s#%s", label[v], id);
			free(id);
			if (names[v] == NULL)
				goto done;
		}
		if ((key[v] = mesh_host_normal(label[v])) == NULL)
			goto done;
		first = mesh_map_put(&seen, key[v], 0, (int)v);
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
	mesh_map_free(&seen);
	return err;
}

/* Turn igraph's parse message, "Parse error in GML file, line 4 (what).",
 * into a diagnostic at that line saying what. */
static void
parse_error(struct mesh_diags *diags, const char *file)
{
	const char *msg = mesh_igraph_message();
	const char *at = strstr(msg, "line ");
	const char *open = strchr(msg, '(');
	const char *close = strrchr(msg, ')');
	int line = 0;

	if (at != NULL) {
		long l = strtol(at + 5, NULL, 10);

		line = l > 0 && l < INT_MAX ? (int)l : 0;
	}
	if (open != NULL && close != NULL && close > open)
		mesh_diags_add(diags, MESH_ERROR, "invalid-gml", file, line, 0,
		    NULL, "invalid GML: %.*s", (int)(close - open - 1),
		    open + 1);
	else
		mesh_diags_add(diags, MESH_ERROR, "invalid-gml", file, line, 0,
		    NULL, "invalid GML: %s", *msg ? msg : "parse error");
}

enum mesh_error
mesh_read_gml(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	struct mesh_igraph_saved saved;
	const igraph_attribute_table_t *table;
	enum mesh_error err = MESH_ENOMEM;
	struct mesh_plan *plan = NULL;
	igraph_vector_int_t edges;
	igraph_integer_t n = 0, v, e;
	igraph_error_t rc;
	igraph_t g;
	char **names = NULL;
	FILE *f = NULL;
	size_t bad, i;
	int nul, line, col, have_g = 0, have_edges = 0;

	*out = NULL;
	for (i = 0; i < len && strchr(" \t\r\n", buf[i]) != NULL; i++)
		;
	if (i == len) {
		mesh_diags_add(diags, MESH_ERROR, "empty-file", file, 1, 1,
		    NULL, "the file is empty");
		return MESH_EINPUT;
	}
	if (mesh_utf8_check(buf, len, &bad, &nul) != 0) {
		mesh_text_position(buf, bad, &line, &col);
		mesh_diags_add(diags, MESH_ERROR, "invalid-utf8", file, line,
		    col, NULL, nul ? "a NUL byte" :
		    "invalid UTF-8 (byte 0x%02x)", (unsigned char)buf[bad]);
		return MESH_EINPUT;
	}
	if ((f = fmemopen((void *)(uintptr_t)buf, len, "r")) == NULL)
		return MESH_ENOMEM;

	mesh_igraph_enter(&saved);
	table = igraph_set_attribute_table(&igraph_cattribute_table);
	rc = igraph_read_graph_gml(&g, f);
	if (rc != IGRAPH_SUCCESS) {
		err = mesh_igraph_error(rc);
		if (err == MESH_EINPUT || err == MESH_EGRAPH) {
			parse_error(diags, file);
			err = MESH_EINPUT;
		}
		goto done;
	}
	have_g = 1;
	if (igraph_is_directed(&g) && (rc = igraph_to_undirected(&g,
	    IGRAPH_TO_UNDIRECTED_COLLAPSE, NULL)) != IGRAPH_SUCCESS)
		goto igraph_failed;
	n = igraph_vcount(&g);
	if ((names = calloc((size_t)n + 1, sizeof(*names))) == NULL)
		goto done;
	if ((err = name_vertices(&g, names)) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	/* One link per pair of vertices; loops stay, to be reported. */
	if ((rc = igraph_simplify(&g, 1, 0, NULL)) != IGRAPH_SUCCESS)
		goto igraph_failed;
	if ((rc = igraph_vector_int_init(&edges, 0)) != IGRAPH_SUCCESS)
		goto igraph_failed;
	have_edges = 1;
	if ((rc = igraph_get_edgelist(&g, &edges, 0)) != IGRAPH_SUCCESS)
		goto igraph_failed;

	if ((plan = mesh_plan_new(attr_type(&g, 1, "name") ==
	    IGRAPH_ATTRIBUTE_STRING ? GAS(&g, "name") : NULL, file)) == NULL)
		goto done;
	for (v = 0; v < n; v++) {
		int r = mesh_plan_add_node(plan, names[v], NULL,
		    MESH_DEFAULT_PORT, 0, 0);

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
	for (e = 0; e < igraph_vector_int_size(&edges) / 2; e++) {
		igraph_integer_t a = VECTOR(edges)[2 * e];
		igraph_integer_t b = VECTOR(edges)[2 * e + 1];

		if (a == b) {
			mesh_diags_add(diags, MESH_WARNING, "self-route", file,
			    0, 0, names[a], "edge from '%s' to itself; "
			    "dropped", names[a]);
			continue;
		}
		if (mesh_plan_add_route(plan, (int)a, names[b],
		    MESH_DEFAULT_PORT, 0, 0) != 0)
			goto done;
	}
	err = mesh_plan_resolve(plan, diags);
	if (err == MESH_OK) {
		*out = plan;
		plan = NULL;
	}
	goto done;
igraph_failed:
	err = mesh_igraph_error(rc);
done:
	if (have_edges)
		igraph_vector_int_destroy(&edges);
	if (have_g)
		igraph_destroy(&g);
	igraph_set_attribute_table(table);
	mesh_igraph_leave(&saved);
	fclose(f);
	for (v = 0; names != NULL && v < n; v++)
		free(names[v]);
	free(names);
	mesh_plan_free(plan);
	return err;
}
