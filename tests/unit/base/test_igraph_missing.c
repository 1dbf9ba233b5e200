/* test_igraph_missing.c: when igraph's library cannot be loaded, what needs it fails with MESH_ENOIGRAPH and says why; the rest works. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/igraph_glue.h"
#include "meshsim/analysis.h"
#include "meshsim/picture.h"
#include "meshsim/plan.h"

static int called;

static enum mesh_error
never(void *ctx)
{
	(void)ctx;
	called = 1;
	return MESH_OK;
}

/* The first load of the process is of a library that does not exist;
 * every later load, by igraph's name too, fails the same way. */
static void
a_failed_load_should_stay_failed_and_say_why(void **state)
{
	(void)state;
	assert_int_equal(mesh_i_igraph_load_from("libmeshsim-none.so.0"),
	    MESH_ENOIGRAPH);
	assert_non_null(strstr(mesh_i_igraph_message(),
	    "libmeshsim-none.so.0"));
	assert_int_equal(mesh_i_igraph_load(), MESH_ENOIGRAPH);
	assert_null(mesh_i_ig.vcount);
	assert_int_equal(mesh_i_igraph_call(never, NULL), MESH_ENOIGRAPH);
	assert_false(called);
	assert_non_null(strstr(mesh_strerror(MESH_ENOIGRAPH),
	    "libigraph.so"));
}

static void
what_needs_igraph_should_fail_and_the_rest_work(void **state)
{
	static const char gml[] = "graph [ node [ id 0 ] ]";
	static const char json[] = "{\"nodes\": ["
	    "{\"name\": \"a\", \"host\": \"10.0.0.1\", \"port\": 9932, "
	    "\"routes\": [{\"host\": \"10.0.0.2\", \"port\": 9932}]}, "
	    "{\"name\": \"b\", \"host\": \"10.0.0.2\", \"port\": 9932, "
	    "\"routes\": [{\"host\": \"10.0.0.3\", \"port\": 9932}]}, "
	    "{\"name\": \"c\", \"host\": \"10.0.0.3\", \"port\": 9932, "
	    "\"routes\": [{\"host\": \"10.0.0.4\", \"port\": 9932}]}, "
	    "{\"name\": \"d\", \"host\": \"10.0.0.4\", \"port\": 9932, "
	    "\"routes\": []}]}";
	struct mesh_analysis *a = NULL;
	struct mesh_diags d;
	struct mesh_plan *p = NULL;
	double *xy = NULL;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_parse(gml, sizeof(gml) - 1, "t.gml",
	    MESH_FORMAT_GML, &d, &p), MESH_ENOIGRAPH);
	assert_null(p);
	assert_int_equal(mesh_plan_parse(json, sizeof(json) - 1, "t.json",
	    MESH_FORMAT_JSON, &d, &p), MESH_OK);
	assert_non_null(p);
	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	assert_true(a->connected);
	assert_int_equal(a->ncutpoints, 2);
	/* Four nodes or more are laid out by igraph. */
	assert_int_equal(mesh_picture_layout(p, &xy), MESH_ENOIGRAPH);
	assert_null(xy);
	mesh_analysis_free(a);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_failed_load_should_stay_failed_and_say_why),
		cmocka_unit_test(
		    what_needs_igraph_should_fail_and_the_rest_work),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
