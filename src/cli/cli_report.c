/* cli_report.c: `meshsim report`: the design-review report as one HTML file, or Markdown with the SVG picture beside it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/picture.h"
#include "meshsim/review.h"

/* The availability estimate's trials and seed: those of `availability`
 * and `diff` (availability.h), so that all three give the same estimate. */
#define REPORT_TRIALS MESH_AVAIL_TRIALS_DEFAULT
#define REPORT_SEED MESH_AVAIL_SEED_DEFAULT

struct report_opts {
	struct cli_common c;
	int md;                 /* -1: by the output's name */
};

/* Whether path ends in suffix. */
static int
ends_with(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);

	return n >= m && strcmp(path + n - m, suffix) == 0;
}

/* --format html|md, report's own: an own_option of cli_parse_options()
 * that sets *(int *)md. */
static int
report_option(void *md, int c, char *arg)
{
	static const char *const formats[] = { "html", "md", "markdown",
		NULL };
	int f;

	if (c != 'f')
		return 0;
	if ((f = cli_option_word("--format", arg, formats, "html or md")) < 0)
		return -1;
	*(int *)md = f > 0;
	return 1;
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
	if (cli_parse_options(argc, argv, CLI_REPORT, "d:f:ho:q", &o->c,
	    report_option, &o->md) != 0)
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

/* Whether any node has a zone label. */
static int
has_zones(const struct mesh_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->nnodes; i++)
		if (mesh_node_label(&plan->nodes[i], "zone") != NULL)
			return 1;
	return 0;
}

/* A sweep of k by key (NULL: nodes), run; NULL when it is too large or
 * fails (the report then says it was not computed). */
static struct mesh_sweep *
run_sweep(const struct mesh_plan *plan, int k, const char *by)
{
	struct mesh_sweep_options so;
	struct mesh_sweep *sw = NULL;

	memset(&so, 0, sizeof(so));
	so.k = k;
	so.by = by;
	so.model = MESH_SWEEP_GRAPH;
	so.jobs = 1;
	so.progress = cli_progress();
	if (mesh_sweep_new(plan, &so, &sw) != MESH_OK)
		return NULL;
	if (sw->cost > MESH_SWEEP_BUDGET || mesh_sweep_run(sw) != MESH_OK) {
		mesh_sweep_free(sw);
		return NULL;
	}
	return sw;
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
	enum mesh_error err;
	char *text = NULL, *svg = NULL, *svgfile = NULL;
	const char *base;
	int status;

	memset(&parts, 0, sizeof(parts));
	if ((status = read_args(argc, argv, &o, &in)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	plan = in.plan;
	if ((err = mesh_analyze(plan, &in.analysis, &a)) != MESH_OK)
		goto fail;
	sw = run_sweep(plan, 2, NULL);
	if (has_zones(plan))
		zones = run_sweep(plan, 1, "zone");
	memset(&avo, 0, sizeof(avo));
	avo.node_availability = -1;
	avo.trials = REPORT_TRIALS;
	avo.seed = REPORT_SEED;
	avo.jobs = 1;
	avo.progress = cli_progress();
	/* Above the budget the report says "Not computed.", as it says of
	 * a sweep over its budget. */
	if (plan->nnodes > 0 &&
	    mesh_avail_cost(plan, REPORT_TRIALS) <= MESH_AVAIL_BUDGET &&
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
		if ((err = mesh_picture_svg(a, &svg)) != MESH_OK ||
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
	mesh_sweep_free(sw);
	mesh_sweep_free(zones);
	mesh_analysis_free(a);
	cli_input_free(&in);
	return status;
}
