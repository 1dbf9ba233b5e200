/* cli_diff.c: `meshsim diff OLD NEW`: what changed between two plans, as text, JSON or Markdown; exit 1 when NEW is worse. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/diff.h"

enum diff_format {
	DIFF_TEXT,
	DIFF_JSON,
	DIFF_MARKDOWN
};

struct diff_opts {
	enum diff_format format;
	uint64_t trials;
	uint64_t seed;
	const char *old, *new;
	struct cli_common c;
};

/* An own_option of cli_parse_options(): diff's options into o, a
 * struct diff_opts. */
static int
diff_option(void *ctx, int c, char *arg)
{
	/* In the order of enum diff_format. */
	static const char *const formats[] = { "text", "json", "markdown",
		NULL };
	struct diff_opts *o = ctx;
	int f;

	switch (c) {
	case 'f':
		if ((f = cli_option_word("--format", arg, formats,
		    "text, json or markdown")) < 0)
			return -1;
		o->format = (enum diff_format)f;
		return 1;
	}
	return cli_monte_carlo_option(c, arg, &o->seed, &o->trials);
}

/* The options and the two plans into *o. Returns 0, or CLI_EXIT_BAD after
 * reporting. */
static int
parse_args(int argc, char **argv, struct diff_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->trials = MESH_AVAIL_TRIALS_DEFAULT;
	o->seed = MESH_AVAIL_SEED_DEFAULT;
	if (cli_parse_options(argc, argv, CLI_DIFF, &o->c,
	    diff_option, o) != 0)
		return CLI_EXIT_BAD;
	if (argc - optind != 2) {
		cli_error(argc - optind < 2 ? "diff needs two plans, OLD and "
		    "NEW" : "diff compares two plans, no more");
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	o->old = argv[optind];
	o->new = argv[optind + 1];
	o->c.plan = o->new;     /* cli_emit() never writes over it */
	if (cli_refuse_over(o->c.output, o->old,
	    "the report over the input file"))
		return CLI_EXIT_BAD;
	o->c.json = o->format == DIFF_JSON;
	return 0;
}

/* What the reports need. */
struct diff_report {
	const struct mesh_diff *d;
	const struct mesh_plan *old, *new;
	const struct mesh_diags *dold, *dnew;
};

static const char *
yes_no(bool b)
{
	return b ? "yes" : "no";
}

/* A connectivity, or "skipped". */
static void
put_conn(FILE *out, int c)
{
	if (c < 0)
		fputs("skipped", out);
	else
		cli_printf(out, "%d", c);
}

/* "plan NAME (FILE)" on one line after label. */
static void
plan_line(FILE *out, const char *label, const struct mesh_plan *p)
{
	cli_printf(out, "%s: %s", label, p->name ? p->name : "(unnamed)");
	if (p->file != NULL)
		cli_printf(out, " (%s)", p->file);
	fputc('\n', out);
}

/* A list with a heading, in the text report; nothing when empty. */
static void
text_list(FILE *out, const char *what, const struct mesh_diff_list *l)
{
	size_t i;

	if (l->n == 0)
		return;
	cli_printf(out, "%s (%zu):\n", what, l->n);
	for (i = 0; i < l->n; i++)
		cli_printf(out, "  %s\n", l->v[i]);
}

/* The warnings of one plan (which: "old" or "new"); nothing when none. */
static void
text_warnings(FILE *out, const char *which, const struct mesh_diags *d)
{
	size_t i, nwarn = 0;

	for (i = 0; i < d->n; i++)
		nwarn += d->v[i].severity != MESH_ERROR;
	if (nwarn == 0)
		return;
	cli_printf(out, "\n%s: %zu %s:\n", which, nwarn,
	    cli_plural(nwarn, "warning", "warnings"));
	for (i = 0; i < d->n; i++)
		if (d->v[i].severity != MESH_ERROR) {
			fputs("  ", out);
			cli_diag_to(out, &d->v[i]);
		}
}

/* The k=2 sweep rows, text. */
static void
text_sweep(FILE *out, const struct mesh_diff_side *o,
    const struct mesh_diff_side *n)
{
	int k;

	if ((o->sweep_k == 0 && o->nnodes > 0) ||
	    (n->sweep_k == 0 && n->nnodes > 0)) {
		fputs("sweep: skipped (over the work budget)\n", out);
		return;
	}
	for (k = 1; k <= MESH_DIFF_SWEEP_K; k++) {
		if (k > o->sweep_k && k > n->sweep_k)
			break;
		cli_printf(out, "sets of %d %s that split: %llu -> %llu "
		    "(minimal: %zu -> %zu)\n", k, cli_plural((size_t)k, "node",
		    "nodes"), (unsigned long long)o->sweep_splitting[k],
		    (unsigned long long)n->sweep_splitting[k],
		    o->sweep_minimal[k], n->sweep_minimal[k]);
	}
}

/* The text report, for cli_emit(); returns 0. */
static int
text_report(FILE *out, const void *ctx)
{
	const struct diff_report *r = ctx;
	const struct mesh_diff *d = r->d;
	const struct mesh_diff_side *o = &d->side[0], *n = &d->side[1];
	size_t i;

	plan_line(out, "old", r->old);
	plan_line(out, "new", r->new);
	cli_printf(out, "verdict: %s\n", mesh_diff_verdict_name(d->verdict));
	for (i = 0; i < d->worse_because.n; i++)
		cli_printf(out, "  worse: %s\n", d->worse_because.v[i]);
	for (i = 0; i < d->better_because.n; i++)
		cli_printf(out, "  better: %s\n", d->better_because.v[i]);
	fputc('\n', out);
	cli_printf(out, "nodes: %zu -> %zu, links: %zu -> %zu, routes: %zu -> "
	    "%zu\n", o->nnodes, n->nnodes, o->nlinks, n->nlinks, o->nroutes,
	    n->nroutes);
	cli_printf(out, "connected: %s -> %s (groups: %zu -> %zu)\n",
	    yes_no(o->connected), yes_no(n->connected), o->ncomponents,
	    n->ncomponents);
	cli_printf(out, "single points of failure: %zu -> %zu, bridges: %zu -> "
	    "%zu\n", o->narticulation, n->narticulation, o->nbridges,
	    n->nbridges);
	fputs("vertex connectivity: ", out);
	put_conn(out, o->vertex_connectivity);
	fputs(" -> ", out);
	put_conn(out, n->vertex_connectivity);
	fputs("\nedge connectivity: ", out);
	put_conn(out, o->edge_connectivity);
	fputs(" -> ", out);
	put_conn(out, n->edge_connectivity);
	fputc('\n', out);
	text_sweep(out, o, n);
	cli_printf(out, "P(all up nodes connected): %.6f -> %.6f (%+.6f; "
	    "%llu trials, seed %llu, node availability %.12g)\n",
	    o->availability, n->availability, n->availability -
	    o->availability, (unsigned long long)d->trials,
	    (unsigned long long)d->seed, d->node_availability);
	if (o->has_exact && n->has_exact)
		cli_printf(out, "  exact: %.9f -> %.9f (%+.9f)\n",
		    o->availability_exact, n->availability_exact,
		    n->availability_exact - o->availability_exact);
	else
		cli_printf(out, "  exact: not computed above %d nodes\n",
		    MESH_AVAIL_EXACT_MAX);

	if (d->verdict != MESH_DIFF_SAME)
		fputc('\n', out);
	text_list(out, "nodes added", &d->nodes_added);
	text_list(out, "nodes removed", &d->nodes_removed);
	text_list(out, "routes added", &d->routes_added);
	text_list(out, "routes removed", &d->routes_removed);
	text_list(out, "links added", &d->links_added);
	text_list(out, "links removed", &d->links_removed);
	text_list(out, "single points of failure introduced",
	    &d->articulation_introduced);
	text_list(out, "single points of failure removed",
	    &d->articulation_removed);
	text_list(out, "bridges introduced", &d->bridges_introduced);
	text_list(out, "bridges removed", &d->bridges_removed);
	text_warnings(out, "old", r->dold);
	text_warnings(out, "new", r->dnew);
	return 0;
}

/* s as Markdown code in a table cell: backticks, pipes escaped, control
 * characters as the text report shows them (cli_printf()). */
static void
md_code(FILE *out, const char *s)
{
	const char *fence = strchr(s, '`') ? "`` " : "`";
	size_t n;

	fputs(fence, out);
	for (;;) {
		n = strcspn(s, "|");
		cli_printf(out, "%.*s", (int)n, s);
		if (s[n] == '\0')
			break;
		fputs("\\|", out);
		s += n + 1;
	}
	fputs(fence[1] == '`' ? " ``" : "`", out);
}

/* A row of the changes table; nothing when the list is empty. */
static void
md_list(FILE *out, const char *what, const struct mesh_diff_list *l)
{
	size_t i;

	if (l->n == 0)
		return;
	cli_printf(out, "| %s | ", what);
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			fputs(", ", out);
		md_code(out, l->v[i]);
	}
	fputs(" |\n", out);
}

static void
md_conn(FILE *out, const char *what, int a, int b)
{
	cli_printf(out, "| %s | ", what);
	put_conn(out, a);
	fputs(" | ", out);
	put_conn(out, b);
	fputs(" |\n", out);
}

static void
md_diags(FILE *out, const char *which, const struct mesh_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].severity != MESH_ERROR) {
			cli_printf(out, "- %s: ", which);
			md_code(out, d->v[i].code);
			cli_printf(out, " %s\n", d->v[i].message);
		}
}

/* The Markdown report, for cli_emit(); returns 0. */
static int
markdown_report(FILE *out, const void *ctx)
{
	const struct diff_report *r = ctx;
	const struct mesh_diff *d = r->d;
	const struct mesh_diff_side *o = &d->side[0], *n = &d->side[1];
	size_t i, nchanges;
	int k;

	cli_printf(out, "### meshsim diff: **%s**\n\n",
	    mesh_diff_verdict_name(d->verdict));
	md_code(out, r->old->file ? r->old->file : "(old)");
	fputs(" → ", out);
	md_code(out, r->new->file ? r->new->file : "(new)");
	fputs("\n\n", out);
	for (i = 0; i < d->worse_because.n; i++)
		cli_printf(out, "- :x: worse: %s\n", d->worse_because.v[i]);
	for (i = 0; i < d->better_because.n; i++)
		cli_printf(out, "- :white_check_mark: better: %s\n",
		    d->better_because.v[i]);
	if (d->worse_because.n + d->better_because.n > 0)
		fputc('\n', out);
	fputs("| | old | new |\n| --- | ---: | ---: |\n", out);
	cli_printf(out, "| nodes | %zu | %zu |\n", o->nnodes, n->nnodes);
	cli_printf(out, "| links | %zu | %zu |\n", o->nlinks, n->nlinks);
	cli_printf(out, "| routes | %zu | %zu |\n", o->nroutes, n->nroutes);
	cli_printf(out, "| connected | %s | %s |\n", yes_no(o->connected),
	    yes_no(n->connected));
	cli_printf(out, "| groups | %zu | %zu |\n", o->ncomponents,
	    n->ncomponents);
	cli_printf(out, "| single points of failure | %zu | %zu |\n",
	    o->narticulation, n->narticulation);
	cli_printf(out, "| bridges | %zu | %zu |\n", o->nbridges, n->nbridges);
	md_conn(out, "vertex connectivity", o->vertex_connectivity,
	    n->vertex_connectivity);
	md_conn(out, "edge connectivity", o->edge_connectivity,
	    n->edge_connectivity);
	for (k = 1; k <= MESH_DIFF_SWEEP_K; k++) {
		if (k > o->sweep_k && k > n->sweep_k)
			break;
		cli_printf(out, "| sets of %d %s that split (minimal) | %llu "
		    "(%zu) | %llu (%zu) |\n", k, cli_plural((size_t)k, "node",
		    "nodes"), (unsigned long long)o->sweep_splitting[k],
		    o->sweep_minimal[k],
		    (unsigned long long)n->sweep_splitting[k],
		    n->sweep_minimal[k]);
	}
	cli_printf(out, "| P(all up nodes connected), %llu trials | %.6f | "
	    "%.6f |\n", (unsigned long long)d->trials, o->availability,
	    n->availability);
	if (o->has_exact && n->has_exact)
		cli_printf(out, "| P(all up nodes connected), exact | %.9f | "
		    "%.9f |\n", o->availability_exact, n->availability_exact);

	nchanges = d->nodes_added.n + d->nodes_removed.n +
	    d->routes_added.n + d->routes_removed.n + d->links_added.n +
	    d->links_removed.n + d->articulation_introduced.n +
	    d->articulation_removed.n + d->bridges_introduced.n +
	    d->bridges_removed.n;
	if (nchanges > 0) {
		fputs("\n| change | items |\n| --- | --- |\n", out);
		md_list(out, "nodes added", &d->nodes_added);
		md_list(out, "nodes removed", &d->nodes_removed);
		md_list(out, "routes added", &d->routes_added);
		md_list(out, "routes removed", &d->routes_removed);
		md_list(out, "links added", &d->links_added);
		md_list(out, "links removed", &d->links_removed);
		md_list(out, "single points of failure introduced",
		    &d->articulation_introduced);
		md_list(out, "single points of failure removed",
		    &d->articulation_removed);
		md_list(out, "bridges introduced", &d->bridges_introduced);
		md_list(out, "bridges removed", &d->bridges_removed);
	}
	cli_printf(out, "\nAvailability: node availability %.12g, seed %llu; "
	    "the estimate never decides the verdict.\n", d->node_availability,
	    (unsigned long long)d->seed);
	if (r->dold->n + r->dnew->n > 0) {
		fputs("\nWarnings:\n\n", out);
		md_diags(out, "old", r->dold);
		md_diags(out, "new", r->dnew);
	}
	return 0;
}

int
cli_diff(int argc, char **argv)
{
	struct diff_opts o;
	struct mesh_diff_options dopts;
	struct mesh_diags dold, dnew;
	struct mesh_plan *old = NULL, *new = NULL;
	struct mesh_diff *d = NULL;
	struct diff_report r;
	enum mesh_error err;
	int status;

	mesh_diags_init(&dold);
	mesh_diags_init(&dnew);
	if ((status = parse_args(argc, argv, &o)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (cli_load_plan(o.old, o.c.input_format, &dold, &old) != 0 ||
	    cli_load_plan(o.new, o.c.input_format, &dnew, &new) != 0)
		goto done;
	memset(&dopts, 0, sizeof(dopts));
	dopts.trials = o.trials;
	dopts.seed = o.seed;
	dopts.node_availability = -1;
	dopts.progress = cli_progress();
	if ((err = mesh_diff(old, new, &dopts, &d)) != MESH_OK) {
		cli_error("diff: %s", mesh_strerror(err));
		goto done;
	}
	r.d = d;
	r.old = old;
	r.new = new;
	r.dold = &dold;
	r.dnew = &dnew;
	if (cli_emit(&o.c, o.format == DIFF_JSON ? mesh_diff_json(d, old, new,
	    &dold, &dnew) : NULL, o.format == DIFF_MARKDOWN ?
	    markdown_report : text_report, &r) != 0)
		goto done;
	status = d->verdict == MESH_DIFF_WORSE ? CLI_EXIT_FOUND : CLI_EXIT_OK;
done:
	mesh_diff_free(d);
	mesh_plan_free(new);
	mesh_plan_free(old);
	mesh_diags_clear(&dnew);
	mesh_diags_clear(&dold);
	return status;
}
