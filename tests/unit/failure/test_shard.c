/* test_shard.c: shards of sweeps and availability runs, written as partials, read back and merged, against the whole run; fingerprints; partials refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "meshsim/shard.h"
#include "base/sha256.h"

static char tmpdir[] = "/tmp/meshsim-shard-XXXXXX";
static uint64_t rng_state;

static uint32_t
rnd(uint32_t n)
{
	return next_random(&rng_state) % n;
}

/* A random plan of up to 14 nodes: trees, rings, random links (often
 * split), shared hosts, zones on most nodes. */
static struct mesh_plan *
random_plan(int id)
{
	struct mesh_plan *p = mesh_plan_new("random", "random.json");
	int n = 1 + (int)rnd(14), i, j, *hostof;

	assert_non_null(p);
	hostof = add_random_nodes(p, &rng_state, n, id % 3 == 0, 4);
	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++) {
			int link = id % 3 == 0 ? j == (int)rnd((uint32_t)i) :
			    id % 3 == 1 ? j == i - 1 || rnd(100) < 12 :
			    rnd(100) < 25;

			if (link)
				add_route_to(p, hostof, i, j);
		}
	free(hostof);
	resolve_plan(p);
	return p;
}

/* Write text to the file name in tmpdir; returns its path (static). */
static const char *
put_file(const char *name, const char *text)
{
	static char path[4][256];
	static int turn;
	char *at = path[turn++ % 4];
	FILE *f;

	snprintf(at, 256, "%s/%s", tmpdir, name);
	f = fopen(at, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return at;
}

/* The partial of shard i of n of a sweep of p, read back. */
static struct mesh_partial *
sweep_shard(const struct mesh_plan *p, int k, const char *by,
    enum mesh_sweep_model model, int i, int n, int jobs)
{
	struct mesh_sweep_options o;
	struct mesh_partial_info in;
	struct mesh_partial *part = NULL;
	struct mesh_sweep *sw = NULL;
	struct mesh_diags d;
	char name[32], *json;

	memset(&o, 0, sizeof(o));
	o.k = k;
	o.by = by;
	o.model = model;
	o.jobs = jobs;
	o.parallel_min = 1e-9;  /* fork for every level, however small */
	o.shard = i;
	o.shards = n;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
	assert_int_equal(mesh_sweep_run(sw), MESH_OK);
	memset(&in, 0, sizeof(in));
	in.command = MESH_PARTIAL_SWEEP;
	in.plan = "random.json";
	in.shard = i;
	in.shards = n;
	in.k = k;
	in.by = by;
	in.model = model;
	assert_int_equal(mesh_plan_fingerprint(p, in.fingerprint), MESH_OK);
	json = mesh_sweep_partial_json(&in, sw);
	assert_non_null(json);
	snprintf(name, sizeof(name), "part%d.json", i);
	mesh_diags_init(&d);
	assert_int_equal(mesh_partial_load(put_file(name, json), &d, &part),
	    MESH_OK);
	assert_int_equal(d.n, 0);
	mesh_diags_clear(&d);
	free(json);
	mesh_sweep_free(sw);
	return part;
}

/* The JSON of the sweep merged from parts[0 .. n-1]. */
static char *
merged_sweep_json(const struct mesh_plan *p, struct mesh_partial **parts,
    int n)
{
	const struct mesh_partial_info *in = mesh_partial_info(parts[0]);
	struct mesh_sweep_options o;
	struct mesh_sweep *sw = NULL;
	struct mesh_diags d;
	char *json;
	int i;

	mesh_diags_init(&d);
	assert_int_equal(mesh_partials_check(parts, (size_t)n, &d), MESH_OK);
	assert_int_equal(mesh_partial_check_plan(parts[0], p, &d), MESH_OK);
	memset(&o, 0, sizeof(o));
	o.k = in->k;
	o.by = in->by;
	o.model = in->model;
	o.jobs = 1;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
	assert_int_equal(mesh_sweep_merge_begin(sw), MESH_OK);
	/* In any order. */
	for (i = n - 1; i >= 0; i--)
		assert_int_equal(mesh_partial_sweep_add(parts[i], sw, &d),
		    MESH_OK);
	assert_int_equal(mesh_sweep_merge_end(sw, &d), MESH_OK);
	assert_int_equal(d.n, 0);
	json = mesh_sweep_json(sw, NULL);
	assert_non_null(json);
	mesh_sweep_free(sw);
	mesh_diags_clear(&d);
	return json;
}

static char *
whole_sweep_json(const struct mesh_plan *p, int k, const char *by,
    enum mesh_sweep_model model)
{
	struct mesh_sweep_options o;
	struct mesh_sweep *sw = NULL;
	char *json;

	memset(&o, 0, sizeof(o));
	o.k = k;
	o.by = by;
	o.model = model;
	o.jobs = 1;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
	assert_int_equal(mesh_sweep_run(sw), MESH_OK);
	json = mesh_sweep_json(sw, NULL);
	assert_non_null(json);
	mesh_sweep_free(sw);
	return json;
}

static void
sha256_should_match_the_fips_examples(void **state)
{
	static const struct {
		const char *text;
		const char *digest;
	} cases[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	struct mesh_i_sha256 c;
	unsigned char d[32];
	char hex[65];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mesh_i_sha256_init(&c);
		/* A byte at a time, across block boundaries. */
		for (j = 0; cases[i].text[j] != '\0'; j++)
			mesh_i_sha256_add(&c, cases[i].text + j, 1);
		mesh_i_sha256_end(&c, d);
		for (j = 0; j < 32; j++)
			snprintf(hex + 2 * j, 3, "%02x", d[j]);
		assert_string_equal(hex, cases[i].digest);
	}
	/* A million a's, in uneven pieces. */
	{
		char a[997];

		memset(a, 'a', sizeof(a));
		mesh_i_sha256_init(&c);
		for (j = 0; j + sizeof(a) <= 1000000; j += sizeof(a))
			mesh_i_sha256_add(&c, a, sizeof(a));
		mesh_i_sha256_add(&c, a, 1000000 - j);
		mesh_i_sha256_end(&c, d);
		for (j = 0; j < 32; j++)
			snprintf(hex + 2 * j, 3, "%02x", d[j]);
		assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
		    "f1809a48a497200e046d39ccc7112cd0");
	}
}

static void
fingerprint_should_follow_the_content_not_the_name_of_the_file(void **state)
{
	static const char *const names[] = { "a", "b", "c" };
	struct mesh_plan *p = plan_of(names, 3, "a-b b-c");
	struct mesh_plan *q = plan_of(names, 3, "a-b b-c");
	struct mesh_plan *r = plan_of(names, 3, "a-b a-c");
	char fp[MESH_FINGERPRINT_SIZE], fq[MESH_FINGERPRINT_SIZE],
	    fr[MESH_FINGERPRINT_SIZE];

	(void)state;
	free(q->file);
	q->file = strdup("elsewhere.json");
	assert_int_equal(mesh_plan_fingerprint(p, fp), MESH_OK);
	assert_int_equal(mesh_plan_fingerprint(q, fq), MESH_OK);
	assert_int_equal(mesh_plan_fingerprint(r, fr), MESH_OK);
	assert_int_equal(strlen(fp), 7 + 64);
	assert_int_equal(strncmp(fp, "sha256:", 7), 0);
	assert_string_equal(fp, fq);
	assert_string_not_equal(fp, fr);
	mesh_plan_free(p);
	mesh_plan_free(q);
	mesh_plan_free(r);
}

static void
sharded_sweeps_should_merge_into_the_whole_sweep(void **state)
{
	static const char *const bys[] = { NULL, "zone", "host" };
	struct mesh_partial *parts[5];
	int id, k, n, i;

	(void)state;
	rng_state = 11;
	for (id = 0; id < 60; id++) {
		struct mesh_plan *p = random_plan(id);
		const char *by = bys[id % 3];
		enum mesh_sweep_model model = (enum mesh_sweep_model)(id / 3 %
		    2);

		for (k = 1; k <= 3; k++) {
			char *whole = whole_sweep_json(p, k, by, model);

			for (n = 1; n <= 5; n++) {
				char *merged;

				for (i = 0; i < n; i++)
					parts[i] = sweep_shard(p, k, by, model,
					    i + 1, n, 1 + (id + i) % 3);
				merged = merged_sweep_json(p, parts, n);
				assert_string_equal(merged, whole);
				free(merged);
				for (i = 0; i < n; i++)
					mesh_partial_free(parts[i]);
			}
			free(whole);
		}
		mesh_plan_free(p);
	}
}

static void
shards_should_share_the_last_level_of_a_sweep(void **state)
{
	static const char *const names[] = { "a", "b", "c", "d", "e", "f" };
	struct mesh_plan *p = plan_of(names, 6, "a-b b-c c-d d-e e-f f-a");
	struct mesh_sweep_options o;
	struct mesh_sweep *sw;
	uint64_t tried = 0;
	int i;

	(void)state;
	/* A ring of six, k = 2: 15 pairs in 5 passes (R = a .. e); shard
	 * 1 of 2 has passes 0, 2, 4 (5 + 3 + 1 pairs) and every single. */
	for (i = 1; i <= 2; i++) {
		memset(&o, 0, sizeof(o));
		o.k = 2;
		o.jobs = 1;
		o.shard = i;
		o.shards = 2;
		assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
		assert_int_equal(mesh_sweep_run(sw), MESH_OK);
		assert_int_equal(sw->sizes[1].tried, i == 1 ? 6 : 0);
		assert_int_equal(sw->sizes[2].tried, i == 1 ? 9 : 6);
		tried += sw->sizes[2].tried;
		mesh_sweep_free(sw);
	}
	assert_int_equal(tried, 15);
	memset(&o, 0, sizeof(o));
	o.k = 2;
	o.shard = 3;
	o.shards = 2;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_EINVAL);
	o.shard = 0;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_EINVAL);
	mesh_plan_free(p);
}

/* The availability partial of shard i of n of plan p, read back. */
static struct mesh_partial *
avail_shard(const struct mesh_plan *p, uint64_t trials, uint64_t seed,
    int i, int n)
{
	struct mesh_avail_model *m = NULL;
	struct mesh_partial_info in;
	struct mesh_avail_sums sums;
	struct mesh_partial *part = NULL;
	struct mesh_diags d;
	char name[32], *json;

	memset(&in, 0, sizeof(in));
	memset(&sums, 0, sizeof(sums));
	in.command = MESH_PARTIAL_AVAILABILITY;
	in.plan = "random.json";
	in.shard = i;
	in.shards = n;
	in.node_availability = 0.7;
	in.fail_below = -1;
	in.trials = trials;
	in.seed = seed;
	assert_int_equal(mesh_plan_fingerprint(p, in.fingerprint), MESH_OK);
	assert_int_equal(mesh_avail_model_new(p, 0.7, &m), MESH_OK);
	assert_int_equal(mesh_avail_run(m, seed, trials, (uint64_t)i - 1,
	    (uint64_t)n, 2, &sums), MESH_OK);
	json = mesh_avail_partial_json(&in, &sums);
	assert_non_null(json);
	snprintf(name, sizeof(name), "avail%d.json", i);
	mesh_diags_init(&d);
	assert_int_equal(mesh_partial_load(put_file(name, json), &d, &part),
	    MESH_OK);
	mesh_diags_clear(&d);
	free(json);
	mesh_avail_model_free(m);
	return part;
}

static void
sharded_availability_should_merge_into_the_whole_run(void **state)
{
	static const uint64_t trials[] = { 1, 3, 65536, 65537, 262145 };
	struct mesh_partial *parts[5];
	size_t t;
	int n, i;

	(void)state;
	rng_state = 3;
	for (t = 0; t < sizeof(trials) / sizeof(trials[0]); t++) {
		struct mesh_plan *p = random_plan((int)t + 1);
		struct mesh_avail_options o = { 0.7, trials[t],
		    UINT64_MAX - t, 1, NULL };
		struct mesh_availability *whole = NULL, *merged = NULL;
		struct mesh_avail_model *m = NULL;
		char *jw, *jm;

		assert_int_equal(mesh_availability(p, &o, &whole), MESH_OK);
		jw = mesh_availability_json(whole, NULL);
		for (n = 1; n <= 5; n++) {
			struct mesh_avail_sums sums;
			struct mesh_diags d;

			memset(&sums, 0, sizeof(sums));
			mesh_diags_init(&d);
			for (i = 0; i < n; i++)
				parts[i] = avail_shard(p, trials[t], o.seed,
				    i + 1, n);
			assert_int_equal(mesh_partials_check(parts, (size_t)n,
			    &d), MESH_OK);
			/* The seed, above 2^53, is read exactly. */
			assert_true(mesh_partial_info(parts[0])->seed ==
			    o.seed);
			for (i = 0; i < n; i++)
				assert_int_equal(mesh_partial_avail_add(parts[i],
				    &sums, &d), MESH_OK);
			assert_int_equal(mesh_avail_model_new(p, 0.7, &m),
			    MESH_OK);
			assert_int_equal(mesh_availability_from_sums(m, o.seed,
			    &sums, &merged), MESH_OK);
			jm = mesh_availability_json(merged, NULL);
			assert_string_equal(jm, jw);
			free(jm);
			mesh_availability_free(merged);
			mesh_avail_model_free(m);
			for (i = 0; i < n; i++)
				mesh_partial_free(parts[i]);
			mesh_diags_clear(&d);
		}
		free(jw);
		mesh_availability_free(whole);
		mesh_plan_free(p);
	}
}

/* Load text as a partial: the first diagnostic's code and position
 * must be code at line:col. */
static void
refused(const char *text, const char *code, int line, int col)
{
	struct mesh_partial *part = NULL;
	struct mesh_diags d;

	mesh_diags_init(&d);
	assert_int_not_equal(mesh_partial_load(put_file("bad.json", text), &d,
	    &part), MESH_OK);
	assert_null(part);
	assert_true(d.n >= 1);
	assert_string_equal(d.v[0].code, code);
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].column, col);
	mesh_diags_clear(&d);
}

#define HEAD "{\"meshsim_partial\": 1, \"meshsim\": \"0.1.0\", " \
	"\"command\": \"availability\", \"plan\": \"p.json\", " \
	"\"input_format\": \"auto\", \"fingerprint\": \"sha256:" \
	"0000000000000000000000000000000000000000000000000000000000000000\",\n"

static void
bad_partials_should_be_refused_where_they_are_wrong(void **state)
{
	(void)state;
	refused("", "empty-file", 1, 1);
	refused("{\"meshsim_partial\": 1,\n  \"shard\" 2}", "invalid-json",
	    2, 11);
	refused("[1]", "not-an-object", 1, 1);
	refused(HEAD "\"options\": {\"node_availability\": null, \"trials\": "
	    "10, \"seed\": 1, \"fail_below\": null}, \"shard\": 3, "
	    "\"shards\": 2, \"results\": {}}", "bad-partial", 2, 95);
	refused(HEAD "\"options\": {\"node_availability\": null, \"trials\": "
	    "10, \"seed\": 1, \"fail_below\": null}, \"shard\": 1, "
	    "\"shards\": 2, \"results\": {}, \"extra\": 1}", "unknown-key",
	    2, 126);
	refused(HEAD "\"options\": {\"node_availability\": null, \"trials\": "
	    "\"10\", \"seed\": 1, \"fail_below\": null}, \"shard\": 1, "
	    "\"shards\": 2, \"results\": {}}", "wrong-type", 2, 50);
	refused(HEAD "\"options\": {\"node_availability\": null, \"trials\": "
	    "10, \"seed\": 18446744073709551616, \"fail_below\": null}, "
	    "\"shard\": 1, \"shards\": 2, \"results\": {}}", "bad-partial",
	    2, 62);
	refused(HEAD "\"options\": {}, \"shard\": 1, \"shards\": 2}",
	    "missing-key", 1, 1);
	refused("{\"meshsim_partial\": 2}", "missing-key", 1, 1);
}

static void
partials_of_different_runs_should_not_be_merged(void **state)
{
	static const char *const names[] = { "a", "b", "c", "d" };
	struct mesh_plan *p = plan_of(names, 4, "a-b b-c c-d");
	struct mesh_partial *parts[3];
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	/* Another k. */
	parts[0] = sweep_shard(p, 2, NULL, MESH_SWEEP_GRAPH, 1, 2, 1);
	parts[1] = sweep_shard(p, 3, NULL, MESH_SWEEP_GRAPH, 2, 2, 1);
	assert_int_equal(mesh_partials_check(parts, 2, &d), MESH_EINPUT);
	assert_string_equal(d.v[0].code, "partial-mismatch");
	mesh_partial_free(parts[0]);
	mesh_partial_free(parts[1]);
	mesh_diags_clear(&d);
	/* A shard twice, and one missing. */
	parts[0] = sweep_shard(p, 2, NULL, MESH_SWEEP_GRAPH, 1, 3, 1);
	parts[1] = sweep_shard(p, 2, NULL, MESH_SWEEP_GRAPH, 1, 3, 1);
	parts[2] = sweep_shard(p, 2, NULL, MESH_SWEEP_GRAPH, 2, 3, 1);
	assert_int_equal(mesh_partials_check(parts, 3, &d), MESH_EINPUT);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].code, "shard-duplicate");
	assert_string_equal(d.v[1].code, "shard-missing");
	assert_null(d.v[1].file);
	mesh_partial_free(parts[0]);
	mesh_partial_free(parts[1]);
	mesh_partial_free(parts[2]);
	mesh_diags_clear(&d);
	mesh_plan_free(p);
}

static void
a_changed_plan_should_be_refused(void **state)
{
	static const char *const names[] = { "a", "b", "c", "d" };
	struct mesh_plan *p = plan_of(names, 4, "a-b b-c c-d");
	struct mesh_plan *q = plan_of(names, 4, "a-b b-c c-d d-a");
	struct mesh_partial *part;
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	part = sweep_shard(p, 2, NULL, MESH_SWEEP_GRAPH, 1, 1, 1);
	assert_int_equal(mesh_partial_check_plan(part, p, &d), MESH_OK);
	assert_int_equal(mesh_partial_check_plan(part, q, &d), MESH_EINPUT);
	assert_string_equal(d.v[0].code, "plan-changed");
	mesh_partial_free(part);
	mesh_diags_clear(&d);
	mesh_plan_free(p);
	mesh_plan_free(q);
}

static void
slices_that_do_not_add_up_should_be_refused(void **state)
{
	static const char *const names[] = { "a", "b", "c", "d" };
	struct mesh_plan *p = plan_of(names, 4, "a-b b-c c-d");
	struct mesh_sweep_options o;
	struct mesh_sweep *sw;
	struct mesh_diags d;
	const int set[] = { 1 };

	(void)state;
	mesh_diags_init(&d);
	memset(&o, 0, sizeof(o));
	o.k = 1;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
	assert_int_equal(mesh_sweep_merge_begin(sw), MESH_OK);
	assert_int_equal(mesh_sweep_merge_size(sw, 1, 4, 2, 1, set, 0),
	    MESH_OK);
	assert_int_equal(mesh_sweep_merge_cut(sw, set, 1, 0, 1, NULL),
	    MESH_OK);
	assert_int_equal(mesh_sweep_merge_cut(sw, set, 1, 0, 1, NULL),
	    MESH_OK);
	assert_int_equal(mesh_sweep_merge_end(sw, &d), MESH_EINPUT);
	assert_string_equal(d.v[0].code, "partials-inconsistent");
	assert_non_null(strstr(d.v[0].message, "[\"b\"]"));
	mesh_sweep_free(sw);
	mesh_diags_clear(&d);
	/* Too few sets tried. */
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
	assert_int_equal(mesh_sweep_merge_begin(sw), MESH_OK);
	assert_int_equal(mesh_sweep_merge_size(sw, 1, 3, 0, 0, NULL, 0),
	    MESH_OK);
	assert_int_equal(mesh_sweep_merge_end(sw, &d), MESH_EINPUT);
	assert_non_null(strstr(d.v[0].message, "tried 3 sets of 1, not 4"));
	/* Units out of range or order. */
	mesh_sweep_free(sw);
	o.k = 2;
	assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
	assert_int_equal(mesh_sweep_merge_begin(sw), MESH_OK);
	{
		const int down[] = { 2, 1 }, out[] = { 0, 4 };

		assert_int_equal(mesh_sweep_merge_cut(sw, down, 2, 0, 1, NULL),
		    MESH_EINVAL);
		assert_int_equal(mesh_sweep_merge_cut(sw, out, 2, 0, 1, NULL),
		    MESH_EINVAL);
		assert_int_equal(mesh_sweep_merge_size(sw, 3, 1, 0, 0, NULL,
		    0), MESH_EINVAL);
	}
	mesh_sweep_free(sw);
	mesh_diags_clear(&d);
	mesh_plan_free(p);
}

/* The progress a shard reports: every call of one phase, from 0 up to
 * its total without going back. */
struct calls {
	uint64_t first, last, total;
	size_t n;
	int bad;
};

static void
record(void *ctx, const char *phase, uint64_t done, uint64_t total)
{
	struct calls *c = ctx;

	(void)phase;
	if (c->n == 0) {
		c->first = done;
		c->total = total;
	} else if (done < c->last || total != c->total || done > total) {
		c->bad = 1;
	}
	c->last = done;
	c->n++;
}

static void
shards_should_report_progress_up_to_their_own_total(void **state)
{
	static const char *const names[] = { "a", "b", "c", "d", "e", "f",
		"g", "h", "i", "j" };
	struct mesh_plan *p = plan_of(names, 10,
	    "a-b b-c c-d d-e e-f f-g g-h h-i i-j j-a a-f");
	struct mesh_progress pr;
	struct mesh_sweep_options o;
	struct mesh_sweep *sw;
	struct mesh_avail_model *m;
	struct mesh_avail_sums sums;
	struct calls c;
	int i, jobs;

	(void)state;
	pr.fn = record;
	pr.ctx = &c;
	for (jobs = 1; jobs <= 2; jobs++)
		for (i = 1; i <= 3; i++) {
			memset(&c, 0, sizeof(c));
			memset(&o, 0, sizeof(o));
			o.k = 3;
			o.jobs = jobs;
			o.parallel_min = 1e-9;
			o.shard = i;
			o.shards = 3;
			o.progress = &pr;
			assert_int_equal(mesh_sweep_new(p, &o, &sw), MESH_OK);
			assert_int_equal(mesh_sweep_run(sw), MESH_OK);
			assert_true(c.n >= 2);
			assert_false(c.bad);
			assert_true(c.first == 0);
			assert_true(c.total == sw->work);
			assert_true(c.last == c.total);
			/* Passes weighted by nodes + 2 links: 1 + 9 pairs'
			 * passes in full, and of the 36 for triples those
			 * numbered i - 1 modulo 3. */
			assert_true(sw->work == (10 + 2 * 11) * (1 + 9 +
			    (uint64_t)(36 - i) / 3 + 1));
			mesh_sweep_free(sw);
		}
	assert_int_equal(mesh_avail_model_new(p, 0.9, &m), MESH_OK);
	for (i = 1; i <= 3; i++) {
		memset(&c, 0, sizeof(c));
		memset(&sums, 0, sizeof(sums));
		assert_int_equal(mesh_avail_run_progress(m, 1,
		    7 * MESH_AVAIL_BLOCK + 5, (uint64_t)i - 1, 3, 2, &pr,
		    &sums), MESH_OK);
		assert_false(c.bad);
		assert_true(c.total == sums.trials);
		assert_true(c.last == c.total);
	}
	mesh_avail_model_free(m);
	mesh_plan_free(p);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_should_match_the_fips_examples),
		cmocka_unit_test(fingerprint_should_follow_the_content_not_the_name_of_the_file),
		cmocka_unit_test(sharded_sweeps_should_merge_into_the_whole_sweep),
		cmocka_unit_test(shards_should_share_the_last_level_of_a_sweep),
		cmocka_unit_test(sharded_availability_should_merge_into_the_whole_run),
		cmocka_unit_test(bad_partials_should_be_refused_where_they_are_wrong),
		cmocka_unit_test(partials_of_different_runs_should_not_be_merged),
		cmocka_unit_test(a_changed_plan_should_be_refused),
		cmocka_unit_test(slices_that_do_not_add_up_should_be_refused),
		cmocka_unit_test(shards_should_report_progress_up_to_their_own_total),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
