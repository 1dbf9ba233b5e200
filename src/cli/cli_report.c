/* cli_report.c: `meshsim report`: the design-review report as one HTML file, or Markdown with the SVG picture beside it. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "meshsim/picture.h"
#include "meshsim/review.h"
#include "meshsim/suggest.h"

/* The availability estimate's trials and seed: those of `availability`
 * and `diff` (availability.h), so that all three give the same estimate. */
#define REPORT_TRIALS MESH_AVAIL_TRIALS_DEFAULT
#define REPORT_SEED MESH_AVAIL_SEED_DEFAULT

struct report_opts {
	struct cli_common c;
	int md;                 /* -1: by the output's name */
	const char *by;         /* --by: the failure-domain key; "zone" */
};

/* The latest SOURCE_DATE_EPOCH taken: 9999-12-31T23:59:59Z. */
#define REPORT_EPOCH_MAX 253402300799LL

/* Whether path ends in suffix. */
static int
ends_with(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);

	return n >= m && strcmp(path + n - m, suffix) == 0;
}

/* --format html|md and --by KEY, report's own: an own_option of
 * cli_parse_options() that sets them in *(struct report_opts *)ctx. */
static int
report_option(void *ctx, int c, char *arg)
{
	static const char *const formats[] = { "html", "md", "markdown",
		NULL };
	struct report_opts *o = ctx;
	int f;

	if (c == 'b')
		return cli_label_key(arg, &o->by);
	if (c != 'f')
		return 0;
	if ((f = cli_option_word("--format", arg, formats, "html or md")) < 0)
		return -1;
	o->md = f > 0;
	return 1;
}

/* The report's date: SOURCE_DATE_EPOCH when set (reproducible builds'
 * convention: seconds since 1970 UTC), else now. Sets *when and *fixed.
 * Returns 0, or CLI_EXIT_BAD after saying what is wrong. */
static int
report_date(long long *when, int *fixed)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	*fixed = 0;
	if (s == NULL || *s == '\0') {
		*when = (long long)time(NULL);
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *s == '-' ||
	    *s == '+' || v < 0 || v > REPORT_EPOCH_MAX) {
		cli_error("report: SOURCE_DATE_EPOCH='%s' is not a number of "
		    "seconds since 1970-01-01 UTC (0 to %lld); set it to one, "
		    "or unset it to date the report now", s,
		    REPORT_EPOCH_MAX);
		return CLI_EXIT_BAD;
	}
	*when = v;
	*fixed = 1;
	return 0;
}

/* Fill o from the command line, and load the plan it names into in,
 * which holds what the caller frees whatever is returned. Returns 0, or
 * CLI_EXIT_BAD after saying what is wrong. */
static int
read_args(int argc, char **argv, struct report_opts *o, struct cli_input *in)
{
	memset(o, 0, sizeof(*o));
	cli_input_init(in);
	o->md = -1;
	if (cli_parse_options(argc, argv, CLI_REPORT, &o->c,
	    report_option, o) != 0)
		return CLI_EXIT_BAD;
	if (o->md < 0)
		o->md = o->c.output != NULL && (ends_with(o->c.output, ".md") ||
		    ends_with(o->c.output, ".markdown"));
	return cli_input_load(in, &o->c, argc, argv);
}

/* FILE.md -> FILE.svg (any ending after the last dot of the base name
 * is replaced). Returns a string the caller frees, or NULL. */
static char *
svg_path(const char *out)
{
	const char *slash = strrchr(out, '/'), *dot = strrchr(out, '.');
	size_t n = dot != NULL && (slash == NULL || dot > slash) ?
	    (size_t)(dot - out) : strlen(out);
	char *s = malloc(n + sizeof(".svg"));

	if (s != NULL) {
		memcpy(s, out, n);
		strcpy(s + n, ".svg");
	}
	return s;
}

/* Whether any node has label key (or, for "host", any node). */
static int
has_label(const struct mesh_plan *plan, const char *key)
{
	size_t i;

	if (strcmp(key, "host") == 0)
		return plan->nnodes > 0;
	for (i = 0; i < plan->nnodes; i++)
		if (mesh_node_label(&plan->nodes[i], key) != NULL)
			return 1;
	return 0;
}

/* A sweep of k by key (NULL: nodes), run; NULL when it is too large
 * (*cost is then its work estimate, else 0) or fails (the report then
 * says it was not computed). */
static struct mesh_sweep *
run_sweep(const struct mesh_plan *plan, int k, const char *by, double *cost)
{
	struct mesh_sweep_options so;
	struct mesh_sweep *sw = NULL;

	memset(&so, 0, sizeof(so));
	so.k = k;
	so.by = by;
	so.model = MESH_SWEEP_GRAPH;
	so.jobs = 1;
	so.progress = cli_progress();
	*cost = 0;
	if (mesh_sweep_new(plan, &so, &sw) != MESH_OK)
		return NULL;
	if (sw->cost > MESH_SWEEP_BUDGET)
		*cost = sw->cost;
	if (sw->cost > MESH_SWEEP_BUDGET || mesh_sweep_run(sw) != MESH_OK) {
		mesh_sweep_free(sw);
		return NULL;
	}
	return sw;
}

/* The routes suggest proposes (target 2), as `meshsim suggest [--by BY]`
 * finds them (by: the failure domain key, or NULL for single nodes only);
 * the caller frees them with mesh_suggestion_free(). NULL with *why set
 * (static text, or in whybuf) when there are none to show, or with *err
 * set when suggest failed. */
static struct mesh_suggestion *
run_suggest(const struct mesh_plan *plan, const char *by, char *whybuf,
    size_t whylen, const char **why, enum mesh_error *err)
{
	struct mesh_suggest_options so;
	struct mesh_suggestion *s = NULL;
	size_t i;

	*why = NULL;
	*err = MESH_OK;
	for (i = 0; i < plan->nnodes; i++)
		if (plan->nodes[i].no_cluster) {
			snprintf(whybuf, whylen, "node '%s' does not join the "
			    "cluster (clustering: false), so no route can link "
			    "it; turn its clustering on, or leave it out of the "
			    "plan, and ask again.", plan->nodes[i].name);
			*why = whybuf;
			return NULL;
		}
	/* Any failure stops the report, as running out of memory does
	 * anywhere else: a report without its fix is not the report. */
	memset(&so, 0, sizeof(so));
	so.target = 2;
	so.by = by;
	if ((*err = mesh_suggest_with(plan, &so, &s)) != MESH_OK)
		return NULL;
	if (!s->verified && s->nroutes > 0) {
		*why = "the routes found do not remove every single point of "
		    "failure, so none is suggested.";
		mesh_suggestion_free(s);
		return NULL;
	}
	return s;
}

int
cli_report(int argc, char **argv)
{
	struct report_opts o;
	struct cli_input in;
	struct mesh_avail_options avo;
	struct mesh_review_parts parts;
	struct mesh_plan *plan;
	struct mesh_analysis *a = NULL;
	struct mesh_sweep *sw = NULL, *zones = NULL;
	struct mesh_availability *av = NULL;
	struct mesh_suggestion *fix = NULL;
	enum mesh_error err;
	char *text = NULL, *svg = NULL, *svgfile = NULL, why[512];
	const char *base, *by;
	int status;

	memset(&parts, 0, sizeof(parts));
	if ((status = read_args(argc, argv, &o, &in)) != 0 ||
	    (status = report_date(&parts.when, &parts.when_fixed)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	plan = in.plan;
	by = o.by != NULL ? o.by : "zone";
	parts.by = by;
	if ((err = mesh_analyze(plan, &in.analysis, &a)) != MESH_OK)
		goto fail;
	sw = run_sweep(plan, 2, NULL, &parts.sweep_cost);
	if (has_label(plan, by))
		zones = run_sweep(plan, 1, by, &parts.domains_cost);
	else if (o.by != NULL)
		cli_note("report: no node has the label '%s': the report shows "
		    "no failure domains (the labels are the plan's \"labels\" "
		    "of nodes, as zone or rack)", o.by);
	/* The fix respects the domains the picture shows. */
	fix = run_suggest(plan, zones != NULL ? by : NULL, why, sizeof(why),
	    &parts.fix_why, &err);
	if (err != MESH_OK)
		goto fail;
	parts.fix = fix;
	memset(&avo, 0, sizeof(avo));
	avo.node_availability = -1;
	avo.trials = REPORT_TRIALS;
	avo.seed = REPORT_SEED;
	avo.jobs = 1;
	avo.progress = cli_progress();
	/* Above the budget the report says "Not computed.", as it says of
	 * a sweep over its budget. */
	if (plan->nnodes > 0 &&
	    mesh_avail_cost(plan, REPORT_TRIALS) > MESH_AVAIL_BUDGET)
		parts.availability_cost = mesh_avail_cost(plan, REPORT_TRIALS);
	else if (plan->nnodes > 0 &&
	    (err = mesh_availability(plan, &avo, &av)) != MESH_OK)
		goto fail;
	parts.sweep = sw;
	parts.domains = zones;
	parts.availability = av;
	parts.progress = cli_progress();
	if (o.md && (o.c.output == NULL || strcmp(o.c.output, "-") == 0)) {
		/* To stdout: the picture is not written; it links
		 * topology.svg (`check --format svg` draws it). */
		if ((err = mesh_review_markdown(a, &in.diags, &parts,
		    &text)) != MESH_OK)
			goto fail;
	} else if (o.md) {
		if ((svgfile = svg_path(o.c.output)) == NULL) {
			err = MESH_ENOMEM;
			goto fail;
		}
		base = strrchr(svgfile, '/');
		parts.svg_name = base != NULL ? base + 1 : svgfile;
		if ((err = mesh_review_picture(a, &parts, &svg)) != MESH_OK ||
		    (err = mesh_review_markdown(a, &in.diags, &parts,
		    &text)) != MESH_OK)
			goto fail;
		if (cli_write_output(svgfile, svg, strlen(svg), o.c.plan) != 0)
			goto done;
	} else if ((err = mesh_review_html(a, &in.diags, &parts, &text)) !=
	    MESH_OK) {
		goto fail;
	}
	if (cli_write_output(o.c.output, text, strlen(text), o.c.plan) != 0)
		goto done;
	status = CLI_EXIT_OK;
	goto done;
fail:
	cli_error("%s: %s", o.c.plan, mesh_strerror(err));
done:
	free(text);
	free(svg);
	free(svgfile);
	free(o.c.downs.v);
	mesh_availability_free(av);
	mesh_suggestion_free(fix);
	mesh_sweep_free(sw);
	mesh_sweep_free(zones);
	mesh_analysis_free(a);
	cli_input_free(&in);
	return status;
}
