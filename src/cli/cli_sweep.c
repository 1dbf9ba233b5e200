/* cli_sweep.c: `meshsim sweep`: every set of up to k nodes or failure domains failing together, and the minimal ones that split the plan. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/sweep.h"

/* At most this many minimal sets in the text. */
#define CUTS_MAX 50

struct sweep_opts {
	int k;
	const char *by;
	enum mesh_sweep_model model;
	int jobs;
	int force;
	int shard, shards;      /* --shard I/N; shards 0: none */
	struct cli_common c;
};

/* What the text report needs. */
struct sweep_report {
	const struct mesh_sweep *sw;
	const struct mesh_diags *diags;
};

/* An own_option of cli_parse_options(): sweep's options into o, a
 * struct sweep_opts. */
static int
sweep_option(void *ctx, int c, char *arg)
{
	static const char *const models[] = { "graph", "mesh", NULL };
	struct sweep_opts *o = ctx;
	uint64_t n;
	int mesh;

	switch (c) {
	case 'b':
		return cli_label_key(arg, &o->by);
	case CLI_OPT_FORCE:
		o->force = 1;
		return 1;
	case 'j':
		if (cli_option_count("-j", arg, 1, 512, &n) != 0)
			return -1;
		o->jobs = (int)n;
		return 1;
	case 'k':
		if (cli_option_count("--k", arg, 1, 1000000, &n) != 0)
			return -1;
		o->k = (int)n;
		return 1;
	case CLI_OPT_MODEL:
		if ((mesh = cli_option_word("--model", arg, models,
		    "graph or mesh")) < 0)
			return -1;
		o->model = mesh ? MESH_SWEEP_MESH : MESH_SWEEP_GRAPH;
		return 1;
	case CLI_OPT_SHARD:
		return cli_parse_shard(arg, &o->shard, &o->shards) == 0 ? 1 :
		    -1;
	}
	return 0;
}

/* Fill o from the command line, and load the plan it names into in,
 * which holds what the caller frees whatever is returned. Returns 0, or
 * CLI_EXIT_BAD after saying what is wrong. */
static int
read_args(int argc, char **argv, struct sweep_opts *o, struct cli_input *in)
{
	memset(o, 0, sizeof(*o));
	cli_input_init(in);
	o->k = 2;
	if (cli_parse_options(argc, argv, CLI_SWEEP, &o->c,
	    sweep_option, o) != 0)
		return CLI_EXIT_BAD;
	if (cli_shard_format(&o->c, o->shards) != 0)
		return CLI_EXIT_BAD;
	return cli_input_load(in, &o->c, argc, argv);
}

/* What a unit is called: node, host, or "zone domain". */
static void
unit_noun(FILE *out, const struct mesh_sweep *sw, size_t n)
{
	if (sw->by == NULL)
		fputs(cli_plural(n, "node", "nodes"), out);
	else if (strcmp(sw->by, "host") == 0)
		fputs(cli_plural(n, "host", "hosts"), out);
	else
		cli_printf(out, "%s %s", sw->by, cli_plural(n, "domain",
		    "domains"));
}

/* A set of units as {a, b}. */
static void
unit_set(FILE *out, const struct mesh_sweep *sw, const int *u, size_t n)
{
	size_t i;

	fputc('{', out);
	for (i = 0; i < n; i++)
		cli_printf(out, "%s%s", i ? ", " : "", sw->units->names[u[i]]);
	fputc('}', out);
}

/* The share of sets that hit nothing, as a percentage that reads 100%
 * only when none hits and 0% only when all do. */
static void
share(FILE *out, uint64_t tried, uint64_t hit)
{
	double pct;

	if (hit == 0)
		fputs("100%", out);
	else if (hit >= tried)
		fputs("0%", out);
	else if ((pct = 100.0 * (double)(tried - hit) / (double)tried) >=
	    99.95)
		fputs(">99.9%", out);
	else if (pct < 0.05)
		fputs("<0.1%", out);
	else
		cli_printf(out, "%.1f%%", pct);
}

/* The verdict line: does any set hit, and how many minimal ones. */
static void
verdict(FILE *out, const struct mesh_sweep *sw)
{
	int mesh = sw->model == MESH_SWEEP_MESH;
	const char *what = mesh ? "a surviving node" :
	    sw->connected ? "the plan" : "a group";

	fputs("verdict: ", out);
	if (sw->k == 0) {
		fputs("the plan has no nodes: nothing to sweep\n", out);
		return;
	}
	if (!sw->connected)
		cli_printf(out, "SPLIT already: %zu groups, swept one by one; ",
		    sw->ncomponents);
	if (sw->ncuts == 0) {
		if (sw->k == 1)
			fputs("no single ", out);
		else
			cli_printf(out, "no set of up to %d ", sw->k);
		unit_noun(out, sw, (size_t)sw->k);
		cli_printf(out, " %s %s\n", mesh ? "strands" : "splits", what);
		return;
	}
	cli_printf(out, "%zu minimal failure %s of %s%d ", sw->ncuts,
	    cli_plural(sw->ncuts, "set", "sets"), sw->k > 1 ? "up to " : "",
	    sw->k);
	unit_noun(out, sw, (size_t)sw->k);
	if (mesh)
		cli_printf(out, " %s surviving nodes (they could not rejoin if "
		    "they restarted)\n", cli_plural(sw->ncuts, "strands",
		    "strand"));
	else
		cli_printf(out, " %s %s\n", cli_plural(sw->ncuts, "splits",
		    "split"), what);
}

/* The units, when they are domains: each with its size. */
static void
units_line(FILE *out, const struct mesh_sweep *sw)
{
	const struct mesh_domains *d = sw->units;
	size_t i;

	cli_printf(out, "units: %zu ", d->n);
	unit_noun(out, sw, d->n);
	/* No list without a key, nor of no domains (a plan of no nodes). */
	if (sw->by == NULL || d->n == 0) {
		fputc('\n', out);
		return;
	}
	fputs(": ", out);
	for (i = 0; i < d->n && i < CLI_LIST_MAX; i++) {
		size_t n = d->start[i + 1] - d->start[i];

		cli_printf(out, "%s%s (%zu %s)", i ? ", " : "", d->names[i], n,
		    cli_plural(n, "node", "nodes"));
	}
	if (d->n > i)
		cli_printf(out, ", ... and %zu more", d->n - i);
	fputc('\n', out);
}

/* One line per set size: tried, hits, share, the worst set. */
static void
per_size(FILE *out, const struct mesh_sweep *sw)
{
	int mesh = sw->model == MESH_SWEEP_MESH, s;

	fputc('\n', out);
	for (s = 1; s <= sw->k; s++) {
		const struct mesh_sweep_size *z = &sw->sizes[s];

		cli_printf(out, "sets of %d ", s);
		unit_noun(out, sw, (size_t)s);
		cli_printf(out, ": %llu tried, %llu %s (", (unsigned long long)
		    z->tried, (unsigned long long)z->hit, mesh ?
		    cli_plural(z->hit, "strands", "strand") :
		    cli_plural(z->hit, "splits", "split"));
		share(out, z->tried, z->hit);
		fputs(mesh ? " strand no one)" : " stay connected)", out);
		if (z->worst > 0) {
			fputs("; worst: ", out);
			unit_set(out, sw, z->worst_units, (size_t)s);
			cli_printf(out, " %s %zu %s", mesh ? "strands" :
			    cli_plural((size_t)s, "cuts off", "cut off"),
			    z->worst, cli_plural(z->worst, "node", "nodes"));
			if (!sw->connected)
				cli_printf(out, " in group %zu",
				    z->worst_group + 1);
		}
		fputc('\n', out);
	}
}

/* The minimal sets, the first CUTS_MAX of them. */
static void
cuts(FILE *out, const struct mesh_sweep *sw)
{
	int mesh = sw->model == MESH_SWEEP_MESH;
	size_t i;

	if (sw->ncuts == 0)
		return;
	cli_printf(out, "\nminimal failure sets that %s (smallest first):\n",
	    mesh ? "strand surviving nodes" : sw->connected ?
	    "split the plan" : "split a group");
	for (i = 0; i < sw->ncuts && i < CUTS_MAX; i++) {
		const struct mesh_sweep_cut *c = &sw->cuts[i];

		fputs("  ", out);
		unit_set(out, sw, sw->set_units + c->first, c->size);
		if (mesh) {
			fputs(": strands ", out);
			cli_names(out, sw->plan, sw->stranded + c->sfirst,
			    c->effect, c->effect);
		} else {
			cli_printf(out, ": %s %zu %s", cli_plural(c->size,
			    "cuts off", "cut off"), c->effect,
			    cli_plural(c->effect, "node", "nodes"));
		}
		if (!sw->connected)
			cli_printf(out, " (group %zu)", c->group + 1);
		fputc('\n', out);
	}
	if (sw->ncuts > CUTS_MAX)
		cli_printf(out, "  ... and %zu more (--format json lists them "
		    "all)\n", sw->ncuts - CUTS_MAX);
}

/* The text report: verdict first, then notes, sizes, minimal sets and
 * the plan's warnings. */
static void
report_text(FILE *out, const struct mesh_sweep *sw,
    const struct mesh_diags *diags)
{
	const struct mesh_plan *p = sw->plan;
	size_t i;

	cli_printf(out, "plan: %s", p->name ? p->name : "(unnamed)");
	if (p->file != NULL)
		cli_printf(out, " (%s)", p->file);
	fputc('\n', out);
	verdict(out, sw);
	if (sw->k < sw->k_requested && sw->k > 0)
		cli_printf(out, "note: --k %d is more than the %zu %s of the "
		    "largest group: sets of up to %d\n", sw->k_requested,
		    sw->max_units, cli_plural(sw->max_units, "unit", "units"),
		    sw->k);
	if (!sw->by_found)
		cli_printf(out, "note: no node has the label '%s': each host "
		    "is a domain\n", sw->by);
	cli_printf(out, "model: %s; nodes: %zu, links: %zu; ",
	    mesh_sweep_model_name(sw->model), p->nnodes, p->nlinks);
	units_line(out, sw);
	cli_replication_note(out, p, "sweep");
	if (!sw->connected) {
		fputs("\ngroups, largest first:\n", out);
		for (i = 0; i < sw->ncomponents; i++) {
			size_t n = sw->comp_start[i + 1] - sw->comp_start[i];

			cli_printf(out, "  %zu. (%zu %s) ", i + 1, n,
			    cli_plural(n, "node", "nodes"));
			cli_names(out, p, sw->comp_nodes + sw->comp_start[i],
			    n, n);
			fputc('\n', out);
		}
	}
	if (sw->k > 0)
		per_size(out, sw);
	cuts(out, sw);

	cli_report_warnings(out, diags);
}

/* The text report, for cli_emit(). */
static int
text_report(FILE *out, const void *ctx)
{
	const struct sweep_report *r = ctx;

	report_text(out, r->sw, r->diags);
	return 0;
}

/* Whether any set hits, or the plan is split already. */
static int
found(const struct mesh_sweep *sw)
{
	int s;

	if (!sw->connected)
		return 1;
	for (s = 1; s <= sw->k; s++)
		if (sw->sizes[s].hit > 0)
			return 1;
	return 0;
}

int
cli_sweep_emit(const struct cli_common *o, const struct mesh_sweep *sw,
    const struct mesh_diags *diags)
{
	struct sweep_report r;

	r.sw = sw;
	r.diags = diags;
	if (cli_emit(o, o->json ? mesh_sweep_json(sw, diags) : NULL,
	    text_report, &r) != 0)
		return CLI_EXIT_BAD;
	return found(sw) ? CLI_EXIT_FOUND : CLI_EXIT_OK;
}

/* Write shard o->shard's partial of sw. Returns 0, or CLI_EXIT_BAD after
 * reporting. */
static int
emit_partial(const struct sweep_opts *o, const struct mesh_sweep *sw)
{
	struct mesh_partial_info in;

	memset(&in, 0, sizeof(in));
	in.command = MESH_PARTIAL_SWEEP;
	in.plan = o->c.plan;
	in.input_format = o->c.input_format;
	in.shard = o->shard;
	in.shards = o->shards;
	in.k = o->k;
	in.by = o->by;
	in.model = o->model;
	if (mesh_plan_fingerprint(sw->plan, in.fingerprint) != MESH_OK) {
		cli_error("out of memory");
		return CLI_EXIT_BAD;
	}
	return cli_write_string(o->c.output, mesh_sweep_partial_json(&in, sw),
	    o->c.plan);
}

int
cli_sweep(int argc, char **argv)
{
	struct sweep_opts o;
	struct mesh_sweep_options so;
	struct cli_input in;
	struct mesh_sweep *sw = NULL;
	enum mesh_error err;
	int status;

	if ((status = read_args(argc, argv, &o, &in)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	memset(&so, 0, sizeof(so));
	so.k = o.k;
	so.by = o.by;
	so.model = o.model;
	so.jobs = o.jobs;
	so.progress = cli_progress();
	so.shard = o.shard;
	so.shards = o.shards;
	if ((err = mesh_sweep_new(in.plan, &so, &sw)) != MESH_OK) {
		cli_error("%s: %s", o.c.plan, mesh_strerror(err));
		goto done;
	}
	if (sw->cost > MESH_SWEEP_BUDGET && !o.force) {
		cli_error("sweep: sets of up to %d %s would take about %.2g "
		    "node and link visits%s, over the budget of %.2g (about a "
		    "minute of one core); lower --k, sweep domains with --by, "
		    "%sor go ahead with --force", sw->k, sw->by == NULL ?
		    "nodes" : strcmp(sw->by, "host") == 0 ? "hosts" :
		    "domains", sw->cost, o.shards > 0 ? " for this shard" : "",
		    MESH_SWEEP_BUDGET, o.shards > 0 ? "use more shards, " :
		    "share the work with --shard, ");
		goto done;
	}
	if ((err = mesh_sweep_run(sw)) != MESH_OK) {
		cli_error("%s: %s", o.c.plan, mesh_strerror(err));
		goto done;
	}
	if (o.shards > 0)
		status = emit_partial(&o, sw);
	else
		status = cli_sweep_emit(&o.c, sw, &in.diags);
done:
	mesh_sweep_free(sw);
	cli_input_free(&in);
	return status;
}
