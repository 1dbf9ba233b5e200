/* test_progress.c: the progress hook of loading, sweeps, availability, the report and diffs, and the worker pool that counts to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "base/pool.h"
#include "base/progress.h"

#define CALLS_MAX 20000

/* Every call the hook received. */
struct calls {
	size_t n;
	struct call {
		char phase[32];
		uint64_t done, total;
	} v[CALLS_MAX];
};

static void
record(void *ctx, const char *phase, uint64_t done, uint64_t total)
{
	struct calls *c = ctx;

	assert_true(c->n < CALLS_MAX);
	assert_true(strlen(phase) < sizeof(c->v[0].phase));
	strcpy(c->v[c->n].phase, phase);
	c->v[c->n].done = done;
	c->v[c->n].total = total;
	c->n++;
}

static struct calls *
calls_new(struct mesh_progress *p)
{
	struct calls *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	p->fn = record;
	p->ctx = c;
	return c;
}

/*
 * The calls hold exactly the phases named in want (space-separated, in
 * order), each complete: it begins at 0, keeps its total (at least 1),
 * never goes back or past its total, ends at its total, and makes at
 * most MESH_PROGRESS_STEPS + 2 calls. Returns the index of the first
 * call of the last phase.
 */
static size_t
assert_phases(const struct calls *c, const char *want)
{
	char names[256], *save = NULL, *name;
	size_t i = 0, first = 0;

	snprintf(names, sizeof(names), "%s", want);
	for (name = strtok_r(names, " ", &save); name != NULL;
	    name = strtok_r(NULL, " ", &save)) {
		/* "domain_sweep" stands for "domain sweep". */
		char *u = strchr(name, '_');

		if (u != NULL)
			*u = ' ';
		assert_true(i < c->n);
		assert_string_equal(c->v[i].phase, name);
		assert_true(c->v[i].done == 0);
		assert_true(c->v[i].total >= 1);
		first = i;
		for (i++; i < c->n && c->v[i].done != 0; i++) {
			assert_string_equal(c->v[i].phase, name);
			assert_true(c->v[i].total == c->v[first].total);
			assert_true(c->v[i].done >= c->v[i - 1].done);
			assert_true(c->v[i].done <= c->v[i].total);
		}
		assert_true(c->v[i - 1].done == c->v[first].total);
		assert_true(i - first <= MESH_PROGRESS_STEPS + 2);
	}
	assert_true(i == c->n);
	return first;
}

/* The largest step between two calls from first on, as a share of the
 * total. */
static double
largest_step(const struct calls *c, size_t first)
{
	double most = 0, d;
	size_t i;

	for (i = first + 1; i < c->n; i++) {
		d = (double)(c->v[i].done - c->v[i - 1].done) /
		    (double)c->v[i].total;
		if (d > most)
			most = d;
	}
	return most;
}

/* A ring of n nodes "n0" ... with a chord from every third node across
 * the ring, and a separate pair when split. */
static struct mesh_plan *
ring_plan(size_t n, int split)
{
	static char name[200][24];
	const char *names[200];
	char links[8192];
	size_t i, len = 0;
	struct mesh_plan *p;

	assert_true(n + 2 <= 200);
	for (i = 0; i < n + 2; i++) {
		snprintf(name[i], sizeof(name[i]), "n%zu", i);
		names[i] = name[i];
	}
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(links + len, sizeof(links) - len,
		    "n%zu-n%zu ", i, (i + 1) % n);
		if (i % 3 == 0)
			len += (size_t)snprintf(links + len, sizeof(links) - len,
			    "n%zu-n%zu ", i, (i + n / 2) % n);
	}
	if (split)
		snprintf(links + len, sizeof(links) - len, "n%zu-n%zu", n,
		    n + 1);
	p = plan_of(names, split ? n + 2 : n, links);
	return p;
}

static struct mesh_sweep *
sweep_with(const struct mesh_plan *p, int k, const char *by, int jobs,
    const struct mesh_progress *progress)
{
	struct mesh_sweep_options o;
	struct mesh_sweep *sw = NULL;

	memset(&o, 0, sizeof(o));
	o.k = k;
	o.by = by;
	o.jobs = jobs;
	o.parallel_min = 1;     /* fork whenever there are two passes */
	o.progress = progress;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
	assert_int_equal(mesh_sweep_run(sw), MESH_OK);
	return sw;
}

static void
sweep_should_report_every_pass_up_to_its_total(void **state)
{
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_plan *p = ring_plan(60, 0);
	struct mesh_sweep *sw;

	(void)state;
	sw = sweep_with(p, 3, NULL, 1, &pr);
	assert_phases(c, "sweep");
	assert_true(c->v[0].total == sw->work);
	/* 1 + 59 + 1711 passes, each reported: small steps all along. */
	assert_true(c->n > 100);
	assert_true(largest_step(c, 0) < 0.01);
	mesh_sweep_free(sw);
	mesh_plan_free(p);
	free(c);
}

static void
sweep_on_several_processes_should_report_and_find_the_same(void **state)
{
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_plan *p = ring_plan(60, 1);
	struct mesh_sweep *quiet, *sw;
	char *a, *b;
	int jobs;

	(void)state;
	quiet = sweep_with(p, 3, NULL, 1, NULL);
	a = mesh_sweep_json(quiet, NULL);
	for (jobs = 2; jobs <= 4; jobs++) {
		c->n = 0;
		sw = sweep_with(p, 3, NULL, jobs, &pr);
		/* Two groups, one phase. */
		assert_phases(c, "sweep");
		b = mesh_sweep_json(sw, NULL);
		assert_string_equal(a, b);
		free(b);
		mesh_sweep_free(sw);
	}
	free(a);
	mesh_sweep_free(quiet);
	mesh_plan_free(p);
	free(c);
}

static void
domain_sweep_should_be_its_own_phase(void **state)
{
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_plan *p = ring_plan(30, 0);
	struct mesh_sweep *sw;

	(void)state;
	sw = sweep_with(p, 2, "host", 2, &pr);
	assert_phases(c, "domain_sweep");
	mesh_sweep_free(sw);
	mesh_plan_free(p);
	free(c);
}

static void
hook_without_a_function_should_be_none(void **state)
{
	struct mesh_progress pr = { NULL, NULL };
	struct mesh_plan *p = ring_plan(30, 0);
	struct mesh_sweep *sw;

	(void)state;
	sw = sweep_with(p, 2, NULL, 2, &pr);
	assert_true(sw->done);
	mesh_sweep_free(sw);
	mesh_plan_free(p);
}

static struct mesh_availability *
availability_with(const struct mesh_plan *p, uint64_t trials,
    unsigned jobs, const struct mesh_progress *progress)
{
	struct mesh_avail_options o;
	struct mesh_availability *a = NULL;

	memset(&o, 0, sizeof(o));
	o.node_availability = 0.9;
	o.trials = trials;
	o.seed = 5;
	o.jobs = jobs;
	o.progress = progress;
	assert_int_equal(mesh_availability(p, &o, &a), MESH_OK);
	return a;
}

static void
availability_should_report_trials_whatever_the_processes(void **state)
{
	const uint64_t trials = 9 * MESH_AVAIL_BLOCK + 1234;
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_plan *p = ring_plan(25, 1);
	struct mesh_availability *quiet, *a;
	unsigned jobs;

	(void)state;
	quiet = availability_with(p, trials, 1, NULL);
	for (jobs = 1; jobs <= 4; jobs++) {
		c->n = 0;
		a = availability_with(p, trials, jobs, &pr);
		assert_phases(c, "availability");
		assert_true(c->v[0].total == trials);
		assert_memory_equal(&a->sums, &quiet->sums, sizeof(a->sums));
		if (jobs == 1) {
			/* Every block: ten of them. */
			assert_true(c->n == 11);
			assert_true(c->v[1].done == MESH_AVAIL_BLOCK);
		}
		mesh_availability_free(a);
	}
	mesh_availability_free(quiet);
	mesh_plan_free(p);
	free(c);
}

static void
load_should_report_reading_and_parsing_in_bytes(void **state)
{
	static const char *const files[] = { "scenarios/figure1.json",
		"scenarios/zones.json", "tests/formats/ring.graphml" };
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_diags d;
	struct mesh_plan *p = NULL;
	struct stat st;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		c->n = 0;
		mesh_diags_init(&d);
		assert_int_equal(stat(files[i], &st), 0);
		assert_int_equal(mesh_plan_load_progress(files[i],
		    MESH_FORMAT_AUTO, &pr, &d, &p), MESH_OK);
		assert_phases(c, "reading parsing");
		assert_true(c->v[0].total == (uint64_t)st.st_size);
		assert_true(c->v[c->n - 1].total == (uint64_t)st.st_size);
		mesh_plan_free(p);
		mesh_diags_clear(&d);
	}
	free(c);
}

static void
refused_plan_should_leave_parsing_unfinished(void **state)
{
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_diags d;
	struct mesh_plan *p = NULL;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_load_progress("tests/bad/duplicate-name.json",
	    MESH_FORMAT_AUTO, &pr, &d, &p), MESH_EINPUT);
	assert_null(p);
	/* "reading" complete, then "parsing" begun and never ended. */
	assert_true(c->n >= 3);
	assert_string_equal(c->v[c->n - 1].phase, "parsing");
	assert_true(c->v[c->n - 1].done < c->v[c->n - 1].total);
	mesh_diags_clear(&d);
	c->n = 0;
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_load_progress("tests/bad/no-such-file.json",
	    MESH_FORMAT_AUTO, &pr, &d, &p), MESH_EIO);
	assert_true(c->n == 0);
	mesh_diags_clear(&d);
	free(c);
}

static void
report_should_report_its_sections(void **state)
{
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_review_parts parts;
	struct mesh_plan *p = ring_plan(12, 1);
	struct mesh_analysis *a = NULL;
	char *html = NULL, *quiet = NULL, *md = NULL;
	size_t i;

	(void)state;
	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	assert_int_equal(mesh_review_html(a, NULL, NULL, &quiet), MESH_OK);
	memset(&parts, 0, sizeof(parts));
	parts.progress = &pr;
	assert_int_equal(mesh_review_html(a, NULL, &parts, &html), MESH_OK);
	assert_phases(c, "report");
	/* One call a step: 0, 1, ..., total. */
	assert_true(c->n == c->v[0].total + 1);
	for (i = 0; i < c->n; i++)
		assert_true(c->v[i].done == i);
	assert_string_equal(html, quiet);
	c->n = 0;
	assert_int_equal(mesh_review_markdown(a, NULL, &parts, &md), MESH_OK);
	assert_phases(c, "report");
	free(html);
	free(quiet);
	free(md);
	mesh_analysis_free(a);
	mesh_plan_free(p);
	free(c);
}

static void
diff_should_report_both_plans(void **state)
{
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_diff_options o;
	struct mesh_plan *old = ring_plan(20, 0), *new = ring_plan(20, 1);
	struct mesh_diff *d = NULL;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.trials = 3 * MESH_AVAIL_BLOCK;
	o.progress = &pr;
	assert_int_equal(mesh_diff(old, new, &o, &d), MESH_OK);
	assert_phases(c, "sweep availability sweep availability");
	mesh_diff_free(d);
	mesh_plan_free(old);
	mesh_plan_free(new);
	free(c);
}

static void
tick_should_report_at_most_a_thousand_steps(void **state)
{
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_i_tick t;
	uint64_t i;

	(void)state;
	mesh_i_tick_start(&t, &pr, "x", 123457);
	for (i = 0; i <= 123457; i++)
		mesh_i_tick_to(&t, i);
	mesh_i_tick_to(&t, 5);            /* back: ignored */
	mesh_i_tick_to(&t, 999999);       /* past the total: clamped */
	mesh_i_tick_end(&t);
	assert_phases(c, "x");
	assert_true(c->n >= MESH_PROGRESS_STEPS / 2);
	/* Nothing without a hook or without work. */
	c->n = 0;
	mesh_i_tick_start(&t, NULL, "x", 10);
	mesh_i_tick_to(&t, 10);
	mesh_i_tick_end(&t);
	mesh_i_tick_start(&t, &pr, "x", 0);
	mesh_i_tick_end(&t);
	assert_true(c->n == 0);
	free(c);
}

/* Shares of a test's work: share i counts i + 1 units ten times and
 * finds 1000 + i; share fail fails in a worker, share garble sends a
 * result of the wrong length. */
struct pool_test {
	pid_t parent;
	int fail, garble;
	struct mesh_i_meter *meter;
	uint64_t result[4];
	int ran_here[4], got[4];
};

static int
pool_test_run(void *ctx, int share)
{
	struct pool_test *t = ctx;
	int i;

	if (getpid() != t->parent && share == t->fail)
		return -1;
	for (i = 0; i < 10; i++)
		if (t->meter != NULL)
			mesh_i_meter_add(t->meter, (uint64_t)share + 1);
	t->result[share] = 1000 + (uint64_t)share;
	if (getpid() == t->parent)
		t->ran_here[share] = 1;
	return 0;
}

static void
pool_test_put(void *ctx, int share, struct mesh_i_buf *out)
{
	struct pool_test *t = ctx;

	mesh_i_buf_add(out, (const char *)&t->result[share],
	    share == t->garble ? 3 : sizeof(t->result[share]));
}

static int
pool_test_get(void *ctx, int share, const char *bytes, size_t len)
{
	struct pool_test *t = ctx;

	if (len != sizeof(t->result[share]))
		return -1;
	memcpy(&t->result[share], bytes, len);
	t->got[share] = 1;
	return 0;
}

static const struct mesh_i_pool_work pool_test_work = {
	pool_test_run, pool_test_put, pool_test_get
};

/* How many descriptors below 256 are open. */
static int
open_fds(void)
{
	int fd, n = 0;

	for (fd = 0; fd < 256; fd++)
		n += fcntl(fd, F_GETFD) != -1;
	return n;
}

/* Run a pool of 4 shares with a meter, failing shares fail and garble in
 * their workers; check that every share was found once, where, and that
 * the workers' counts all came before the pool returned. */
static void
run_test_pool(int fail, int garble)
{
	struct mesh_progress pr;
	struct calls *c = calls_new(&pr);
	struct mesh_i_meter mt;
	struct pool_test t;
	int fds = open_fds(), i;

	memset(&t, 0, sizeof(t));
	t.parent = getpid();
	t.fail = fail;
	t.garble = garble;
	t.meter = &mt;
	memset(&mt, 0, sizeof(mt));
	mesh_i_tick_start(&mt.tick, &pr, "x", 10 * (1 + 2 + 3 + 4));
	mt.weight = 1;
	mesh_i_meter_share(&mt, 1);
	assert_int_equal(mesh_i_pool_run(4, &pool_test_work, &t, &mt, 40), 0);
	/* Every count, the workers' too, before the pool returned. */
	assert_true(c->n > 1 && c->v[c->n - 1].done == 100);
	mesh_i_tick_end(&mt.tick);
	assert_phases(c, "x");
	assert_null(mt.pool);
	for (i = 0; i < 4; i++) {
		assert_true(t.result[i] == 1000 + (uint64_t)i);
		assert_int_equal(t.ran_here[i], i == 0 || i == fail ||
		    i == garble);
		assert_int_equal(t.got[i], !t.ran_here[i]);
	}
	/* Nothing left behind: no worker to wait for, no pipe open. */
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(open_fds(), fds);
	free(c);
}

static void
worker_counts_should_come_before_its_result(void **state)
{
	(void)state;
	run_test_pool(-1, -1);
}

static void
failed_worker_should_have_its_share_run_here(void **state)
{
	(void)state;
	run_test_pool(2, -1);
	run_test_pool(-1, 3);
	run_test_pool(1, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sweep_should_report_every_pass_up_to_its_total),
		cmocka_unit_test(sweep_on_several_processes_should_report_and_find_the_same),
		cmocka_unit_test(domain_sweep_should_be_its_own_phase),
		cmocka_unit_test(hook_without_a_function_should_be_none),
		cmocka_unit_test(availability_should_report_trials_whatever_the_processes),
		cmocka_unit_test(load_should_report_reading_and_parsing_in_bytes),
		cmocka_unit_test(refused_plan_should_leave_parsing_unfinished),
		cmocka_unit_test(report_should_report_its_sections),
		cmocka_unit_test(diff_should_report_both_plans),
		cmocka_unit_test(tick_should_report_at_most_a_thousand_steps),
		cmocka_unit_test(worker_counts_should_come_before_its_result),
		cmocka_unit_test(failed_worker_should_have_its_share_run_here),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
