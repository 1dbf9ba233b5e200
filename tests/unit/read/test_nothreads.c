/* test_nothreads.c: when no second thread can be made, a large plan is read, resolved and analysed by the calling thread alone, with the same result. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meshsim/meshsim.h"
#include "meshsim/analysis.h"
#include "meshsim/plan.h"
#include "base/util.h"

/*
 * This program is linked with -Wl,--wrap=pthread_create (the Makefile):
 * every pthread_create() of the library comes here. refuse_from: the
 * first call (counted from 1) refused with EAGAIN, as when a process is
 * at its limit of threads, and every one after it; 0 refuses none.
 */
int __real_pthread_create(pthread_t *, const pthread_attr_t *,
    void *(*)(void *), void *);
int __wrap_pthread_create(pthread_t *, const pthread_attr_t *,
    void *(*)(void *), void *);

static int calls, refused, refuse_from;

int
__wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr,
    void *(*fn)(void *), void *arg)
{
	if (refuse_from > 0 && ++calls >= refuse_from) {
		refused++;
		return EAGAIN;
	}
	if (refuse_from == 0)
		calls++;
	return __real_pthread_create(t, attr, fn, arg);
}

/*
 * A plan big enough for every second thread of the library: over 1 MiB
 * of text (the UTF-8 check, the split reading), 65,536 routes or more
 * (the lookups) and 65,536 nodes or more (the adjacency build): a ring
 * of n nodes, each with a route to the next and one to a node further
 * on, a few hosts in capitals, some routes to nobody.
 */
static char *
big_plan(int n)
{
	struct mesh_i_buf b;
	int i;

	mesh_i_buf_init(&b);
	mesh_i_buf_puts(&b, "{\"name\": \"no threads\", \"nodes\": [\n");
	for (i = 0; i < n; i++)
		mesh_i_buf_printf(&b, "%s{\"name\": \"n%d\", \"host\": "
		    "\"%s%d.example\", \"labels\": {\"zone\": \"z%d\"}, "
		    "\"routes\": [{\"host\": \"h%d.example\", \"port\": 9932}, "
		    "{\"host\": \"h%d.example\"}]}", i ? ",\n" : "",
		    i, i % 97 ? "h" : "H", i, i % 3, (i + 1) % n,
		    i % 1013 ? (i + 7919) % n : n + i);
	mesh_i_buf_puts(&b, "\n]}\n");
	return mesh_i_buf_take(&b);
}

/* The plan read from text and its analysis, as the JSON report gives
 * them, with the diagnostics. */
static char *
report(const char *text)
{
	struct mesh_diags d;
	struct mesh_plan *p = NULL;
	struct mesh_analysis *a = NULL;
	char *json;

	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_parse(text, strlen(text), "big.json",
	    MESH_FORMAT_JSON, &d, &p), MESH_OK);
	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	json = mesh_analysis_json(a, &d);
	assert_non_null(json);
	mesh_analysis_free(a);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	return json;
}

/* With threads; then with every thread refused; then with each thread
 * from the k-th on refused: the same report each time. */
static void
refused_threads_should_change_nothing(void **state)
{
	char *text = big_plan(70000), *want, *got;
	int k, made;

	(void)state;
	assert_non_null(text);
	calls = refused = refuse_from = 0;
	want = report(text);
	made = calls;
	/* UTF-8 check, second half, lookups, adjacency. */
	assert_true(made >= 4);
	for (k = 1; k <= made; k++) {
		calls = refused = 0;
		refuse_from = k;
		got = report(text);
		assert_true(refused > 0);
		assert_string_equal(got, want);
		free(got);
	}
	refuse_from = 0;
	free(want);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refused_threads_should_change_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
