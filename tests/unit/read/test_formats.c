/* test_formats.c: the igraph readers (GML, GraphML, edge lists, NCOL), the writers, and round trips that keep the analysis. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/export.h"
#include "meshsim/meshsim.h"

/* Node v's name in analysis a. */
static const char *
name_of(const struct mesh_analysis *a, int v)
{
	return a->plan->nodes[v].name;
}

/* Fail unless a and b say the same of their plans, by node name:
 * components, cut-off nodes, articulation points and what they cut off,
 * bridges, connectivity. */
static void
assert_same_analysis(const struct mesh_analysis *a,
    const struct mesh_analysis *b)
{
	size_t i;

	assert_int_equal(a->nnodes, b->nnodes);
	assert_int_equal(a->nlinks, b->nlinks);
	assert_int_equal(a->connected, b->connected);
	assert_int_equal(a->ncomponents, b->ncomponents);
	for (i = 0; i <= a->ncomponents; i++)
		assert_int_equal(a->comp_start[i], b->comp_start[i]);
	for (i = 0; i < a->nnodes; i++)
		assert_string_equal(name_of(a, a->comp_nodes[i]),
		    name_of(b, b->comp_nodes[i]));
	assert_int_equal(a->ncut_off, b->ncut_off);
	for (i = 0; i < a->ncut_off; i++)
		assert_string_equal(name_of(a, a->cut_off[i]),
		    name_of(b, b->cut_off[i]));
	assert_int_equal(a->ncutpoints, b->ncutpoints);
	for (i = 0; i < a->ncutpoints; i++) {
		assert_string_equal(name_of(a, a->cutpoints[i].node),
		    name_of(b, b->cutpoints[i].node));
		assert_int_equal(a->cutpoints[i].stays, b->cutpoints[i].stays);
		assert_int_equal(a->cutpoints[i].ngroups,
		    b->cutpoints[i].ngroups);
	}
	assert_int_equal(a->ngroups, b->ngroups);
	for (i = 0; i < a->ngroups; i++)
		assert_int_equal(a->groups[i].size, b->groups[i].size);
	assert_int_equal(a->nbridges, b->nbridges);
	for (i = 0; i < 2 * a->nbridges; i++)
		assert_string_equal(name_of(a, a->bridges[i]),
		    name_of(b, b->bridges[i]));
	assert_int_equal(a->vertex_connectivity, b->vertex_connectivity);
	assert_int_equal(a->edge_connectivity, b->edge_connectivity);
}

/* Export p in fmt, read it back as file in format in, and check that
 * the analysis is unchanged; returns the plan read back. */
static struct mesh_plan *
round_trip(const struct mesh_plan *p, enum mesh_export_format fmt,
    const char *file, enum mesh_format in)
{
	struct mesh_analysis *a, *b;
	struct mesh_plan *q;
	struct mesh_diags d;
	char *text;

	assert_int_equal(mesh_plan_export(p, fmt, &text), MESH_OK);
	if (parse_text(text, file, in, &q, &d) != MESH_OK) {
		print_error("%s: %s\n%s\n", p->file, file,
		    d.n ? d.v[0].message : "?");
		fail();
	}
	/* Routes come back as written, in every format: so do their
	 * warnings (tests/roundtrip compares them). */
	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	assert_int_equal(mesh_analyze(q, NULL, &b), MESH_OK);
	assert_same_analysis(a, b);
	if (p->name != NULL)
		assert_string_equal(p->name, q->name);
	mesh_analysis_free(a);
	mesh_analysis_free(b);
	mesh_diags_clear(&d);
	free(text);
	return q;
}

static void
every_scenario_should_round_trip_with_the_same_analysis(void **state)
{
	DIR *dir = opendir("scenarios");
	struct dirent *e;
	int seen = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name), i;
		struct mesh_plan *p, *q;
		struct mesh_diags d;
		char path[512];
		char *t1, *t2;

		if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "scenarios/%s", e->d_name);
		mesh_diags_init(&d);
		assert_int_equal(mesh_plan_load(path, MESH_FORMAT_AUTO, &d, &p),
		    MESH_OK);
		/* JSON is lossless: the same nodes, hosts, ports and routes,
		 * and exporting again gives the same bytes. */
		q = round_trip(p, MESH_EXPORT_JSON, "x.json", MESH_FORMAT_JSON);
		assert_int_equal(p->nnodes, q->nnodes);
		assert_int_equal(p->nroutes, q->nroutes);
		assert_int_equal(p->nsteps, q->nsteps);
		assert_int_equal(p->nwhatifs, q->nwhatifs);
		for (i = 0; i < p->nnodes; i++) {
			assert_string_equal(p->nodes[i].host,
			    q->nodes[i].host);
			assert_int_equal(p->nodes[i].port, q->nodes[i].port);
			assert_int_equal(p->nodes[i].nroutes,
			    q->nodes[i].nroutes);
			assert_int_equal(p->nodes[i].nlabels,
			    q->nodes[i].nlabels);
		}
		assert_int_equal(mesh_plan_export(p, MESH_EXPORT_JSON, &t1),
		    MESH_OK);
		assert_int_equal(mesh_plan_export(q, MESH_EXPORT_JSON, &t2),
		    MESH_OK);
		assert_string_equal(t1, t2);
		free(t1);
		free(t2);
		mesh_plan_free(q);
		/* GraphML and GML keep names, hosts and ports. */
		q = round_trip(p, MESH_EXPORT_GRAPHML, "x.graphml",
		    MESH_FORMAT_AUTO);
		for (i = 0; i < p->nnodes; i++) {
			assert_string_equal(p->nodes[i].name,
			    q->nodes[i].name);
			assert_string_equal(p->nodes[i].host,
			    q->nodes[i].host);
			assert_int_equal(p->nodes[i].port, q->nodes[i].port);
		}
		mesh_plan_free(q);
		q = round_trip(p, MESH_EXPORT_GML, "x.gml", MESH_FORMAT_AUTO);
		for (i = 0; i < p->nnodes; i++) {
			assert_string_equal(p->nodes[i].name,
			    q->nodes[i].name);
			assert_string_equal(p->nodes[i].host,
			    q->nodes[i].host);
			assert_int_equal(p->nodes[i].port, q->nodes[i].port);
		}
		mesh_plan_free(q);
		mesh_plan_free(p);
		mesh_diags_clear(&d);
		seen++;
	}
	closedir(dir);
	assert_true(seen >= 10);
}

static void
json_export_should_keep_labels_availability_timeline_and_whatifs(void **s)
{
	static const char plan[] = "{\"name\": \"q\\\"uote\", \"nodes\": ["
	    "{\"name\": \"a\", \"port\": 7000, \"availability\": 0.95,"
	    " \"labels\": {\"zone\": \"z1\", \"rack\": \"r\\u00e9\"},"
	    " \"routes\": [{\"host\": \"B.\", \"port\": 9932},"
	    " {\"host\": \"gone\"}]},"
	    "{\"name\": \"b\", \"host\": \"b\", \"availability\": 1},"
	    "{\"name\": \"c\", \"availability\": 0.1}],"
	    "\"timeline\": [{\"stop\": [\"b\", \"a\"]},"
	    " {\"cut\": [\"a\", \"c\"], \"expect\": {\"connected\": false}}],"
	    "\"whatif\": [{\"name\": \"w\", \"down\": [\"a\"], \"expect\":"
	    " {\"isolated\": [], \"cut_off\": [\"c\"]}}]}";
	struct mesh_plan *p, *q;
	struct mesh_diags d, d2;
	char *t1, *t2;

	(void)s;
	assert_int_equal(parse_text(plan, "t.json", MESH_FORMAT_JSON, &p, &d),
	    MESH_OK);
	assert_int_equal(mesh_plan_export(p, MESH_EXPORT_JSON, &t1), MESH_OK);
	assert_int_equal(parse_text(t1, "u.json", MESH_FORMAT_JSON, &q, &d2),
	    MESH_OK);
	assert_string_equal(q->name, "q\"uote");
	assert_int_equal(q->nodes[0].port, 7000);
	assert_true(q->nodes[0].availability == 0.95);
	assert_true(q->nodes[1].availability == 1);
	assert_true(q->nodes[2].availability == 0.1);
	assert_string_equal(mesh_node_label(&q->nodes[0], "rack"),
	    "r\xc3\xa9");
	assert_string_equal(mesh_node_label(&q->nodes[0], "zone"), "z1");
	assert_int_equal(q->nodes[0].nroutes, 2);
	assert_string_equal(q->nodes[0].routes[0].host, "B.");
	assert_string_equal(q->nodes[0].routes[1].host, "gone");
	assert_int_equal(q->nsteps, 2);
	assert_int_equal(q->steps[0].nnodes, 2);
	assert_int_equal(q->steps[1].event, MESH_EVENT_CUT);
	assert_true(q->steps[1].has_expect);
	assert_true(q->steps[1].expect.has_connected);
	assert_false(q->steps[1].expect.has_isolated);
	assert_int_equal(q->nwhatifs, 1);
	assert_string_equal(q->whatifs[0].name, "w");
	assert_int_equal(q->whatifs[0].expect.ncut_off, 1);
	/* The dangling route is warned about again, as in the original. */
	assert_non_null(find_code(&d2, "dangling-route"));
	assert_int_equal(d.n, d2.n);
	assert_int_equal(mesh_plan_export(q, MESH_EXPORT_JSON, &t2), MESH_OK);
	assert_string_equal(t1, t2);
	free(t1);
	free(t2);
	mesh_plan_free(p);
	mesh_plan_free(q);
	mesh_diags_clear(&d);
	mesh_diags_clear(&d2);
}

static void
writers_should_escape_names_and_read_them_back(void **state)
{
	static const char plan[] = "{\"name\": \"<a & \\\"b\\\">\", \"nodes\": ["
	    "{\"name\": \"x \\\"q\\\" & <y>\", \"host\": \"h1\","
	    " \"routes\": [{\"host\": \"h2\"}]},"
	    "{\"name\": \"back\\\\slash\", \"host\": \"h2\"}]}";
	static const enum mesh_export_format fmts[] = { MESH_EXPORT_GRAPHML,
	    MESH_EXPORT_GML };
	static const char *const files[] = { "x.graphml", "x.gml" };
	struct mesh_plan *p, *q;
	struct mesh_diags d;
	char *dot;
	size_t i;

	(void)state;
	assert_int_equal(parse_text(plan, "t.json", MESH_FORMAT_JSON, &p, &d),
	    MESH_OK);
	mesh_diags_clear(&d);
	for (i = 0; i < 2; i++) {
		q = round_trip(p, fmts[i], files[i], MESH_FORMAT_AUTO);
		assert_string_equal(q->nodes[0].name, "x \"q\" & <y>");
		assert_string_equal(q->nodes[1].name, "back\\slash");
		assert_string_equal(q->name, "<a & \"b\">");
		mesh_plan_free(q);
	}
	assert_int_equal(mesh_plan_export(p, MESH_EXPORT_DOT, &dot), MESH_OK);
	assert_string_equal(dot, "graph \"<a & \\\"b\\\">\" {\n"
	    "  \"x \\\"q\\\" & <y>\" [label=\"x \\\"q\\\" & <y>\\nh1:9932\"];\n"
	    "  \"back\\\\slash\" [label=\"back\\\\slash\\nh2:9932\"];\n"
	    "  \"x \\\"q\\\" & <y>\" -- \"back\\\\slash\";\n"
	    "}\n");
	free(dot);
	assert_int_equal(mesh_plan_export(p, (enum mesh_export_format)99,
	    &dot), MESH_EINVAL);
	assert_null(dot);
	mesh_plan_free(p);
}

/* Found by fuzzing: GraphML gives "" for a graph attribute not set, so a
 * plan without a name came back named "". */
static void
graphml_should_read_no_name_back_as_none(void **state)
{
	static const char plan[] = "{\"nodes\": [{\"name\": \"a\"}]}";
	struct mesh_plan *p, *q;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse_text(plan, "t.json", MESH_FORMAT_JSON, &p, &d),
	    MESH_OK);
	mesh_diags_clear(&d);
	q = round_trip(p, MESH_EXPORT_GRAPHML, "x.graphml", MESH_FORMAT_AUTO);
	assert_null(q->name);
	mesh_plan_free(q);
	mesh_plan_free(p);
}

static void
export_format_names_should_map(void **state)
{
	(void)state;
	assert_int_equal(mesh_export_format_from_name("json"),
	    MESH_EXPORT_JSON);
	assert_int_equal(mesh_export_format_from_name("graphml"),
	    MESH_EXPORT_GRAPHML);
	assert_int_equal(mesh_export_format_from_name("gml"),
	    MESH_EXPORT_GML);
	assert_int_equal(mesh_export_format_from_name("dot"),
	    MESH_EXPORT_DOT);
	assert_int_equal(mesh_export_format_from_name("DOT"), -1);
	assert_int_equal(mesh_format_of_file("a.GraphML"),
	    MESH_FORMAT_GRAPHML);
	assert_int_equal(mesh_format_of_file("a.edges"), MESH_FORMAT_EDGELIST);
	assert_int_equal(mesh_format_of_file("a.ncol"), MESH_FORMAT_NCOL);
}

static void
graphml_should_name_by_name_then_label_then_id(void **state)
{
	static const char g[] = "<?xml version=\"1.0\"?>\n"
	    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
	    "<key id=\"n\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
	    "<key id=\"l\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
	    "<key id=\"h\" for=\"node\" attr.name=\"host\" attr.type=\"string\"/>\n"
	    "<key id=\"p\" for=\"node\" attr.name=\"port\" attr.type=\"double\"/>\n"
	    "<graph edgedefault=\"directed\">\n"
	    "<node id=\"v0\"><data key=\"n\">first</data>"
	    "<data key=\"l\">ignored</data><data key=\"p\">7000</data></node>\n"
	    "<node id=\"v1\"><data key=\"l\">second</data>"
	    "<data key=\"h\">10.0.0.2</data></node>\n"
	    "<node id=\"v2\"/>\n"
	    "<edge source=\"v0\" target=\"v1\"/>\n"
	    "<edge source=\"v1\" target=\"v0\"/>\n"
	    "<edge source=\"v2\" target=\"v1\"/>\n"
	    "</graph>\n</graphml>\n";
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse_text(g, "t.graphml", MESH_FORMAT_AUTO, &p, &d),
	    MESH_OK);
	assert_int_equal(p->nnodes, 3);
	assert_string_equal(p->nodes[0].name, "first");
	assert_string_equal(p->nodes[0].host, "first");
	assert_int_equal(p->nodes[0].port, 7000);
	assert_string_equal(p->nodes[1].name, "second");
	assert_string_equal(p->nodes[1].host, "10.0.0.2");
	assert_int_equal(p->nodes[1].port, 9932);
	assert_string_equal(p->nodes[2].name, "v2");
	/* Both directions are one link. */
	assert_int_equal(p->nlinks, 2);
	assert_int_equal(d.n, 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
edge_lists_should_name_vertices_by_number(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse_text("0 1\n1 2 2 0\n\n3 3\n1 0\n", "t.edges",
	    MESH_FORMAT_AUTO, &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 4);
	assert_string_equal(p->nodes[0].name, "0");
	assert_string_equal(p->nodes[3].name, "3");
	assert_int_equal(p->nlinks, 3);
	assert_non_null(find_code(&d, "self-route"));
	assert_null(find_code(&d, "duplicate-route"));
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
ncol_should_ignore_weights_and_keep_names(void **state)
{
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse_text("hub a 2.5\nhub b\nb hub 1e3\n", "t.txt",
	    MESH_FORMAT_NCOL, &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 3);
	assert_string_equal(p->nodes[0].name, "hub");
	assert_string_equal(p->nodes[2].name, "b");
	assert_int_equal(p->nlinks, 2);
	assert_int_equal(d.n, 0);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

/* A bad input, what it is reported as, and where. */
struct bad_case {
	const char *file;
	const char *text;
	const char *code;
	int line, column;
};

static void
every_error_should_be_reported_with_its_position(void **state)
{
	static const struct bad_case cases[] = {
		{ "t.edges", "0 1\n1 x\n", "invalid-edgelist", 2, 3 },
		{ "t.edges", "0 1\n 1 2 3\n", "invalid-edgelist", 2, 6 },
		{ "t.edges", "0 -1\n", "invalid-edgelist", 1, 3 },
		{ "t.edges", "0 1\n\n  5 1000000\n", "invalid-edgelist", 3, 5 },
		{ "t.edges", "0 1 # a comment\n", "invalid-edgelist", 1, 5 },
		{ "t.edges", " \n\t\n", "empty-file", 1, 1 },
		{ "t.edges", "0 1\n\xff", "invalid-utf8", 2, 1 },
		{ "t.ncol", "a b\nc\n", "invalid-ncol", 2, 1 },
		{ "t.ncol", "a b\n  c d w8\n", "invalid-ncol", 2, 7 },
		{ "t.ncol", "a b 1 2\n", "invalid-ncol", 1, 7 },
		{ "t.ncol", "\xc3\xa9 b\n\xc3\xa9 c 1 e\n", "invalid-ncol", 2,
		    7 },
		{ "t.graphml", "<graphml>\n<graph>\n<node id=\"a\">\n"
		    "</graph>\n</graphml>\n", "invalid-graphml", 4, 0 },
		{ "t.graphml", "<graphml>\n</graphml>\n", "invalid-graphml",
		    0, 0 },
		{ "t.graphml", "<graphml><key id=\"p\" for=\"node\" "
		    "attr.name=\"port\" attr.type=\"int\"/><graph>"
		    "<node id=\"a\"><data key=\"p\">0</data></node></graph>"
		    "</graphml>", "port-range", 0, 0 },
		{ "t.gml", "graph [\n node [ id 0 host \"a b\" ]\n]\n",
		    "bad-host", 0, 0 },
		{ "t.gml", "graph [\n node [ id 0 port 9.5 ]\n]\n",
		    "port-range", 0, 0 },
		{ "t.gml", "graph [\n  node [ id 0\n", "invalid-gml", 3, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *c = &cases[i];
		struct mesh_plan *p;
		struct mesh_diags d;
		static const struct mesh_diag none;
		const struct mesh_diag *g;

		if (parse_text(c->text, c->file, MESH_FORMAT_AUTO, &p, &d) !=
		    MESH_EINPUT) {
			print_error("case %zu was not refused\n", i);
			fail();
		}
		assert_null(p);
		if ((g = find_code(&d, c->code)) == NULL) {
			fail_msg("case %zu: no %s but %s: %s", i, c->code,
			    d.n ? d.v[0].code : "nothing",
			    d.n ? d.v[0].message : "");
			g = &none;
		}
		if (g->line != c->line || g->column != c->column) {
			print_error("case %zu: at %d:%d, not %d:%d (%s)\n", i,
			    g->line, g->column, c->line, c->column,
			    g->message);
			fail();
		}
		assert_string_equal(g->file, c->file);
		mesh_diags_clear(&d);
	}
}

/* Parse the len bytes of text from a buffer of exactly that size (no
 * NUL after them, so that ASan sees any read past the end) as file. */
static enum mesh_error
parse_exact(const char *text, size_t len, const char *file,
    struct mesh_plan **p, struct mesh_diags *d)
{
	char *buf = malloc(len);
	enum mesh_error err;

	assert_non_null(buf);
	memcpy(buf, text, len);
	mesh_diags_init(d);
	err = mesh_plan_parse(buf, len, file, MESH_FORMAT_AUTO, d, p);
	free(buf);
	return err;
}

/* Found by fuzzing (tests/fuzz/regress/edgelist): the edge list and NCOL
 * checks read past a buffer that does not end in a NUL, and took a NUL
 * byte for white space. */
static void
readers_should_stop_at_the_buffer_end_and_see_nul_bytes(void **state)
{
	static const struct mesh_diag none;
	const struct mesh_diag *g;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	assert_int_equal(parse_exact("0 1", 3, "t.edges", &p, &d), MESH_OK);
	assert_int_equal(p->nnodes, 2);
	assert_int_equal(p->nlinks, 1);
	mesh_plan_free(p);
	mesh_diags_clear(&d);

	assert_int_equal(parse_exact("a b\ncd", 6, "t.ncol", &p, &d),
	    MESH_EINPUT);
	if ((g = find_code(&d, "invalid-ncol")) == NULL) {
		fail_msg("no invalid-ncol");
		g = &none;
	}
	assert_non_null(strstr(g->message, "only 'cd'"));
	mesh_diags_clear(&d);

	assert_int_equal(parse_exact(" \0\n", 3, "t.gml", &p, &d),
	    MESH_EINPUT);
	if ((g = find_code(&d, "invalid-utf8")) == NULL) {
		fail_msg("no invalid-utf8");
		g = &none;
	}
	assert_string_equal(g->message, "a NUL byte");
	assert_int_equal(g->column, 2);
	assert_null(find_code(&d, "empty-file"));
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    every_scenario_should_round_trip_with_the_same_analysis),
		cmocka_unit_test(
		    json_export_should_keep_labels_availability_timeline_and_whatifs),
		cmocka_unit_test(writers_should_escape_names_and_read_them_back),
		cmocka_unit_test(graphml_should_read_no_name_back_as_none),
		cmocka_unit_test(export_format_names_should_map),
		cmocka_unit_test(graphml_should_name_by_name_then_label_then_id),
		cmocka_unit_test(edge_lists_should_name_vertices_by_number),
		cmocka_unit_test(ncol_should_ignore_weights_and_keep_names),
		cmocka_unit_test(every_error_should_be_reported_with_its_position),
		cmocka_unit_test(
		    readers_should_stop_at_the_buffer_end_and_see_nul_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
