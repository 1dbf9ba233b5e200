/* test_sort_nodes.c: mesh_plan_sort_nodes() against strcmp() order, below and above the size where it sorts by prefix bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meshsim/meshsim.h"
#include "meshsim/plan.h"

static const struct mesh_plan *by_name_plan;

/* The order the sort must give: strcmp()'s, by bytes as unsigned. */
static int
reference_cmp(const void *pa, const void *pb)
{
	const int *a = pa, *b = pb;

	return strcmp(by_name_plan->nodes[*a].name,
	    by_name_plan->nodes[*b].name);
}

/* A name of 1 to 19 bytes from a small alphabet, so that many share
 * their first eight bytes or end inside them; some bytes above 0x7f. */
static void
random_name(char *s, unsigned *seed, int i)
{
	static const char alpha[] = "abn0\xc3\xa9z";
	int len = 1 + (int)(rand_r(seed) % 19), k;

	for (k = 0; k < len; k++)
		s[k] = alpha[rand_r(seed) % (sizeof(alpha) - 1)];
	/* Unique: the index in a tail after a separator. */
	snprintf(s + len, 24, "#%d", i);
}

static void
check_sort(int n, unsigned seed)
{
	struct mesh_plan *p = mesh_plan_new("t", "t.json");
	int *v, *want, i;
	char name[64];

	assert_non_null(p);
	for (i = 0; i < n; i++) {
		random_name(name, &seed, i);
		assert_true(mesh_plan_add_node(p, name, "10.0.0.1", 1000 + i,
		    0, 0) >= 0);
	}
	v = malloc((size_t)n * sizeof(*v));
	want = malloc((size_t)n * sizeof(*want));
	assert_non_null(v);
	assert_non_null(want);
	/* Every other node, from the last down: not in the plan's order. */
	for (i = 0; i < n; i++)
		v[i] = want[i] = (n - 1 - i) / 2 * 2;
	by_name_plan = p;
	qsort(want, (size_t)n, sizeof(*want), reference_cmp);
	assert_int_equal(mesh_plan_sort_nodes(p, v, (size_t)n), 0);
	assert_memory_equal(v, want, (size_t)n * sizeof(*v));
	free(v);
	free(want);
	mesh_plan_free(p);
}

static void
sort_should_give_strcmp_order_at_every_size(void **state)
{
	static const int sizes[] = { 0, 1, 2, 100, 1023, 1024, 1025, 5000,
	    40000 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		check_sort(sizes[i], 7u + (unsigned)i);
}

/* Names that share every prefix byte but differ after the eighth, and
 * names that end inside the prefix. */
static void
sort_should_order_long_names_by_their_rest(void **state)
{
	struct mesh_plan *p = mesh_plan_new("t", "t.json");
	int v[3000], i;
	char name[32];

	(void)state;
	assert_non_null(p);
	for (i = 0; i < 3000; i++) {
		if (i % 3 == 0)
			snprintf(name, sizeof(name), "node-%d", i);
		else
			snprintf(name, sizeof(name), "clusterX-%05d", 3000 - i);
		assert_true(mesh_plan_add_node(p, name, "10.0.0.2", 1 + i, 0,
		    0) >= 0);
		v[i] = i;
	}
	assert_int_equal(mesh_plan_sort_nodes(p, v, 3000), 0);
	for (i = 1; i < 3000; i++)
		assert_true(strcmp(p->nodes[v[i - 1]].name,
		    p->nodes[v[i]].name) < 0);
	mesh_plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sort_should_give_strcmp_order_at_every_size),
		cmocka_unit_test(sort_should_order_long_names_by_their_rest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
