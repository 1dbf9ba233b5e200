/* test_limits.c: the readers' limits (limits.h): where each is crossed, in each kind of input, and what stays unlimited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meshsim/meshsim.h"

/* Parse text in format fmt under the limits l (NULL: the defaults); the
 * plan and diagnostics are left in *p and *d. The defaults are restored
 * after. */
static enum mesh_error
parse_with(const struct mesh_limits *l, const char *text,
    enum mesh_format fmt, struct mesh_plan **p, struct mesh_diags *d)
{
	enum mesh_error err;

	mesh_diags_init(d);
	assert_int_equal(mesh_limits_set(l), MESH_OK);
	err = mesh_plan_parse(text, strlen(text), "t", fmt, d, p);
	assert_int_equal(mesh_limits_set(NULL), MESH_OK);
	return err;
}

/* The only error of d must have code at line:column. */
static void
assert_error_at(const struct mesh_diags *d, const char *code, int line,
    int column)
{
	assert_int_equal(d->errors, 1);
	assert_int_equal(d->nomem, 0);
	assert_string_equal(d->v[d->n - 1].code, code);
	assert_int_equal(d->v[d->n - 1].line, line);
	assert_int_equal(d->v[d->n - 1].column, column);
}

static const char three[] =
    "{\"nodes\": [\n"
    " {\"name\": \"a\", \"routes\": [{\"host\": \"b\"}, {\"host\": \"c\"}]},\n"
    " {\"name\": \"b\", \"routes\": [{\"host\": \"c\"}]},\n"
    " {\"name\": \"c\"}\n"
    "]}\n";

static void
defaults_should_be_documented_values(void **state)
{
	struct mesh_limits l;

	(void)state;
	mesh_limits_default(&l);
	assert_true(l.input_bytes == UINT64_C(1) << 30);
	assert_int_equal(l.nodes, 2000000);
	assert_int_equal(l.routes, 10000000);
	assert_int_equal(l.name_bytes, 1024);
	assert_int_equal(l.depth, 64);
	assert_memory_equal(&l, mesh_limits_get(), sizeof(l));
	l.nodes = 0;
	assert_int_equal(mesh_limits_set(&l), MESH_EINVAL);
	assert_int_equal(mesh_limits_get()->nodes, 2000000);
}

static void
json_plan_should_stop_at_the_node_past_the_limit(void **state)
{
	struct mesh_limits l;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_limits_default(&l);
	l.nodes = 3;
	assert_int_equal(parse_with(&l, three, MESH_FORMAT_JSON, &p, &d),
	    MESH_OK);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	l.nodes = 2;
	assert_int_equal(parse_with(&l, three, MESH_FORMAT_JSON, &p, &d),
	    MESH_EINPUT);
	assert_null(p);
	assert_error_at(&d, "too-many-nodes", 4, 11);
	assert_non_null(strstr(d.v[d.n - 1].message, "--max-nodes"));
	mesh_diags_clear(&d);
}

static void
json_plan_should_stop_at_the_route_past_the_limit(void **state)
{
	struct mesh_limits l;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_limits_default(&l);
	l.routes = 2;
	assert_int_equal(parse_with(&l, three, MESH_FORMAT_JSON, &p, &d),
	    MESH_EINPUT);
	assert_error_at(&d, "too-many-routes", 3, 36);
	mesh_diags_clear(&d);
}

static void
names_and_hosts_should_be_held_to_the_length_limit(void **state)
{
	struct mesh_limits l;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_limits_default(&l);
	l.name_bytes = 1;
	assert_int_equal(parse_with(&l, "{\"nodes\": [{\"name\": \"ab\"}]}",
	    MESH_FORMAT_JSON, &p, &d), MESH_EINPUT);
	assert_error_at(&d, "name-too-long", 1, 21);
	mesh_diags_clear(&d);
	assert_int_equal(parse_with(&l, "{\"nodes\": [{\"name\": \"a\", "
	    "\"routes\": [{\"host\": \"bc\"}]}]}", MESH_FORMAT_JSON, &p, &d),
	    MESH_EINPUT);
	assert_error_at(&d, "name-too-long", 1, 46);
	mesh_diags_clear(&d);
}

static void
input_larger_than_the_limit_should_be_refused_before_reading(void **state)
{
	struct mesh_limits l;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_limits_default(&l);
	l.input_bytes = sizeof(three) - 2;
	assert_int_equal(parse_with(&l, three, MESH_FORMAT_JSON, &p, &d),
	    MESH_EINPUT);
	assert_error_at(&d, "input-too-large", 0, 0);
	mesh_diags_clear(&d);
	l.input_bytes = sizeof(three) - 1;
	assert_int_equal(parse_with(&l, three, MESH_FORMAT_JSON, &p, &d),
	    MESH_OK);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

static void
yaml_should_be_held_to_the_depth_limit(void **state)
{
	static const char yaml[] = "clustering:\n  nodeName: n1\n"
	    "  hubServer:\n    cluster:\n      network:\n        routes:\n"
	    "          - host: n2\n";
	struct mesh_limits l;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_limits_default(&l);
	l.depth = 7;    /* the route's mapping is the seventh level */
	assert_int_equal(parse_with(&l, yaml, MESH_FORMAT_HARPER, &p, &d),
	    MESH_OK);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	l.depth = 6;
	assert_int_equal(parse_with(&l, yaml, MESH_FORMAT_HARPER, &p, &d),
	    MESH_EINPUT);
	assert_error_at(&d, "invalid-yaml", 7, 13);
	mesh_diags_clear(&d);
}

static void
edge_list_should_say_where_the_limits_are_crossed(void **state)
{
	struct mesh_limits l;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_limits_default(&l);
	l.routes = 2;
	assert_int_equal(parse_with(&l, "0 1\n1 2\n2 0\n",
	    MESH_FORMAT_EDGELIST, &p, &d), MESH_EINPUT);
	assert_error_at(&d, "too-many-routes", 3, 1);
	mesh_diags_clear(&d);
	mesh_limits_default(&l);
	l.nodes = 2;
	assert_int_equal(parse_with(&l, "0 1\n1 2\n", MESH_FORMAT_EDGELIST,
	    &p, &d), MESH_EINPUT);
	assert_error_at(&d, "too-many-nodes", 2, 3);
	mesh_diags_clear(&d);
}

static void
gml_should_be_counted_after_igraph_reads_it(void **state)
{
	struct mesh_limits l;
	struct mesh_plan *p;
	struct mesh_diags d;

	(void)state;
	mesh_limits_default(&l);
	l.nodes = 1;
	assert_int_equal(parse_with(&l, "graph [ node [ id 0 ] node [ id 1 ] "
	    "edge [ source 0 target 1 ] ]", MESH_FORMAT_GML, &p, &d),
	    MESH_EINPUT);
	assert_error_at(&d, "too-many-nodes", 0, 0);
	mesh_diags_clear(&d);
}

static void
plans_built_outside_a_reader_should_take_no_limits(void **state)
{
	struct mesh_limits l;
	struct mesh_plan *p, *q;
	struct mesh_diags d;
	int i;

	(void)state;
	/* A plan read under the limits, then grown by hand (as suggest
	 * does) after the reading is over: not limited. */
	mesh_limits_default(&l);
	l.nodes = 3;
	l.routes = 3;
	assert_int_equal(parse_with(&l, three, MESH_FORMAT_JSON, &p, &d),
	    MESH_OK);
	assert_int_equal(mesh_limits_set(&l), MESH_OK);
	assert_int_equal(mesh_plan_add_node(p, "d", NULL, 9932, 0, 0), 3);
	assert_int_equal(mesh_plan_add_route(p, 3, "a", 9932, 0, 0), 0);
	/* And one made by hand. */
	assert_non_null(q = mesh_plan_new(NULL, NULL));
	for (i = 0; i < 5; i++) {
		char name[16];

		snprintf(name, sizeof(name), "n%d", i);
		assert_int_equal(mesh_plan_add_node(q, name, NULL, 9932, 0, 0),
		    i);
	}
	assert_int_equal(mesh_limits_set(NULL), MESH_OK);
	assert_int_equal(d.errors, 0);
	mesh_plan_free(p);
	mesh_plan_free(q);
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_should_be_documented_values),
		cmocka_unit_test(json_plan_should_stop_at_the_node_past_the_limit),
		cmocka_unit_test(json_plan_should_stop_at_the_route_past_the_limit),
		cmocka_unit_test(names_and_hosts_should_be_held_to_the_length_limit),
		cmocka_unit_test(input_larger_than_the_limit_should_be_refused_before_reading),
		cmocka_unit_test(yaml_should_be_held_to_the_depth_limit),
		cmocka_unit_test(edge_list_should_say_where_the_limits_are_crossed),
		cmocka_unit_test(gml_should_be_counted_after_igraph_reads_it),
		cmocka_unit_test(plans_built_outside_a_reader_should_take_no_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
