/* test_igraph_load.c: igraph loaded when first needed: every function of the table is igraph's own, and the readers and layouts work through it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <igraph.h>

#include "base/igraph_glue.h"
#include "meshsim/picture.h"
#include "meshsim/plan.h"

/* This program links igraph itself, so loading it by its soname finds
 * the same library: each member must be the function of its name. */
static void
load_should_fill_every_member_with_igraphs_function(void **state)
{
	(void)state;
	assert_int_equal(mesh_i_igraph_load(), MESH_OK);
#define SAME(member, name) assert_true(mesh_i_ig.member == &name);
	MESH_I_IGRAPH_FUNCTIONS(SAME)
#undef SAME
	/* A data symbol: this program may hold a copy of it. */
	assert_memory_equal(mesh_i_ig.cattribute_table,
	    &igraph_cattribute_table, sizeof(igraph_cattribute_table));
	/* Loading again changes nothing. */
	assert_int_equal(mesh_i_igraph_load(), MESH_OK);
	assert_int_equal(mesh_i_igraph_load_from("libmeshsim-none.so.0"),
	    MESH_OK);
	assert_true(mesh_i_ig.vcount == &igraph_vcount);
}

static void
readers_and_layouts_should_work_through_the_table(void **state)
{
	static const char gml[] = "graph [ node [ id 0 label \"a\" ] "
	    "node [ id 1 label \"b\" ] node [ id 2 label \"c\" ] "
	    "edge [ source 0 target 1 ] edge [ source 1 target 2 ] ]";
	struct mesh_diags d;
	struct mesh_plan *p = NULL;
	double *xy = NULL;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_parse(gml, sizeof(gml) - 1, "t.gml",
	    MESH_FORMAT_GML, &d, &p), MESH_OK);
	assert_non_null(p);
	assert_int_equal(p->nnodes, 3);
	assert_int_equal(p->nroutes, 2);
	assert_int_equal(mesh_picture_layout(p, &xy), MESH_OK);
	assert_non_null(xy);
	free(xy);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    load_should_fill_every_member_with_igraphs_function),
		cmocka_unit_test(
		    readers_and_layouts_should_work_through_the_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
