/* fixture.c: plans for unit tests, written as "a-b b-c" (fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "fixture.h"

struct mesh_plan *
plan_of(const char *const *names, size_t n, const char *links)
{
	struct mesh_plan *p = mesh_plan_new("t", NULL);
	struct mesh_diags d;
	char a[32], b[32];
	int used;
	size_t i;

	assert_non_null(p);
	for (i = 0; i < n; i++)
		assert_int_equal(mesh_plan_add_node(p, names[i], NULL, 9932, 0,
		    0), (int)i);
	while (sscanf(links, " %31[^-]-%31s%n", a, b, &used) == 2) {
		int from = mesh_plan_find(p, a);

		assert_true(from >= 0);
		assert_int_equal(mesh_plan_add_route(p, from, b, 9932, 0, 0),
		    0);
		links += used;
	}
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_resolve(p, &d), MESH_OK);
	mesh_diags_clear(&d);
	return p;
}
