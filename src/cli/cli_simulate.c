/* cli_simulate.c: `meshsim simulate`: run a plan's timeline on the live mesh and its what-if runs, report, and check what they expect. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/ci.h"
#include "meshsim/mesh.h"

/* "none", or the names. */
static void
names_or_none(FILE *out, const struct mesh_plan *p, const int *v, size_t n)
{
	if (n == 0)
		fputs("none", out);
	else
		cli_names(out, p, v, n, n);
}

/* [a, b], as an expectation writes a list. */
static void
bracketed(FILE *out, const struct mesh_plan *p, const int *v, size_t n)
{
	fputc('[', out);
	cli_names(out, p, v, n, n);
	fputc(']', out);
}

/* Up to CLI_LIST_MAX pairs a -- b, then how many more. */
static void
pairs(FILE *out, const struct mesh_plan *p, const int *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < CLI_LIST_MAX; i++)
		cli_printf(out, "%s%s -- %s", i ? ", " : "",
		    p->nodes[v[2 * i]].name, p->nodes[v[2 * i + 1]].name);
	if (n > i)
		cli_printf(out, ", ... and %zu more", n - i);
}

/* An event and its nodes: "restart node2", "cut node1 -- node2". */
static void
event(FILE *out, const struct mesh_plan *p, const struct mesh_step *st)
{
	cli_printf(out, "%s ", mesh_event_name(st->event));
	if (st->event == MESH_EVENT_CUT || st->event == MESH_EVENT_HEAL)
		pairs(out, p, st->nodes, 1);
	else
		cli_names(out, p, st->nodes, st->nnodes, st->nnodes);
}

/* What an expectation checks: "connected true, isolated [node2]". */
static void
expect_desc(FILE *out, const struct mesh_plan *p, const struct mesh_expect *e)
{
	const char *sep = "";

	if (e->has_connected) {
		cli_printf(out, "connected %s", e->connected ? "true" :
		    "false");
		sep = ", ";
	}
	if (e->has_isolated) {
		cli_printf(out, "%sisolated ", sep);
		bracketed(out, p, e->isolated, e->nisolated);
		sep = ", ";
	}
	if (e->has_cut_off) {
		cli_printf(out, "%scut_off ", sep);
		bracketed(out, p, e->cut_off, e->ncut_off);
	}
}

/* One line after prefix and label: "expected WHAT [want], got [got]". */
static void
expected_got(FILE *out, const struct mesh_plan *p, const char *prefix,
    const char *label, const char *what, const int *want, size_t nwant,
    const int *got, size_t ngot)
{
	cli_printf(out, "%s%sexpected %s ", prefix, label, what);
	bracketed(out, p, want, nwant);
	fputs(", got ", out);
	bracketed(out, p, got, ngot);
	fputc('\n', out);
}

/* One line per failed part, each after prefix: "expected isolated
 * [node2], got [node2, node3]". */
static void
failures(FILE *out, const struct mesh_plan *p, const char *prefix,
    const char *label, const struct mesh_expect *e, unsigned failed,
    bool connected, const int *isolated, size_t nisolated,
    const int *cut_off, size_t ncut_off)
{
	if (failed & MESH_EXPECT_CONNECTED)
		cli_printf(out, "%s%sexpected connected %s, got %s\n", prefix,
		    label, e->connected ? "true" : "false",
		    connected ? "true" : "false");
	if (failed & MESH_EXPECT_ISOLATED)
		expected_got(out, p, prefix, label, "isolated", e->isolated,
		    e->nisolated, isolated, nisolated);
	if (failed & MESH_EXPECT_CUT_OFF)
		expected_got(out, p, prefix, label, "cut_off", e->cut_off,
		    e->ncut_off, cut_off, ncut_off);
}

/* The expectation of a step or what-if run and whether it held. */
static void
verdict(FILE *out, const struct mesh_plan *p, const char *indent,
    const struct mesh_expect *e, unsigned failed, bool connected,
    const int *isolated, size_t nisolated, const int *cut_off,
    size_t ncut_off)
{
	char deeper[16];

	cli_printf(out, "%sexpect ", indent);
	expect_desc(out, p, e);
	fputs(failed ? ": FAILED\n" : ": ok\n", out);
	snprintf(deeper, sizeof(deeper), "%s  ", indent);
	failures(out, p, deeper, "", e, failed, connected, isolated,
	    nisolated, cut_off, ncut_off);
}

/* The state of the live mesh: who is up, the groups, who is alone, which
 * pairs cannot exchange messages, and the faults in force. */
static void
state(FILE *out, const struct mesh_plan *p, const struct mesh_snapshot *s)
{
	size_t g;

	cli_printf(out, "  up: %zu of %zu %s", s->nup, p->nnodes,
	    cli_plural(p->nnodes, "node", "nodes"));
	if (s->ndown > 0) {
		fputs("; down: ", out);
		cli_names(out, p, s->down, s->ndown, s->ndown);
	}
	fputc('\n', out);
	if (s->ngroups == 0)
		fputs("  groups: none\n", out);
	for (g = 0; g < s->ngroups && g < CLI_LIST_MAX; g++) {
		size_t n = s->group_start[g + 1] - s->group_start[g];

		cli_printf(out, "  group %zu (%zu %s): ", g + 1, n,
		    cli_plural(n, "node", "nodes"));
		cli_names(out, p, s->group_nodes + s->group_start[g], n, n);
		fputc('\n', out);
	}
	if (s->ngroups > CLI_LIST_MAX)
		cli_printf(out, "  ... and %zu more groups\n",
		    s->ngroups - CLI_LIST_MAX);
	fputs("  isolated: ", out);
	names_or_none(out, p, s->isolated, s->nisolated);
	fputs("\n  cannot talk: ", out);
	if (s->napart == 0)
		fputs("none", out);
	else {
		cli_printf(out, "%zu %s: ", s->napart,
		    cli_plural(s->napart, "pair", "pairs"));
		pairs(out, p, s->apart, s->napart);
	}
	fputc('\n', out);
	if (s->nfaults > 0) {
		fputs("  faults: ", out);
		pairs(out, p, s->faults, s->nfaults);
		fputc('\n', out);
	}
}

static void
whatif(FILE *out, const struct mesh_plan *p, const struct mesh_whatif *w,
    const struct mesh_whatif_result *r)
{
	cli_printf(out, "  \"%s\": down ", w->name);
	names_or_none(out, p, w->down, w->ndown);
	cli_printf(out, "\n    connected: %s (%zu %s); isolated: ",
	    r->connected ? "yes" : "no", r->ngroups,
	    cli_plural(r->ngroups, "group", "groups"));
	names_or_none(out, p, r->isolated, r->nisolated);
	fputs("; cut off: ", out);
	names_or_none(out, p, r->cut_off, r->ncut_off);
	fputc('\n', out);
	if (w->has_expect)
		verdict(out, p, "    ", &w->expect, r->failed, r->connected,
		    r->isolated, r->nisolated, r->cut_off, r->ncut_off);
}

/* "step 2 (restart node2): ", to name a failure; NULL when out of
 * memory. The caller frees it. */
static char *
step_label(const struct mesh_plan *p, size_t i)
{
	char *label = NULL;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&label, &len)) == NULL)
		return NULL;
	cli_printf(f, "step %zu (", i + 1);
	event(f, p, &p->steps[i]);
	fputs("): ", f);
	if (ferror(f)) {        /* a write failed for want of memory */
		fclose(f);
		free(label);
		return NULL;
	}
	if (fclose(f) != 0) {
		free(label);
		return NULL;
	}
	return label;
}

/* "what-if \"name\": ", to name a failure; NULL when out of memory. The
 * caller frees it. */
static char *
whatif_label(const char *name)
{
	size_t n = strlen(name) + sizeof("what-if \"\": ");
	char *label = malloc(n);

	if (label != NULL)
		snprintf(label, n, "what-if \"%s\": ", name);
	return label;
}

/* The closing lines: how many expectations held, and each failure naming
 * its step or what-if run. */
static void
result(FILE *out, const struct mesh_simulation *s)
{
	const struct mesh_plan *p = s->plan;
	size_t i;

	if (s->nexpect == 0) {
		fputs("\nresult: no expectations to check\n", out);
		return;
	}
	if (s->nfailed == 0) {
		cli_printf(out, "\nresult: %s %zu %s met\n",
		    s->nexpect == 1 ? "the" : "all", s->nexpect,
		    cli_plural(s->nexpect, "expectation", "expectations"));
		return;
	}
	cli_printf(out, "\nresult: %zu of %zu %s FAILED\n", s->nfailed,
	    s->nexpect, cli_plural(s->nexpect, "expectation", "expectations"));
	for (i = 0; i < p->nsteps; i++) {
		const struct mesh_snapshot *sn = s->steps[i];
		char *label;

		if (s->step_failed[i] == 0)
			continue;
		label = step_label(p, i);
		failures(out, p, "  ", label ? label : "", &p->steps[i].expect,
		    s->step_failed[i], sn->connected, sn->isolated,
		    sn->nisolated, sn->cut_off, sn->ncut_off);
		free(label);
	}
	for (i = 0; i < p->nwhatifs; i++) {
		const struct mesh_whatif_result *r = &s->whatifs[i];
		char *label;

		if (r->failed == 0)
			continue;
		label = whatif_label(p->whatifs[i].name);
		failures(out, p, "  ", label ? label : "",
		    &p->whatifs[i].expect, r->failed, r->connected,
		    r->isolated, r->nisolated, r->cut_off, r->ncut_off);
		free(label);
	}
}

static void
report_text(FILE *out, const struct mesh_simulation *s,
    const struct mesh_diags *diags)
{
	const struct mesh_plan *p = s->plan;
	size_t i;

	cli_printf(out, "plan: %s", p->name ? p->name : "(unnamed)");
	if (p->file != NULL)
		cli_printf(out, " (%s)", p->file);
	fputs("\nmodel: the live mesh (docs/simulate.md)\n\n"
	    "start: every node started, in name order\n", out);
	state(out, p, s->initial);
	for (i = 0; i < p->nsteps; i++) {
		const struct mesh_step *st = &p->steps[i];
		const struct mesh_snapshot *sn = s->steps[i];

		cli_printf(out, "\nstep %zu: ", i + 1);
		event(out, p, st);
		fputc('\n', out);
		state(out, p, sn);
		if (st->has_expect)
			verdict(out, p, "  ", &st->expect, s->step_failed[i],
			    sn->connected, sn->isolated, sn->nisolated,
			    sn->cut_off, sn->ncut_off);
	}
	if (p->nwhatifs > 0)
		fputs("\nwhat-if runs (the route graph with these nodes "
		    "down):\n", out);
	for (i = 0; i < p->nwhatifs; i++)
		whatif(out, p, &p->whatifs[i], &s->whatifs[i]);
	if (p->nsteps == 0 && p->nwhatifs == 0)
		fputs("\nnothing to simulate: the plan has no timeline and no "
		    "what-if runs\n", out);
	else
		result(out, s);

	cli_report_warnings(out, diags);
}

/* What the text report needs. */
struct simulate_report {
	const struct mesh_simulation *s;
	const struct mesh_diags *diags;
};

/* The text report, for cli_emit(). */
static int
text_report(FILE *out, const void *ctx)
{
	const struct simulate_report *r = ctx;

	report_text(out, r->s, r->diags);
	return 0;
}

/* An own_option of cli_parse_options(): --format text, json or junit
 * (docs/ci.md); ctx is an int set for junit. */
static int
simulate_option(void *ctx, int c, char *arg)
{
	static const char *const formats[] = { "text", "json", "junit",
		NULL };
	int *junit = ctx, w;

	if (c != 'f')
		return 0;
	if ((w = cli_option_word("--format", arg, formats,
	    "text, json or junit")) < 0)
		return -1;
	*junit = w == 2;
	return *junit;  /* the common option takes text and json */
}

int
cli_simulate(int argc, char **argv)
{
	struct cli_common o;
	struct cli_input in;
	struct mesh_simulation *sim = NULL;
	struct simulate_report r;
	enum mesh_error err;
	int status, junit = 0;

	memset(&o, 0, sizeof(o));
	cli_input_init(&in);
	if ((status = cli_parse_options(argc, argv, CLI_SIMULATE,
	    &o, simulate_option, &junit)) != 0 ||
	    (status = cli_input_load(&in, &o, argc, argv)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (in.plan->nnodes > MESH_LIVE_MAX_NODES) {
		cli_error("%s: %zu nodes: the live mesh model takes at most %d",
		    o.plan, in.plan->nnodes, MESH_LIVE_MAX_NODES);
		goto done;
	}
	if ((err = mesh_simulate(in.plan, &sim)) != MESH_OK) {
		cli_error("%s: %s", o.plan, mesh_strerror(err));
		goto done;
	}
	r.s = sim;
	r.diags = &in.diags;
	if (junit) {
		if (cli_write_string(o.output, mesh_simulation_junit(sim,
		    &in.diags), o.plan) != 0)
			goto done;
	} else if (cli_emit(&o, o.json ? mesh_simulation_json(sim,
	    &in.diags) : NULL, text_report, &r) != 0)
		goto done;
	status = sim->nfailed > 0 ? CLI_EXIT_FOUND : CLI_EXIT_OK;
done:
	mesh_simulation_free(sim);
	cli_input_free(&in);
	return status;
}
