/* cli_availability.c: `meshsim availability`: estimate how likely the up nodes are all connected, and report. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/availability.h"

#define JOBS_MAX 1024

struct avail_opts {
	double node_availability;       /* -1: not given */
	double fail_below;              /* -1: not given */
	uint64_t trials;
	uint64_t seed;
	unsigned jobs;
	int force;                      /* run even above the budget */
	int shard, shards;      /* --shard I/N; shards 0: none */
	struct cli_common c;
};

/* A probability 0-1, whole string. Returns 0, or -1 after reporting. */
static int
parse_probability(const char *opt, const char *s, double *out)
{
	char *end;
	double p;

	errno = 0;
	p = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(p >= 0 && p <= 1)) {
		cli_error("%s: '%s' is not a probability from 0 to 1", opt, s);
		return -1;
	}
	*out = p;
	return 0;
}

/* An own_option of cli_parse_options(): availability's options into o,
 * a struct avail_opts. */
static int
avail_option(void *ctx, int c, char *arg)
{
	struct avail_opts *o = ctx;
	uint64_t n;

	switch (c) {
	case CLI_OPT_FAIL_BELOW:
		return parse_probability("--fail-below", arg,
		    &o->fail_below) == 0 ? 1 : -1;
	case CLI_OPT_FORCE:
		o->force = 1;
		return 1;
	case 'j':
		if (cli_option_count("-j", arg, 1, JOBS_MAX, &n) != 0)
			return -1;
		o->jobs = (unsigned)n;
		return 1;
	case CLI_OPT_NODE_AVAILABILITY:
		return parse_probability("--node-availability", arg,
		    &o->node_availability) == 0 ? 1 : -1;
	case CLI_OPT_SHARD:
		return cli_parse_shard(arg, &o->shard, &o->shards) == 0 ? 1 :
		    -1;
	}
	return cli_monte_carlo_option(c, arg, &o->seed, &o->trials);
}

/* Fill o from the command line, and load the plan it names into in,
 * which holds what the caller frees whatever is returned. Returns 0, or
 * CLI_EXIT_BAD after saying what is wrong. */
static int
read_args(int argc, char **argv, struct avail_opts *o, struct cli_input *in)
{
	memset(o, 0, sizeof(*o));
	cli_input_init(in);
	o->node_availability = -1;
	o->fail_below = -1;
	o->trials = MESH_AVAIL_TRIALS_DEFAULT;
	o->seed = MESH_AVAIL_SEED_DEFAULT;
	if (cli_parse_options(argc, argv, CLI_AVAILABILITY, &o->c,
	    avail_option, o) != 0)
		return CLI_EXIT_BAD;
	if (o->jobs == 0)
		o->jobs = cli_default_jobs(JOBS_MAX);
	if (cli_shard_format(&o->c, o->shards) != 0)
		return CLI_EXIT_BAD;
	return cli_input_load(in, &o->c, argc, argv);
}

/* n with a comma between groups of three digits, into buf. */
static const char *
grouped(uint64_t n, char buf[32])
{
	char digits[24];
	int len = snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)n), i, k = 0;

	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

/*
 * Decimals that show at least three significant digits of q (a count, or
 * a probability's distance from 0 or 1): 6, or more for small q, up to 15.
 */
static int
decimals(double q)
{
	double lim = 1e-4;
	int d = 6;

	while (d < 15 && q > 0 && q < lim) {
		d++;
		lim /= 10;
	}
	return d;
}

/* A mean count: 0 as such, else with decimals(x) decimals. */
static void
put_mean(FILE *out, double x)
{
	if (x == 0)
		fputc('0', out);
	else
		cli_printf(out, "%.*f", decimals(x), x);
}

/* The distance of probability x from the nearer of 0 and 1. */
static double
margin(double x)
{
	return fmin(x, 1 - x);
}

static void
availability_line(FILE *out, const struct mesh_availability *a,
    int from_option)
{
	const char *how = from_option ? "--node-availability" : "the default";
	size_t own = a->nnodes - a->nusing_default;

	fputs("node availability: ", out);
	if (a->nnodes == 0) {
		fputs("no nodes\n", out);
		return;
	}
	if (own == 0) {
		cli_printf(out, "%.12g for every node (%s)\n",
		    a->default_availability, how);
		return;
	}
	if (a->nusing_default > 0)
		cli_printf(out, "%.12g (%s) for %zu %s; ",
		    a->default_availability, how, a->nusing_default,
		    cli_plural(a->nusing_default, "node", "nodes"));
	fputs("set in the plan for ", out);
	if (a->nusing_default == 0)
		fputs("every node", out);
	else
		cli_printf(out, "%zu", own);
	if (a->min_own == a->max_own)
		cli_printf(out, " (%.12g)\n", a->min_own);
	else
		cli_printf(out, " (%.12g to %.12g)\n", a->min_own, a->max_own);
}

static void
report_text(FILE *out, const struct mesh_availability *a,
    const struct mesh_diags *diags, int from_option)
{
	const struct mesh_plan *p = a->plan;
	char b1[32], b2[32];
	int d;
	uint64_t nb = mesh_avail_nblocks(a->trials);

	cli_printf(out, "plan: %s", p->name ? p->name : "(unnamed)");
	if (p->file != NULL)
		cli_printf(out, " (%s)", p->file);
	fputc('\n', out);
	/* One precision for the three, enough for each. */
	d = decimals(margin(a->probability_connected));
	if (decimals(margin(a->ci95_low)) > d)
		d = decimals(margin(a->ci95_low));
	if (decimals(margin(a->ci95_high)) > d)
		d = decimals(margin(a->ci95_high));
	cli_printf(out, "P(all up nodes connected) = %.*f (95%% CI %.*f-%.*f) "
	    "over %s %s\n", d, a->probability_connected, d, a->ci95_low, d,
	    a->ci95_high, grouped(a->trials, b1), cli_plural(a->trials, "trial",
	    "trials"));
	fputs("expected up nodes cut off from the largest group: ", out);
	put_mean(out, a->expected_cut_off);
	if (a->sums.cut_off == 0) {
		fputs(" (none in any trial)", out);
	} else if (a->expected_cut_off_stderr >= 0) {
		fputs(" (standard error ", out);
		put_mean(out, a->expected_cut_off_stderr);
		fputc(')', out);
	}
	fputc('\n', out);
	cli_printf(out, "P(whole: every node up, all connected) = %.*f\n",
	    decimals(margin(a->probability_whole)), a->probability_whole);
	if (!a->plan_connected)
		fputs("the plan is split even with every node up (see "
		    "meshsim check)\n", out);
	if (a->has_exact) {
		const struct mesh_avail_exact *e = &a->exact;
		uint64_t nstates = UINT64_C(1) << a->nnodes;

		cli_printf(out, "exact, over all %s up/down %s of %zu %s:\n",
		    grouped(nstates, b1), cli_plural(nstates, "state", "states"),
		    a->nnodes, cli_plural(a->nnodes, "node", "nodes"));
		cli_printf(out, "  P(all up nodes connected) = %.*f\n",
		    decimals(margin(e->probability_connected)),
		    e->probability_connected);
		fputs("  expected up nodes cut off = ", out);
		put_mean(out, e->expected_cut_off);
		fputc('\n', out);
		cli_printf(out, "  P(whole) = %.*f\n",
		    decimals(margin(e->probability_whole)),
		    e->probability_whole);
	} else {
		cli_printf(out, "exact: not computed above %d nodes\n",
		    MESH_AVAIL_EXACT_MAX);
	}
	availability_line(out, a, from_option);
	cli_printf(out, "trials: %s in %llu %s of %s; seed %llu; generator "
	    "%s\n", grouped(a->trials, b1), (unsigned long long)nb,
	    cli_plural(nb, "block", "blocks"), grouped(MESH_AVAIL_BLOCK, b2),
	    (unsigned long long)a->seed, MESH_AVAIL_GENERATOR);
	cli_replication_note(out, a->plan, "availability");

	cli_report_warnings(out, diags);
}

/* What the text report needs. */
struct avail_report {
	const struct mesh_availability *a;
	const struct mesh_diags *diags;
	int from_option;        /* --node-availability was given */
};

/* The text report, for cli_emit(). */
static int
text_report(FILE *out, const void *ctx)
{
	const struct avail_report *r = ctx;

	report_text(out, r->a, r->diags, r->from_option);
	return 0;
}

/* Whether trials on plan would cost more than the budget; if so, say so
 * and how to go on. */
static int
over_budget(const struct mesh_plan *plan, uint64_t trials)
{
	double cost = mesh_avail_cost(plan, trials);
	double per = mesh_avail_cost(plan, 1);
	char b1[32], b2[32], b3[32], b4[32];

	if (cost <= MESH_AVAIL_BUDGET)
		return 0;
	cli_error("availability: %s trials on %s nodes and %s links would "
	    "take about %.2g node and link visits, over the budget of %.2g "
	    "(about a minute of one core); lower --trials (%s fit), or go "
	    "ahead with --force", grouped(trials, b1),
	    grouped(plan->nnodes, b2), grouped(plan->nlinks, b3), cost,
	    MESH_AVAIL_BUDGET, grouped((uint64_t)(MESH_AVAIL_BUDGET / per),
	    b4));
	return 1;
}

int
cli_availability_emit(const struct cli_common *o,
    const struct mesh_availability *a, const struct mesh_diags *diags,
    int from_option, double fail_below)
{
	struct avail_report r;

	r.a = a;
	r.diags = diags;
	r.from_option = from_option;
	if (cli_emit(o, o->json ? mesh_availability_json(a, diags) : NULL,
	    text_report, &r) != 0)
		return CLI_EXIT_BAD;
	return a->probability_connected < fail_below ? CLI_EXIT_FOUND :
	    CLI_EXIT_OK;
}

/* Run shard o->shard of o->shards, the blocks b = shard - 1 (mod
 * shards), and write its partial. Returns 0, or CLI_EXIT_BAD after
 * reporting. */
static int
run_shard(const struct avail_opts *o, const struct mesh_plan *plan)
{
	struct mesh_avail_model *m = NULL;
	struct mesh_partial_info in;
	struct mesh_avail_sums sums;
	enum mesh_error err;

	memset(&in, 0, sizeof(in));
	memset(&sums, 0, sizeof(sums));
	in.command = MESH_PARTIAL_AVAILABILITY;
	in.plan = o->c.plan;
	in.input_format = o->c.input_format;
	in.shard = o->shard;
	in.shards = o->shards;
	in.node_availability = o->node_availability;
	in.fail_below = o->fail_below;
	in.trials = o->trials;
	in.seed = o->seed;
	if ((err = mesh_plan_fingerprint(plan, in.fingerprint)) != MESH_OK ||
	    (err = mesh_avail_model_new(plan, o->node_availability < 0 ?
	    MESH_AVAIL_DEFAULT : o->node_availability, &m)) != MESH_OK ||
	    (err = mesh_avail_run_progress(m, o->seed, o->trials,
	    (uint64_t)o->shard - 1, (uint64_t)o->shards, o->jobs,
	    cli_progress(), &sums)) != MESH_OK) {
		cli_error("%s: %s", o->c.plan, mesh_strerror(err));
		mesh_avail_model_free(m);
		return CLI_EXIT_BAD;
	}
	mesh_avail_model_free(m);
	return cli_write_string(o->c.output, mesh_avail_partial_json(&in,
	    &sums), o->c.plan);
}

int
cli_availability(int argc, char **argv)
{
	struct avail_opts o;
	struct mesh_avail_options aopts;
	struct cli_input in;
	struct mesh_availability *a = NULL;
	enum mesh_error err;
	int status;

	if ((status = read_args(argc, argv, &o, &in)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (over_budget(in.plan, o.trials) && !o.force)
		goto done;
	if (o.shards > 0) {
		status = run_shard(&o, in.plan);
		goto done;
	}
	memset(&aopts, 0, sizeof(aopts));
	aopts.node_availability = o.node_availability;
	aopts.trials = o.trials;
	aopts.seed = o.seed;
	aopts.jobs = o.jobs;
	aopts.progress = cli_progress();
	if ((err = mesh_availability(in.plan, &aopts, &a)) != MESH_OK) {
		cli_error("%s: %s", o.c.plan, mesh_strerror(err));
		goto done;
	}
	status = cli_availability_emit(&o.c, a, &in.diags,
	    o.node_availability >= 0, o.fail_below);
done:
	mesh_availability_free(a);
	cli_input_free(&in);
	return status;
}
