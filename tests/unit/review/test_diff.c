/* test_diff.c: the diff engine on pairs of hand-made plans with known changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/diff.h"
#include "meshsim/meshsim.h"

static const char *const abcd[] = { "a", "b", "c", "d" };
static const char *const abce[] = { "a", "b", "c", "e" };
static const char *const abcde[] = { "a", "b", "c", "d", "e" };

/* The diff of two plans over names (old) and names2 (new). */
static struct mesh_diff *
diff_of(const char *const *n1, size_t c1, const char *l1,
    const char *const *n2, size_t c2, const char *l2)
{
	struct mesh_plan *o = plan_of(n1, c1, l1), *n = plan_of(n2, c2, l2);
	struct mesh_diff_options opts;
	struct mesh_diff *d = NULL;

	memset(&opts, 0, sizeof(opts));
	opts.trials = 2000;
	opts.seed = 3;
	opts.node_availability = -1;
	assert_int_equal(mesh_diff(o, n, &opts, &d), MESH_OK);
	assert_non_null(d);
	mesh_plan_free(o);
	mesh_plan_free(n);
	return d;
}

/* The list as "x,y". */
static const char *
joined(const struct mesh_diff_list *l)
{
	static char buf[512];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			strcat(buf, ",");
		strcat(buf, l->v[i]);
	}
	return buf;
}

static void
identical_plans_should_be_the_same(void **state)
{
	struct mesh_diff *d = diff_of(abcd, 4, "a-b b-c c-d d-a", abcd, 4,
	    "d-a c-d b-c a-b");

	(void)state;
	assert_int_equal(d->verdict, MESH_DIFF_SAME);
	assert_int_equal(d->routes_added.n + d->routes_removed.n +
	    d->links_added.n + d->links_removed.n + d->nodes_added.n +
	    d->nodes_removed.n + d->worse_because.n + d->better_because.n, 0);
	assert_int_equal(d->side[0].vertex_connectivity, 2);
	assert_int_equal(d->side[1].edge_connectivity, 2);
	assert_true(d->side[0].has_exact && d->side[1].has_exact);
	assert_true(d->side[0].availability_exact ==
	    d->side[1].availability_exact);
	mesh_diff_free(d);
}

static void
removing_a_route_should_be_worse(void **state)
{
	struct mesh_diff *d = diff_of(abcd, 4, "a-b b-c c-d d-a", abcd, 4,
	    "a-b b-c c-d");

	(void)state;
	assert_int_equal(d->verdict, MESH_DIFF_WORSE);
	assert_string_equal(joined(&d->routes_removed), "d -> a");
	assert_string_equal(joined(&d->links_removed), "a -- d");
	assert_string_equal(joined(&d->articulation_introduced), "b,c");
	assert_string_equal(joined(&d->bridges_introduced),
	    "a -- b,b -- c,c -- d");
	assert_int_equal(d->worse_because.n, 3);
	assert_int_equal(d->side[0].sweep_k, 2);
	assert_int_equal(d->side[1].sweep_minimal[1], 2);
	assert_int_equal(d->side[0].sweep_minimal[2], 2);
	assert_true(d->side[1].availability_exact <
	    d->side[0].availability_exact);
	mesh_diff_free(d);
}

static void
adding_a_route_that_removes_a_spof_should_be_better(void **state)
{
	struct mesh_diff *d = diff_of(abcd, 3, "a-b a-c", abcd, 3,
	    "a-b a-c b-c");

	(void)state;
	assert_int_equal(d->verdict, MESH_DIFF_BETTER);
	assert_string_equal(joined(&d->routes_added), "b -> c");
	assert_string_equal(joined(&d->articulation_removed), "a");
	assert_string_equal(joined(&d->bridges_removed), "a -- b,a -- c");
	assert_int_equal(d->worse_because.n, 0);
	assert_int_equal(d->better_because.n, 3);
	mesh_diff_free(d);
}

static void
a_split_should_be_worse(void **state)
{
	struct mesh_diff *d = diff_of(abcd, 4, "a-b b-c c-d d-a", abcd, 4,
	    "a-b c-d");

	(void)state;
	assert_int_equal(d->verdict, MESH_DIFF_WORSE);
	assert_true(d->side[0].connected);
	assert_false(d->side[1].connected);
	assert_int_equal(d->side[1].ncomponents, 2);
	assert_string_equal(d->worse_because.v[0],
	    "split: OLD was connected, NEW is not");
	mesh_diff_free(d);
}

static void
renaming_a_node_should_be_a_change_only(void **state)
{
	struct mesh_diff *d = diff_of(abcd, 4, "a-b b-c c-d d-a", abce, 4,
	    "a-b b-c c-e e-a");

	(void)state;
	assert_int_equal(d->verdict, MESH_DIFF_CHANGED);
	assert_string_equal(joined(&d->nodes_added), "e");
	assert_string_equal(joined(&d->nodes_removed), "d");
	assert_string_equal(joined(&d->routes_added), "c -> e,e -> a");
	assert_string_equal(joined(&d->links_removed), "a -- d,c -- d");
	mesh_diff_free(d);
}

static void
adding_a_leaf_should_be_worse(void **state)
{
	struct mesh_diff *d = diff_of(abcd, 4, "a-b b-c c-d d-a", abcde, 5,
	    "a-b b-c c-d d-a e-a");

	(void)state;
	assert_int_equal(d->verdict, MESH_DIFF_WORSE);
	assert_string_equal(joined(&d->nodes_added), "e");
	assert_string_equal(joined(&d->articulation_introduced), "a");
	assert_string_equal(d->worse_because.v[0],
	    "new single point of failure: a");
	mesh_diff_free(d);
}

static void
dangling_routes_should_compare_by_host_and_port(void **state)
{
	struct mesh_plan *o = plan_of(abcd, 2, "a-b");
	struct mesh_plan *n = plan_of(abcd, 2, "a-b");
	struct mesh_diags dg;
	struct mesh_diff *d = NULL;

	(void)state;
	mesh_diags_init(&dg);
	assert_int_equal(mesh_plan_add_route(n, 0, "gone.example.net", 9933,
	    0, 0), 0);
	assert_int_equal(mesh_plan_resolve(n, &dg), MESH_OK);
	assert_int_equal(mesh_diff(o, n, NULL, &d), MESH_OK);
	assert_int_equal(d->verdict, MESH_DIFF_CHANGED);
	assert_string_equal(joined(&d->routes_added),
	    "a -> gone.example.net:9933");
	/* Without options: the defaults of every availability estimate. */
	assert_true(d->trials == MESH_AVAIL_TRIALS_DEFAULT);
	assert_true(d->seed == MESH_AVAIL_SEED_DEFAULT);
	mesh_diff_free(d);
	mesh_diags_clear(&dg);
	mesh_plan_free(o);
	mesh_plan_free(n);
}

static void
empty_plans_should_be_the_same(void **state)
{
	struct mesh_plan *o = mesh_plan_new(NULL, NULL);
	struct mesh_plan *n = mesh_plan_new(NULL, NULL);
	struct mesh_diff *d = NULL;
	char *j;

	(void)state;
	assert_int_equal(mesh_diff(o, n, NULL, &d), MESH_OK);
	assert_int_equal(d->verdict, MESH_DIFF_SAME);
	j = mesh_diff_json(d, o, n, NULL, NULL);
	assert_non_null(j);
	assert_non_null(strstr(j, "\"sweep\": {\"k\": 2, \"old\": [], "
	    "\"new\": []}"));
	free(j);
	mesh_diff_free(d);
	mesh_plan_free(o);
	mesh_plan_free(n);
}

static void
bad_options_should_be_refused(void **state)
{
	struct mesh_plan *o = plan_of(abcd, 2, "a-b");
	struct mesh_diff_options opts;
	struct mesh_diff *d = (struct mesh_diff *)&opts;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.node_availability = 1.5;
	assert_int_equal(mesh_diff(o, o, &opts, &d), MESH_EINVAL);
	assert_null(d);
	assert_int_equal(mesh_diff(o, NULL, NULL, &d), MESH_EINVAL);
	assert_null(d);
	mesh_plan_free(o);
}

static void
json_should_hold_every_documented_key_in_order(void **state)
{
	static const char *const keys[] = {
		"\"old\": {\"file\"", "\"new\": {\"file\"", "\"verdict\": \"worse\"",
		"\"worse_because\"", "\"better_because\"", "\"nodes_added\"",
		"\"nodes_removed\"", "\"routes_added\"", "\"routes_removed\"",
		"\"links_added\"", "\"links_removed\"",
		"\"articulation_points_introduced\": [\"b\", \"c\"]",
		"\"articulation_points_removed\"", "\"bridges_introduced\"",
		"\"bridges_removed\"", "\"connected\": {\"old\": true",
		"\"components\"", "\"vertex_connectivity\": {\"old\": 2, "
		"\"new\": 1}", "\"edge_connectivity\"", "\"sweep\": {\"k\": 2",
		"\"availability\": {\"node_availability\": 0.999, "
		"\"trials\": 2000, \"seed\": 3", "\"exact_old\"", "\"exact_new\"",
		"\"diagnostics\": {"
	};
	struct mesh_plan *o = plan_of(abcd, 4, "a-b b-c c-d d-a");
	struct mesh_plan *n = plan_of(abcd, 4, "a-b b-c c-d");
	struct mesh_diff_options opts;
	struct mesh_diff *d = NULL;
	const char *at;
	char *j;
	size_t i;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.trials = 2000;
	opts.seed = 3;
	opts.node_availability = -1;
	assert_int_equal(mesh_diff(o, n, &opts, &d), MESH_OK);
	j = mesh_diff_json(d, o, n, NULL, NULL);
	assert_non_null(j);
	at = j;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *k = strstr(at, keys[i]);

		if (k == NULL)
			fail_msg("missing or out of order: %s", keys[i]);
		at = k;
	}
	free(j);
	mesh_diff_free(d);
	mesh_plan_free(o);
	mesh_plan_free(n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identical_plans_should_be_the_same),
		cmocka_unit_test(removing_a_route_should_be_worse),
		cmocka_unit_test(adding_a_route_that_removes_a_spof_should_be_better),
		cmocka_unit_test(a_split_should_be_worse),
		cmocka_unit_test(renaming_a_node_should_be_a_change_only),
		cmocka_unit_test(adding_a_leaf_should_be_worse),
		cmocka_unit_test(dangling_routes_should_compare_by_host_and_port),
		cmocka_unit_test(empty_plans_should_be_the_same),
		cmocka_unit_test(bad_options_should_be_refused),
		cmocka_unit_test(json_should_hold_every_documented_key_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
