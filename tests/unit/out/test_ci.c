/* test_ci.c: the CI reports: XML escaping (JUnit) and SARIF's file URIs and locations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meshsim/meshsim.h"
#include "out/xml_writer.h"
#include "base/util.h"

/* s escaped as text (attr 0) or as an attribute value (attr 1). */
static char *
escaped(const char *s, int attr)
{
	struct mesh_i_buf b;

	mesh_i_buf_init(&b);
	mesh_i_xml_escape(&b, s, attr);
	return mesh_i_buf_take(&b);
}

static void
xml_escape_should_write_entities_and_keep_only_what_xml_holds(void **state)
{
	char *t;

	(void)state;
	t = escaped("a<b>&\"c\"'d'", 0);
	assert_string_equal(t, "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
	free(t);
	/* Line breaks and tabs stay in text, and survive in attributes. */
	t = escaped("1\n2\t3\r4", 0);
	assert_string_equal(t, "1\n2\t3&#13;4");
	free(t);
	t = escaped("1\n2\t3\r4", 1);
	assert_string_equal(t, "1&#10;2&#9;3&#13;4");
	free(t);
	/* XML 1.0 cannot hold U+0001 even as a reference. */
	t = escaped("x\x01y\x1f\xc3\xa9", 1);
	assert_string_equal(t, "x\xef\xbf\xbdy\xef\xbf\xbd\xc3\xa9");
	free(t);
	t = escaped("", 0);
	assert_string_equal(t, "");
	free(t);
}

/* a -- hub -- b, read from file, the hub a single point of failure. */
static struct mesh_plan *
star(const char *file, struct mesh_analysis **a)
{
	struct mesh_plan *p = mesh_plan_new("star", file);
	struct mesh_diags d;

	assert_non_null(p);
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_add_node(p, "hub", NULL, 9932, 3, 5), 0);
	assert_int_equal(mesh_plan_add_node(p, "a", NULL, 9932, 4, 5), 1);
	assert_int_equal(mesh_plan_add_node(p, "b", NULL, 9932, 5, 5), 2);
	assert_int_equal(mesh_plan_add_route(p, 0, "a", 9932, 3, 20), 0);
	assert_int_equal(mesh_plan_add_route(p, 2, "hub", 9932, 5, 20), 0);
	assert_int_equal(mesh_plan_resolve(p, &d), MESH_OK);
	assert_int_equal(mesh_analyze(p, NULL, a), MESH_OK);
	mesh_diags_clear(&d);
	return p;
}

static void
sarif_should_write_paths_under_the_working_directory_relative(void **state)
{
	struct mesh_sarif_options o;
	struct mesh_analysis *a;
	struct mesh_plan *p = star("/w/dir/my plan#1.json", &a);
	char *log;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.base_dir = "/w/dir/";
	log = mesh_check_sarif(a, NULL, &o);
	assert_non_null(log);
	assert_non_null(strstr(log, "\"uri\": \"my%20plan%231.json\"}, "
	    "\"region\": {\"startLine\": 3, \"startColumn\": 5}"));
	free(log);
	o.base_dir = "/w/di";         /* not a directory above it */
	log = mesh_check_sarif(a, NULL, &o);
	assert_non_null(strstr(log,
	    "\"uri\": \"file:///w/dir/my%20plan%231.json\""));
	free(log);
	mesh_analysis_free(a);
	mesh_plan_free(p);

	/* Relative: "./" dropped, ':' encoded (no scheme). */
	p = star("././/x:y.json", &a);
	log = mesh_check_sarif(a, NULL, NULL);
	assert_non_null(strstr(log, "\"uri\": \"x%3Ay.json\""));
	assert_null(strstr(log, "./"));
	free(log);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
sarif_should_place_nodes_in_the_files_that_define_them(void **state)
{
	struct mesh_sarif_options o;
	struct mesh_analysis *a;
	struct mesh_plan *p = star(NULL, &a);
	char *log;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.input = "a.yaml";
	o.fail_on = MESH_FAIL_BRIDGE;
	log = mesh_check_sarif(a, NULL, &o);
	assert_non_null(log);
	/* The hub's file is not known: at the input, with no line. */
	assert_non_null(strstr(log, "\"level\": \"error\",\n          "
	    "\"message\": {\"text\": \"single point"));
	assert_non_null(strstr(log, "node 'hub' splits the rest into 2 "
	    "pieces: {a} and {b}\"},\n          \"locations\": "
	    "[{\"physicalLocation\": {\"artifactLocation\": {\"uri\": "
	    "\"a.yaml\"}}}]"));
	free(log);
	/* Known: at its line and column there. */
	assert_int_equal(mesh_plan_set_node_file(p, 0, "hub.yaml"), 0);
	assert_string_equal(mesh_plan_node_file(p, 0), "hub.yaml");
	assert_null(mesh_plan_node_file(p, 1));
	log = mesh_check_sarif(a, NULL, &o);
	assert_non_null(log);
	assert_non_null(strstr(log, "{b}\"},\n          \"locations\": "
	    "[{\"physicalLocation\": {\"artifactLocation\": {\"uri\": "
	    "\"hub.yaml\"}, \"region\": {\"startLine\": 3, "
	    "\"startColumn\": 5}}}]"));
	free(log);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xml_escape_should_write_entities_and_keep_only_what_xml_holds),
		cmocka_unit_test(sarif_should_write_paths_under_the_working_directory_relative),
		cmocka_unit_test(sarif_should_place_nodes_in_the_files_that_define_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
