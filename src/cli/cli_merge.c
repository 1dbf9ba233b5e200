/* cli_merge.c: `meshsim merge`: put the partial results of a sharded sweep or availability run together into the report of the whole run. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/shard.h"

/* The sweep the partials make up, reported as o asks. Returns the
 * exit status of `meshsim sweep`. */
static int
merge_sweep(const struct cli_common *o, struct mesh_partial *const *parts,
    size_t n, const struct mesh_plan *plan, const struct mesh_diags *diags,
    struct mesh_diags *pdiags)
{
	const struct mesh_partial_info *in = mesh_partial_info(parts[0]);
	struct mesh_sweep_options so;
	struct mesh_sweep *sw = NULL;
	enum mesh_error err;
	size_t i;
	int status = CLI_EXIT_BAD, bad = 0;

	memset(&so, 0, sizeof(so));
	so.k = in->k;
	so.by = in->by;
	so.model = in->model;
	so.jobs = 1;
	if ((err = mesh_sweep_new(plan, &so, &sw)) != MESH_OK ||
	    (err = mesh_sweep_merge_begin(sw)) != MESH_OK) {
		cli_error("%s: %s", in->plan, mesh_strerror(err));
		goto done;
	}
	for (i = 0; i < n; i++) {
		err = mesh_partial_sweep_add(parts[i], sw, pdiags);
		if (err == MESH_ENOMEM) {
			cli_error("out of memory");
			goto done;
		}
		bad |= err != MESH_OK;
	}
	if (!bad && (err = mesh_sweep_merge_end(sw, pdiags)) != MESH_OK) {
		if (err != MESH_EINPUT) {
			cli_error("%s", mesh_strerror(err));
			goto done;
		}
		bad = 1;
	}
	if (bad) {
		cli_diags(pdiags, MESH_NOTE);
		goto done;
	}
	status = cli_sweep_emit(o, sw, diags);
done:
	mesh_sweep_free(sw);
	return status;
}

/* The availability run the partials make up, reported as o asks.
 * Returns the exit status of `meshsim availability`. */
static int
merge_availability(const struct cli_common *o,
    struct mesh_partial *const *parts, size_t n, const struct mesh_plan *plan,
    const struct mesh_diags *diags, struct mesh_diags *pdiags)
{
	const struct mesh_partial_info *in = mesh_partial_info(parts[0]);
	struct mesh_avail_model *m = NULL;
	struct mesh_availability *a = NULL;
	struct mesh_avail_sums sums;
	enum mesh_error err;
	size_t i;
	int status = CLI_EXIT_BAD, bad = 0;

	memset(&sums, 0, sizeof(sums));
	if ((err = mesh_avail_model_new(plan, in->node_availability < 0 ?
	    MESH_AVAIL_DEFAULT : in->node_availability, &m)) != MESH_OK) {
		cli_error("%s: %s", in->plan, mesh_strerror(err));
		goto done;
	}
	for (i = 0; i < n; i++)
		bad |= mesh_partial_avail_add(parts[i], &sums, pdiags) !=
		    MESH_OK;
	if (bad) {
		cli_diags(pdiags, MESH_NOTE);
		goto done;
	}
	if ((err = mesh_availability_from_sums(m, in->seed, &sums,
	    &a)) != MESH_OK) {
		cli_error("%s: %s", in->plan, mesh_strerror(err));
		goto done;
	}
	status = cli_availability_emit(o, a, diags, in->node_availability >= 0,
	    in->fail_below);
done:
	mesh_availability_free(a);
	mesh_avail_model_free(m);
	return status;
}

int
cli_merge(int argc, char **argv)
{
	struct cli_common o;
	struct mesh_diags diags, pdiags;
	struct mesh_partial **parts = NULL;
	struct mesh_plan *plan = NULL;
	const struct mesh_partial_info *in;
	enum mesh_error err;
	size_t n = 0, i;
	int status, bad = 0;

	memset(&o, 0, sizeof(o));
	mesh_diags_init(&diags);
	mesh_diags_init(&pdiags);
	if ((status = cli_parse_options(argc, argv, CLI_MERGE, &o,
	    NULL, NULL)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (optind == argc) {
		cli_error("no partial given: merge takes the partials of every "
		    "shard of one run");
		cli_usage(stderr);
		goto done;
	}
	n = (size_t)(argc - optind);
	if ((parts = calloc(n, sizeof(*parts))) == NULL) {
		cli_error("out of memory");
		goto done;
	}
	/* Every partial is read, so that every problem is reported. */
	for (i = 0; i < n; i++) {
		err = mesh_partial_load(argv[optind + (int)i], &pdiags,
		    &parts[i]);
		if (err == MESH_ENOMEM) {
			cli_diags(&pdiags, MESH_NOTE);
			cli_error("out of memory");
			goto done;
		}
		bad |= err != MESH_OK;
	}
	if (bad || mesh_partials_check(parts, n, &pdiags) != MESH_OK) {
		cli_diags(&pdiags, MESH_NOTE);
		goto done;
	}
	in = mesh_partial_info(parts[0]);
	for (i = 0; i < n; i++)
		if (cli_refuse_over(o.output, mesh_partial_file(parts[i]),
		    "the report over a partial"))
			goto done;
	/* The plan as the shards read it; cli_emit() will not write over
	 * it. */
	o.plan = in->plan;
	if (cli_load_plan(in->plan, in->input_format, &diags, &plan) != 0) {
		cli_error("%s: the partials are of the plan %s, read as the "
		    "shards read it (from where merge runs)",
		    mesh_partial_file(parts[0]), in->plan);
		goto done;
	}
	if (mesh_partial_check_plan(parts[0], plan, &pdiags) != MESH_OK) {
		cli_diags(&pdiags, MESH_NOTE);
		goto done;
	}
	if (in->command == MESH_PARTIAL_SWEEP)
		status = merge_sweep(&o, parts, n, plan, &diags, &pdiags);
	else
		status = merge_availability(&o, parts, n, plan, &diags,
		    &pdiags);
done:
	for (i = 0; parts != NULL && i < n; i++)
		mesh_partial_free(parts[i]);
	free(parts);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	mesh_diags_clear(&pdiags);
	return status;
}
