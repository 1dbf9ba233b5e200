/* test_availability.c: availability: the generator, exact enumeration checked by hand, determinism across processes, and the confidence interval against exact values. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "meshsim/availability.h"
#include "base/rng.h"

/* The normal quantile of a 99.99% two-sided interval. */
#define Z9999 3.890591886413094

#define EPS 1e-12

/* |a - b| <= eps, in double (cmocka's assert_float_equal uses float). */
#define assert_near(a, b, eps) do {					\
	double a_ = (a), b_ = (b);					\
									\
	if (!(fabs(a_ - b_) <= (eps)))					\
		fail_msg("%.17g is not %.17g (within %g)", a_, b_,	\
		    (double)(eps));					\
} while (0)

/*
 * A plan of n nodes named a, b, c, ... with the links "a-b b-c ..." (each
 * a route stored by its first node) and availability avail[i] for node i
 * (-1: none, so the default). avail may be NULL.
 */
static struct mesh_plan *
plan_av(size_t n, const char *links, const double *avail)
{
	char text[8192], *t = text, *end = text + sizeof(text);
	struct mesh_plan *p = NULL;
	struct mesh_diags d;
	size_t i;

	t += snprintf(t, (size_t)(end - t), "{\"name\": \"t\", \"nodes\": [");
	for (i = 0; i < n; i++) {
		const char *l = links;
		char a[8], b[8];
		int used, first = 1;

		t += snprintf(t, (size_t)(end - t), "%s{\"name\": \"%c\"",
		    i ? ", " : "", (char)('a' + i));
		if (avail != NULL && avail[i] >= 0)
			t += snprintf(t, (size_t)(end - t),
			    ", \"availability\": %.17g", avail[i]);
		t += snprintf(t, (size_t)(end - t), ", \"routes\": [");
		while (sscanf(l, " %7[^-]-%7s%n", a, b, &used) == 2) {
			if (a[0] == 'a' + (int)i) {
				t += snprintf(t, (size_t)(end - t),
				    "%s{\"host\": \"%s\"}", first ? "" : ", ",
				    b);
				first = 0;
			}
			l += used;
		}
		t += snprintf(t, (size_t)(end - t), "]}");
	}
	snprintf(t, (size_t)(end - t), "]}");
	assert_true(strlen(text) < sizeof(text) - 1);
	assert_int_equal(parse_text(text, "t.json", MESH_FORMAT_JSON, &p, &d),
	    MESH_OK);
	assert_int_equal(d.n, 0);
	mesh_diags_clear(&d);
	return p;
}

static struct mesh_avail_model *
model_of(const struct mesh_plan *p, double dflt)
{
	struct mesh_avail_model *m = NULL;

	assert_int_equal(mesh_avail_model_new(p, dflt, &m), MESH_OK);
	assert_non_null(m);
	return m;
}

/* The exact values for the plan at default availability dflt. */
static struct mesh_avail_exact
exact_of(size_t n, const char *links, const double *avail, double dflt)
{
	struct mesh_plan *p = plan_av(n, links, avail);
	struct mesh_avail_model *m = model_of(p, dflt);
	struct mesh_avail_exact e;

	assert_int_equal(mesh_avail_exact(m, &e), MESH_OK);
	mesh_avail_model_free(m);
	mesh_plan_free(p);
	return e;
}

static struct mesh_avail_sums
sums_of(const struct mesh_avail_model *m, uint64_t seed, uint64_t trials,
    unsigned jobs)
{
	struct mesh_avail_sums s;

	memset(&s, 0, sizeof(s));
	assert_int_equal(mesh_avail_run(m, seed, trials, 0, 1, jobs, &s),
	    MESH_OK);
	assert_true(s.trials == trials);
	return s;
}

static void
assert_same_sums(const struct mesh_avail_sums *a,
    const struct mesh_avail_sums *b)
{
	assert_true(a->trials == b->trials);
	assert_true(a->connected == b->connected);
	assert_true(a->whole == b->whole);
	assert_true(a->cut_off == b->cut_off);
	assert_true(a->cut_off_sq_hi == b->cut_off_sq_hi);
	assert_true(a->cut_off_sq_lo == b->cut_off_sq_lo);
}

static void
generator_should_match_reference_outputs(void **state)
{
	struct mesh_i_rng r = { { 1, 2, 3, 4 } };
	uint64_t s = 0;

	(void)state;
	/* splitmix64 from 0, and xoshiro256** from {1, 2, 3, 4}, as the
	 * authors' reference code gives them. */
	assert_true(mesh_i_splitmix64(&s) == UINT64_C(0xE220A8397B1DCDAF));
	assert_true(mesh_i_splitmix64(&s) == UINT64_C(0x6E789E6AA1B965F4));
	assert_true(mesh_i_rng_next(&r) == UINT64_C(0x2d00));
	assert_true(mesh_i_rng_next(&r) == 0);
	assert_true(mesh_i_rng_next(&r) == UINT64_C(0x5a007080));
	assert_true(mesh_i_rng_next(&r) == UINT64_C(0x10e0000000009d80));
	/* Stream 0 of seed 1 is outputs 0-3 of splitmix64 from 1; stream 2
	 * is outputs 8-11 (computed apart, in Python). */
	mesh_i_rng_seed_stream(&r, 1, 0);
	assert_true(mesh_i_rng_next(&r) == UINT64_C(0xb3f2af6d0fc710c5));
	assert_true(mesh_i_rng_next(&r) == UINT64_C(0x853b559647364cea));
	mesh_i_rng_seed_stream(&r, 1, 2);
	assert_true(mesh_i_rng_next(&r) == UINT64_C(0x6ba2853a8f9ab35c));
	assert_true(mesh_i_rng_next(&r) == UINT64_C(0x73df73266c60db9c));
	assert_true(mesh_i_rng_next(&r) == UINT64_C(0xb8b13378dc868f63));
}

static void
exact_single_node_should_be_connected_and_whole_when_up(void **state)
{
	const double av[] = { 0.7 };
	struct mesh_avail_exact e = exact_of(1, "", av, 0.5);

	(void)state;
	assert_near(e.probability_connected, 1, EPS);
	assert_near(e.expected_cut_off, 0, EPS);
	assert_near(e.probability_whole, 0.7, EPS);
}

static void
exact_two_linked_nodes_should_always_count_as_connected(void **state)
{
	const double av[] = { 0.6, 0.9 };
	struct mesh_avail_exact e = exact_of(2, "a-b", av, 0.5);

	(void)state;
	/* Both up: linked; one up or none: connected by definition. */
	assert_near(e.probability_connected, 1, EPS);
	assert_near(e.expected_cut_off, 0, EPS);
	assert_near(e.probability_whole, 0.6 * 0.9, EPS);
}

static void
exact_two_unlinked_nodes_should_split_only_when_both_are_up(void **state)
{
	const double av[] = { 0.6, 0.9 };
	struct mesh_avail_exact e = exact_of(2, "", av, 0.5);

	(void)state;
	assert_near(e.probability_connected, 1 - 0.6 * 0.9, EPS);
	assert_near(e.expected_cut_off, 0.6 * 0.9, EPS);
	assert_near(e.probability_whole, 0, EPS);
}

static void
exact_path_should_split_only_when_the_middle_is_down_and_the_ends_up(
    void **state)
{
	/* a-b-c: split exactly when b is down and a and c are up; then
	 * one of the ends is cut off. */
	const double pa = 0.9, pb = 0.8, pc = 0.7;
	const double av[] = { pa, pb, pc };
	struct mesh_avail_exact e = exact_of(3, "a-b b-c", av, 0.5);

	(void)state;
	assert_near(e.probability_connected, 1 - (1 - pb) * pa * pc,
	    EPS);
	assert_near(e.expected_cut_off, (1 - pb) * pa * pc * 1, EPS);
	assert_near(e.probability_whole, pa * pb * pc, EPS);
}

static void
exact_triangle_should_never_split(void **state)
{
	struct mesh_avail_exact e = exact_of(3, "a-b b-c c-a", NULL, 0.6);

	(void)state;
	assert_near(e.probability_connected, 1, EPS);
	assert_near(e.expected_cut_off, 0, EPS);
	assert_near(e.probability_whole, 0.6 * 0.6 * 0.6, EPS);
}

static void
exact_four_cycle_should_split_only_when_two_opposite_nodes_are_up_alone(
    void **state)
{
	/* a-b-c-d-a: split exactly when a and c are up and b and d down,
	 * or the other way round; one node is then cut off. */
	const double p[] = { 0.9, 0.8, 0.7, 0.6 };
	double q[4], split;
	struct mesh_avail_exact e = exact_of(4, "a-b b-c c-d d-a", p, 0.5);
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		q[i] = 1 - p[i];
	split = p[0] * p[2] * q[1] * q[3] + p[1] * p[3] * q[0] * q[2];
	assert_near(e.probability_connected, 1 - split, EPS);
	assert_near(e.expected_cut_off, split, EPS);
	assert_near(e.probability_whole, p[0] * p[1] * p[2] * p[3],
	    EPS);
	/* All at 0.9: 1 - 2 p^2 q^2 = 1 - 2 * 0.81 * 0.01. */
	e = exact_of(4, "a-b b-c c-d d-a", NULL, 0.9);
	assert_near(e.probability_connected, 0.9838, EPS);
}

static void
exact_star_should_cut_off_every_up_leaf_but_one_when_the_centre_is_down(
    void **state)
{
	/* Centre a, leaves b c d, all at p: with a down and k leaves up,
	 * k - 1 are cut off (k >= 2 splits). */
	const double p = 0.6, q = 0.4;
	struct mesh_avail_exact e = exact_of(4, "a-b a-c a-d", NULL, p);

	(void)state;
	assert_near(e.probability_connected,
	    1 - q * (3 * p * p * q + p * p * p), EPS);
	assert_near(e.expected_cut_off,
	    q * (3 * p * p * q * 1 + p * p * p * 2), EPS);
	assert_near(e.expected_cut_off, q * (3 * p - (1 - q * q * q)),
	    EPS);
}

static void
plan_availability_should_override_the_default(void **state)
{
	/* b holds its own 0.5; a and c take the default 0.9 (or 0.95). */
	const double av[] = { -1, 0.5, -1 };
	struct mesh_plan *p = plan_av(3, "a-b b-c", av);
	struct mesh_availability *a = NULL;
	struct mesh_avail_options o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.node_availability = 0.9;
	o.trials = 1000;
	o.seed = 7;
	assert_int_equal(mesh_availability(p, &o, &a), MESH_OK);
	assert_int_equal(a->nusing_default, 2);
	assert_near(a->min_own, 0.5, 0);
	assert_near(a->max_own, 0.5, 0);
	assert_near(a->default_availability, 0.9, 0);
	assert_true(a->has_exact);
	assert_near(a->exact.probability_connected,
	    1 - 0.5 * 0.9 * 0.9, EPS);
	assert_near(a->exact.probability_whole, 0.9 * 0.5 * 0.9, EPS);
	mesh_availability_free(a);
	/* Without an option: MESH_AVAIL_DEFAULT for a and c. */
	o.node_availability = -1;
	assert_int_equal(mesh_availability(p, &o, &a), MESH_OK);
	assert_near(a->default_availability, 0.999, 0);
	assert_near(a->exact.probability_connected,
	    1 - 0.5 * 0.999 * 0.999, EPS);
	mesh_availability_free(a);
	mesh_plan_free(p);
}

static void
certain_nodes_should_give_exact_estimates(void **state)
{
	/* a and c always up, b never: every trial splits, cutting off 1. */
	const double av[] = { 1, 0, 1 };
	struct mesh_plan *p = plan_av(3, "a-b b-c", av);
	struct mesh_availability *a = NULL;
	struct mesh_avail_options o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.trials = 70000;       /* two blocks, the second short */
	o.seed = 3;
	o.jobs = 1;
	assert_int_equal(mesh_availability(p, &o, &a), MESH_OK);
	assert_true(a->sums.connected == 0);
	assert_true(a->sums.whole == 0);
	assert_true(a->sums.cut_off == 70000);
	assert_near(a->probability_connected, 0, 0);
	assert_near(a->ci95_low, 0, 0);
	assert_true(a->ci95_high > 0 && a->ci95_high < 1e-4);
	assert_near(a->expected_cut_off, 1, 0);
	assert_near(a->expected_cut_off_stderr, 0, 0);
	assert_near(a->exact.probability_connected, 0, EPS);
	assert_near(a->exact.expected_cut_off, 1, EPS);
	mesh_availability_free(a);
	mesh_plan_free(p);
}

static void
same_seed_should_give_the_same_counts_and_another_seed_others(void **state)
{
	struct mesh_plan *p = plan_av(6, "a-b b-c c-d d-e e-f f-a a-d", NULL);
	struct mesh_avail_model *m = model_of(p, 0.7);
	struct mesh_avail_sums s1 = sums_of(m, 42, 100000, 1);
	struct mesh_avail_sums s2 = sums_of(m, 42, 100000, 1);
	struct mesh_avail_sums s3 = sums_of(m, 43, 100000, 1);

	(void)state;
	assert_same_sums(&s1, &s2);
	assert_true(s1.connected != s3.connected || s1.cut_off != s3.cut_off);
	mesh_avail_model_free(m);
	mesh_plan_free(p);
}

static void
counts_should_not_depend_on_jobs_or_on_how_the_blocks_are_split(
    void **state)
{
	/* 5 blocks, the last of 3,392 trials. */
	const uint64_t trials = 4 * MESH_AVAIL_BLOCK + 3392;
	struct mesh_plan *p = plan_av(7, "a-b b-c c-d d-e e-f f-g g-a b-e",
	    NULL);
	struct mesh_avail_model *m = model_of(p, 0.75);
	struct mesh_avail_sums one = sums_of(m, 9, trials, 1), other, shard;
	unsigned jobs;
	uint64_t i;

	(void)state;
	for (jobs = 2; jobs <= 7; jobs++) {
		other = sums_of(m, 9, trials, jobs);
		assert_same_sums(&one, &other);
	}
	/* Shards: blocks i mod 3, each over two processes, added up. */
	memset(&other, 0, sizeof(other));
	for (i = 0; i < 3; i++) {
		memset(&shard, 0, sizeof(shard));
		assert_int_equal(mesh_avail_run(m, 9, trials, i, 3, 2, &shard),
		    MESH_OK);
		mesh_avail_sums_add(&other, &shard);
	}
	assert_same_sums(&one, &other);
	/* A shard past the last block adds nothing. */
	memset(&shard, 0, sizeof(shard));
	assert_int_equal(mesh_avail_run(m, 9, trials, 5, 1, 2, &shard),
	    MESH_OK);
	assert_true(shard.trials == 0);
	mesh_avail_model_free(m);
	mesh_plan_free(p);
}

static void
sums_should_carry_the_squares_into_the_high_word(void **state)
{
	struct mesh_avail_sums a, b;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.cut_off_sq_lo = UINT64_MAX;
	b.cut_off_sq_lo = 2;
	b.cut_off_sq_hi = 1;
	mesh_avail_sums_add(&a, &b);
	assert_true(a.cut_off_sq_lo == 1);
	assert_true(a.cut_off_sq_hi == 2);
}

static void
wilson_should_match_published_values(void **state)
{
	double lo, hi;

	(void)state;
	/* 5 of 10: 0.2366-0.7634; 0 of 10: 0-0.2775 (z^2 / (n + z^2)). */
	mesh_wilson(5, 10, MESH_Z95, &lo, &hi);
	assert_near(lo, 0.2366, 1e-4);
	assert_near(hi, 0.7634, 1e-4);
	mesh_wilson(0, 10, MESH_Z95, &lo, &hi);
	assert_near(lo, 0, 0);
	assert_near(hi, MESH_Z95 * MESH_Z95 / (10 + MESH_Z95 *
	    MESH_Z95), 1e-12);
	mesh_wilson(10, 10, MESH_Z95, &lo, &hi);
	assert_near(lo, 10 / (10 + MESH_Z95 * MESH_Z95), 1e-12);
	assert_near(hi, 1, 0);
}

/*
 * On 24 small random plans (3-12 nodes, availabilities 0.6-0.95 so that
 * failures happen), 100,000 trials each with fixed seeds: the 99.99%
 * Wilson interval of every estimate holds the exact value, and so do
 * 99.99% normal intervals of the expected cut-off and of P(whole): 72
 * checks, which a correct engine fails together less than 1% of the time
 * (these seeds were run once and kept; the worst is 3.6 standard errors
 * off). A 95% interval misses 1 time in 20, so at most 4 of the 24 95%
 * intervals may miss (these seeds: 2; more than 4 happens to fewer than
 * 1% of seed sets).
 */
static void
confidence_interval_should_hold_the_exact_value_on_small_plans(
    void **state)
{
	const uint64_t trials = 100000;
	struct mesh_i_rng r;
	int plan, misses95 = 0;

	(void)state;
	mesh_i_rng_seed_stream(&r, 2024, 0);
	for (plan = 0; plan < 24; plan++) {
		size_t n = 3 + mesh_i_rng_next(&r) % 10, i, j;
		double av[16], density = 0.25 + 0.4 * mesh_i_rng_double(&r);
		double lo, hi, se, sw;
		char links[1024] = "";
		struct mesh_plan *p;
		struct mesh_avail_model *m;
		struct mesh_avail_exact e;
		struct mesh_availability *a = NULL;
		struct mesh_avail_sums s;

		for (i = 0; i < n; i++)
			av[i] = i % 4 == 3 ? -1 :
			    0.6 + 0.35 * mesh_i_rng_double(&r);
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				if (mesh_i_rng_double(&r) < density) {
					char one[8];

					snprintf(one, sizeof(one), " %c-%c",
					    (char)('a' + i), (char)('a' + j));
					strcat(links, one);
				}
		p = plan_av(n, links, av);
		m = model_of(p, 0.8);
		assert_int_equal(mesh_avail_exact(m, &e), MESH_OK);
		s = sums_of(m, 1000 + (uint64_t)plan, trials, 1);
		assert_int_equal(mesh_availability_from_sums(m,
		    1000 + (uint64_t)plan, &s, &a), MESH_OK);
		assert_near(a->exact.probability_connected,
		    e.probability_connected, 0);

		mesh_wilson(s.connected, s.trials, Z9999, &lo, &hi);
		assert_true(lo <= e.probability_connected &&
		    e.probability_connected <= hi);
		misses95 += !(a->ci95_low <= e.probability_connected &&
		    e.probability_connected <= a->ci95_high);
		se = a->expected_cut_off_stderr;
		assert_true(fabs(a->expected_cut_off - e.expected_cut_off) <=
		    Z9999 * se + EPS);
		sw = sqrt(e.probability_whole * (1 - e.probability_whole) /
		    (double)trials);
		assert_true(fabs(a->probability_whole - e.probability_whole) <=
		    Z9999 * sw + EPS);
		mesh_availability_free(a);
		mesh_avail_model_free(m);
		mesh_plan_free(p);
	}
	assert_true(misses95 <= 4);
}

static void
exact_should_be_computed_up_to_twenty_nodes_and_null_above(void **state)
{
	char links[512] = "";
	struct mesh_plan *p;
	struct mesh_availability *a = NULL;
	struct mesh_avail_options o;
	struct mesh_avail_model *m;
	struct mesh_avail_exact e;
	char *json;
	int i;

	(void)state;
	/* A ring of 20, then of 21. */
	for (i = 0; i < 21; i++) {
		char one[8];

		snprintf(one, sizeof(one), " %c-%c", 'a' + i,
		    'a' + (i + 1) % 21);
		strcat(links, one);
	}
	memset(&o, 0, sizeof(o));
	o.trials = 1000;
	o.seed = 1;
	p = plan_av(21, links, NULL);
	assert_int_equal(mesh_availability(p, &o, &a), MESH_OK);
	assert_false(a->has_exact);
	json = mesh_availability_json(a, NULL);
	assert_non_null(json);
	assert_non_null(strstr(json, "\n  \"exact\": null,\n"));
	free(json);
	mesh_availability_free(a);
	m = model_of(p, 0.9);
	assert_int_equal(mesh_avail_exact(m, &e), MESH_EINVAL);
	mesh_avail_model_free(m);
	mesh_plan_free(p);

	/* 20 nodes: a path a..t closed into a ring by t-a. */
	links[0] = '\0';
	for (i = 0; i < 20; i++) {
		char one[8];

		snprintf(one, sizeof(one), " %c-%c", 'a' + i,
		    'a' + (i + 1) % 20);
		strcat(links, one);
	}
	p = plan_av(20, links, NULL);
	m = model_of(p, 0.9);
	assert_int_equal(mesh_avail_exact(m, &e), MESH_OK);
	/* A ring stays connected unless two or more runs of up nodes:
	 * its complement, at most one run of down nodes (or none up). */
	{
		double q = 0.1, pp = 0.9, one_run = 0;
		int k;

		/* k consecutive down (1 <= k <= 19): 20 placements each. */
		for (k = 1; k <= 19; k++)
			one_run += 20 * pow(q, k) * pow(pp, 20 - k);
		one_run += pow(pp, 20) + pow(q, 20);
		assert_near(e.probability_connected, one_run, 1e-12);
	}
	mesh_avail_model_free(m);
	mesh_plan_free(p);
}

static void
json_should_hold_the_documented_keys_in_order(void **state)
{
	struct mesh_plan *p = plan_av(3, "a-b b-c", NULL);
	struct mesh_availability *a = NULL;
	struct mesh_avail_options o;
	static const char *const keys[] = { "\"plan\": \"t\"",
		"\"file\": \"t.json\"", "\"nodes\": 3", "\"links\": 2",
		"\"plan_connected\": true", "\"trials\": 1,",
		"\"seed\": 18446744073709551615",
		"\"generator\": \"xoshiro256** seeded by splitmix64\"",
		"\"block_size\": 65536", "\"default_availability\": 0.5",
		"\"nodes_using_default\": 3", "\"probability_connected\": ",
		"\"ci95\": [", "\"expected_cut_off\": ",
		"\"expected_cut_off_stderr\": null",
		"\"probability_whole\": ",
		("\"exact\": {\"probability_connected\": 0.875, "
		"\"expected_cut_off\": 0.125, \"probability_whole\": 0.125}"),
		"\"diagnostics\": []" };
	char *json, *at;
	size_t i;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.node_availability = 0.5;
	o.trials = 1;
	o.seed = UINT64_MAX;
	assert_int_equal(mesh_availability(p, &o, &a), MESH_OK);
	json = mesh_availability_json(a, NULL);
	assert_non_null(json);
	at = json;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char *k = strstr(at, keys[i]);

		if (k == NULL)
			fail_msg("missing or out of order: %s in\n%s", keys[i],
			    json);
		at = k;
	}
	free(json);
	mesh_availability_free(a);
	mesh_plan_free(p);
}

static void
empty_plan_should_be_connected_and_whole(void **state)
{
	struct mesh_plan *p = plan_av(0, "", NULL);
	struct mesh_availability *a = NULL;
	struct mesh_avail_options o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.trials = 10;
	assert_int_equal(mesh_availability(p, &o, &a), MESH_OK);
	assert_true(a->sums.connected == 10 && a->sums.whole == 10);
	assert_near(a->exact.probability_connected, 1, 0);
	assert_near(a->exact.probability_whole, 1, 0);
	mesh_availability_free(a);
	mesh_plan_free(p);
}

static void
no_options_should_run_the_one_default_trials_and_seed(void **state)
{
	struct mesh_plan *p = plan_av(2, "a-b", NULL);
	struct mesh_availability *a = NULL, *b = NULL;
	struct mesh_avail_options o;

	(void)state;
	assert_int_equal(mesh_availability(p, NULL, &a), MESH_OK);
	assert_true(a->trials == MESH_AVAIL_TRIALS_DEFAULT);
	assert_true(a->seed == MESH_AVAIL_SEED_DEFAULT);
	/* Options with trials 0 and the default seed: the same counts. */
	memset(&o, 0, sizeof(o));
	o.node_availability = -1;
	o.seed = MESH_AVAIL_SEED_DEFAULT;
	assert_int_equal(mesh_availability(p, &o, &b), MESH_OK);
	assert_true(b->trials == MESH_AVAIL_TRIALS_DEFAULT);
	assert_true(a->sums.connected == b->sums.connected &&
	    a->sums.whole == b->sums.whole);
	mesh_availability_free(a);
	mesh_availability_free(b);
	mesh_plan_free(p);
}

static void
invalid_arguments_should_be_refused(void **state)
{
	struct mesh_plan *p = plan_av(2, "a-b", NULL);
	struct mesh_avail_model *m = NULL;
	struct mesh_availability *a = NULL;
	struct mesh_avail_options o;
	struct mesh_avail_sums s;

	(void)state;
	assert_int_equal(mesh_avail_model_new(p, 1.5, &m), MESH_EINVAL);
	assert_null(m);
	assert_int_equal(mesh_avail_model_new(p, (double)NAN, &m), MESH_EINVAL);
	m = model_of(p, 0.5);
	memset(&s, 0, sizeof(s));
	assert_int_equal(mesh_avail_run(m, 1, 0, 0, 1, 1, &s), MESH_EINVAL);
	assert_int_equal(mesh_avail_run(m, 1, MESH_AVAIL_TRIALS_MAX + 1, 0, 1,
	    1, &s), MESH_EINVAL);
	assert_int_equal(mesh_avail_run(m, 1, 10, 0, 0, 1, &s), MESH_EINVAL);
	assert_true(s.trials == 0);
	assert_int_equal(mesh_availability_from_sums(m, 1, &s, &a),
	    MESH_EINVAL);
	assert_null(a);
	memset(&o, 0, sizeof(o));
	o.node_availability = 2;
	assert_int_equal(mesh_availability(p, &o, &a), MESH_EINVAL);
	assert_null(a);
	mesh_avail_model_free(m);
	mesh_avail_model_free(NULL);
	mesh_availability_free(NULL);
	mesh_plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(generator_should_match_reference_outputs),
		cmocka_unit_test(exact_single_node_should_be_connected_and_whole_when_up),
		cmocka_unit_test(exact_two_linked_nodes_should_always_count_as_connected),
		cmocka_unit_test(exact_two_unlinked_nodes_should_split_only_when_both_are_up),
		cmocka_unit_test(exact_path_should_split_only_when_the_middle_is_down_and_the_ends_up),
		cmocka_unit_test(exact_triangle_should_never_split),
		cmocka_unit_test(exact_four_cycle_should_split_only_when_two_opposite_nodes_are_up_alone),
		cmocka_unit_test(exact_star_should_cut_off_every_up_leaf_but_one_when_the_centre_is_down),
		cmocka_unit_test(plan_availability_should_override_the_default),
		cmocka_unit_test(certain_nodes_should_give_exact_estimates),
		cmocka_unit_test(same_seed_should_give_the_same_counts_and_another_seed_others),
		cmocka_unit_test(counts_should_not_depend_on_jobs_or_on_how_the_blocks_are_split),
		cmocka_unit_test(sums_should_carry_the_squares_into_the_high_word),
		cmocka_unit_test(wilson_should_match_published_values),
		cmocka_unit_test(confidence_interval_should_hold_the_exact_value_on_small_plans),
		cmocka_unit_test(exact_should_be_computed_up_to_twenty_nodes_and_null_above),
		cmocka_unit_test(json_should_hold_the_documented_keys_in_order),
		cmocka_unit_test(empty_plan_should_be_connected_and_whole),
		cmocka_unit_test(no_options_should_run_the_one_default_trials_and_seed),
		cmocka_unit_test(invalid_arguments_should_be_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
