/* fuzz_partial.c: libFuzzer harness for the shard partial reader (shard.c, sweep --merge and availability --merge): the input is a partial of a run on scenarios/zones.json, checked and merged as the CLI does; then its JSON. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fuzz.h"

/* The plan the partials are of, read once from the repository's top
 * (where run.sh runs the harnesses). */
#define PLAN_FILE       "scenarios/zones.json"

static struct mesh_plan *plan;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct mesh_diags d;

	(void)argc;
	(void)argv;
	mesh_diags_init(&d);
	if (mesh_plan_load(PLAN_FILE, MESH_FORMAT_JSON, &d, &plan) != MESH_OK)
		fuzz_fail(__FILE__, __LINE__, "reading " PLAN_FILE
		    " (run from the repository's top)");
	mesh_diags_clear(&d);
	return 0;
}

/* fuzz_check_json(), then free s. */
static void
check_json(char *s, const char *what)
{
	fuzz_check_json(s, what);
	free(s);
}

/* The sweep that partial p (of one shard) makes up, as sweep --merge. */
static void
merge_sweep(const struct mesh_partial *p, struct mesh_diags *d)
{
	const struct mesh_partial_info *in = mesh_partial_info(p);
	struct mesh_sweep_options so;
	struct mesh_sweep *sw = NULL;
	enum mesh_error err;

	memset(&so, 0, sizeof(so));
	so.k = in->k;
	so.by = in->by;
	so.model = in->model;
	so.jobs = 1;
	/* A sweep of k nodes of 10 tries up to 2^10 sets: keep it small. */
	if (so.k > 3)
		return;
	if (mesh_sweep_new(plan, &so, &sw) != MESH_OK ||
	    mesh_sweep_merge_begin(sw) != MESH_OK)
		goto done;
	err = mesh_partial_sweep_add(p, sw, d);
	FUZZ_CHECK(err != MESH_EINPUT || d->errors > 0,
	    "a refused sweep partial has an error");
	if (err == MESH_OK && mesh_sweep_merge_end(sw, d) == MESH_OK)
		check_json(mesh_sweep_json(sw, d), "the merged sweep's JSON "
		    "is valid");
done:
	mesh_sweep_free(sw);
}

/* The availability run that p makes up, as availability --merge. */
static void
merge_availability(const struct mesh_partial *p, struct mesh_diags *d)
{
	const struct mesh_partial_info *in = mesh_partial_info(p);
	struct mesh_avail_model *m = NULL;
	struct mesh_availability *a = NULL;
	struct mesh_avail_sums sums;
	enum mesh_error err;

	memset(&sums, 0, sizeof(sums));
	if (mesh_avail_model_new(plan, in->node_availability < 0 ?
	    MESH_AVAIL_DEFAULT : in->node_availability, &m) != MESH_OK)
		return;
	err = mesh_partial_avail_add(p, &sums, d);
	FUZZ_CHECK(err != MESH_EINPUT || d->errors > 0,
	    "a refused availability partial has an error");
	if (err == MESH_OK &&
	    mesh_availability_from_sums(m, in->seed, &sums, &a) == MESH_OK)
		check_json(mesh_availability_json(a, d), "the merged "
		    "availability JSON is valid");
	mesh_availability_free(a);
	mesh_avail_model_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_write("partial.json", data, size);
	struct mesh_partial *p = NULL;
	struct mesh_diags d;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_partial_load(path, &d, &p);
	FUZZ_CHECK((err == MESH_OK) == (p != NULL),
	    "a partial is returned exactly on MESH_OK");
	FUZZ_CHECK(err != MESH_EINPUT || d.errors > 0,
	    "a refused partial has an error");
	if (p != NULL) {
		(void)mesh_partials_check(&p, 1, &d);
		(void)mesh_partial_check_plan(p, plan, &d);
		if (mesh_partial_info(p)->command == MESH_PARTIAL_SWEEP)
			merge_sweep(p, &d);
		else
			merge_availability(p, &d);
	}
	mesh_partial_free(p);
	mesh_diags_clear(&d);
	free(path);
	return 0;
}
