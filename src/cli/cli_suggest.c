/* cli_suggest.c: `meshsim suggest`: the fewest routes to add so that no single node failure splits the plan. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/suggest.h"
#include "base/text.h"
#include "base/util.h"

struct suggest_opts {
	struct cli_common c;
	int target;
	const char *by;         /* --by: a failure domain key, or NULL */
	const char *plan_out;   /* -o: the plan with the routes added */
};

/* What the text report needs. */
struct suggest_ctx {
	const struct mesh_plan *plan;
	const struct mesh_suggestion *s;
	const struct mesh_diags *diags;
};

/* An own_option of cli_parse_options(): --target, --by, and -o, which is the
 * plan to write here, not the report; into o, a struct suggest_opts. */
static int
suggest_option(void *ctx, int c, char *arg)
{
	struct suggest_opts *o = ctx;
	uint64_t t;

	if (c == 'o') {
		o->plan_out = arg;
		return 1;
	}
	if (c == 'b')
		return cli_label_key(arg, &o->by);
	if (c != 't')
		return 0;
	if (cli_parse_count(arg, 2, 3, &t) != 0) {
		cli_error("--target: '%s' is not 2 or 3", arg);
		return -1;
	}
	o->target = (int)t;
	return 1;
}

static size_t
ceil_half(size_t p)
{
	return (p + 1) / 2;
}

/* The verdict line for --target 3. */
static void
verdict3(FILE *out, const struct mesh_suggestion *s)
{
	size_t more = s->nroutes - s->njoins;

	fputs("verdict: ", out);
	if (!s->reached) {
		fputs("no plan of fewer than 4 nodes survives any two node "
		    "failures; ", out);
		if (s->nroutes == 0)
			fputs("no single node failure splits this one\n", out);
		else
			cli_printf(out, "%zu %s it survive any single node "
			    "failure\n", s->nroutes, cli_plural(s->nroutes,
			    "route to add makes", "routes to add make"));
		return;
	}
	if (s->nroutes == 0) {
		fputs("nothing to add: no two node failures split the plan\n",
		    out);
		return;
	}
	if (s->njoins > 0)
		cli_printf(out, "%zu %s the plan's %zu pieces, then ",
		    s->njoins, cli_plural(s->njoins, "route joins",
		    "routes join"), s->njoins + 1);
	cli_printf(out, "%zu %s the plan survive any two node failures "
	    "(%zu for any single one, %zu more for two); at least %zu %s "
	    "needed%s", more, cli_plural(more, "route to add makes",
	    "routes to add make"), s->ntwo - s->njoins, s->nroutes - s->ntwo,
	    s->bound3, s->bound3 == 1 ? "is" : "are",
	    s->njoins ? " after the joins" : "");
	fputs(s->minimal ? ", so this is the minimum\n" :
	    "; this search adds routes greedily and may not find the "
	    "fewest\n", out);
}

/* The verdict line. */
static void
verdict(FILE *out, const struct mesh_suggestion *s)
{
	size_t more = s->nroutes - s->njoins;
	size_t d1 = s->pieces > 0 ? s->pieces - 1 : 0;

	fputs("verdict: ", out);
	if (s->nroutes == 0) {
		fputs("nothing to add: no single node failure splits the "
		    "plan\n", out);
		return;
	}
	if (s->njoins > 0)
		cli_printf(out, "%zu %s the plan's %zu pieces, then ",
		    s->njoins, cli_plural(s->njoins, "route joins",
		    "routes join"), s->njoins + 1);
	cli_printf(out, "%zu %s the plan survive any single node failure",
	    more, cli_plural(more, "route to add makes",
	    "routes to add make"));
	if (more == 0)
		fputs(" (joined, it has no single point of failure)\n", out);
	else
		cli_printf(out, " (the minimum%s: max(d-1, ceil(p/2)) = "
		    "max(%zu, %zu) = %zu)\n", s->njoins ? " for the joined "
		    "plan" : "", d1, ceil_half(s->leaves), s->bound);
	if (!s->minimal)
		cli_printf(out, "note: the minimum is %zu; this suggestion "
		    "does not reach it\n", s->bound);
}

/* What a domain of s is called: "host", or "zone domain". */
static void
domain_noun(FILE *out, const struct mesh_suggestion *s, size_t n)
{
	if (strcmp(s->by, "host") == 0)
		fputs(cli_plural(n, "host", "hosts"), out);
	else
		cli_printf(out, "%s %s", s->by, cli_plural(n, "domain",
		    "domains"));
}

/* The verdict line with failure domains (--by). */
static void
verdict_by(FILE *out, const struct mesh_suggestion *s)
{
	const struct mesh_domains *d = s->domains;

	fputs("verdict: ", out);
	if (s->nroutes == 0) {
		fputs("nothing to add: no single node failure and no single ",
		    out);
		domain_noun(out, s, 1);
		fputs(" failure splits the plan\n", out);
		return;
	}
	if (s->njoins == 1)
		cli_printf(out, "%zu routes to add, the first joining the "
		    "plan's 2 pieces, make", s->nroutes);
	else if (s->njoins > 1)
		cli_printf(out, "%zu routes to add, the first %zu joining the "
		    "plan's %zu pieces, make", s->nroutes, s->njoins,
		    s->njoins + 1);
	else
		cli_printf(out, "%zu %s", s->nroutes, cli_plural(s->nroutes,
		    "route to add makes", "routes to add make"));
	fputs(" the plan survive the loss of any single node or any one ",
	    out);
	domain_noun(out, s, 1);
	cli_printf(out, "; at least %zu %s needed (", s->lower_bound,
	    s->lower_bound == 1 ? "is" : "are");
	if (s->worst_domain >= 0 && s->lower_bound + 1 == s->worst_pieces)
		cli_printf(out, "losing %s leaves %zu pieces",
		    d->names[s->worst_domain], s->worst_pieces);
	else if (s->lower_bound == s->domain_bound)
		cli_printf(out, "the domains' losses leave %zu pieces too many "
		    "in all, and a route mends at most %zu of them",
		    s->domain_excess, d->n - 1);
	else if (s->njoins == 0 && s->lower_bound == s->bound)
		cli_printf(out, "max(d-1, ceil(p/2)) = max(%zu, %zu)",
		    s->pieces > 0 ? s->pieces - 1 : 0, ceil_half(s->leaves));
	else
		fputs("the route ends its leaf blocks and pieces, and the "
		    "pieces domains' losses leave, need", out);
	fputs(s->minimal ? "), so this is the minimum\n" :
	    "); this search is greedy and may not find the fewest\n", out);
}

/* The domains whose loss splits the plan now, and the domains. */
static void
domains_text(FILE *out, const struct mesh_suggestion *s)
{
	const struct mesh_domains *d = s->domains;
	size_t i, max = MESH_GROUP_NAMES_MAX;

	if (s->nsplit > 0) {
		domain_noun(out, s, 2);
		fputs(" whose loss splits the plan now: ", out);
		for (i = 0; i < s->nsplit && i < max; i++)
			cli_printf(out, "%s%s (%zu pieces)", i ? ", " : "",
			    d->names[s->split[i]], s->split_pieces[i]);
		if (s->nsplit > max)
			cli_printf(out, ", ... and %zu more (--format json "
			    "lists them all)", s->nsplit - max);
		fputc('\n', out);
	}
	cli_printf(out, "failure domains: %zu ", d->n);
	domain_noun(out, s, d->n);
	/* No domains (a plan of no nodes): no list, nor its colon. */
	if (d->n > 0)
		fputs(": ", out);
	for (i = 0; i < d->n && i < max; i++) {
		size_t k = d->start[i + 1] - d->start[i];

		cli_printf(out, "%s%s (%zu %s)", i ? ", " : "", d->names[i], k,
		    cli_plural(k, "node", "nodes"));
	}
	if (d->n > max)
		cli_printf(out, ", ... and %zu more", d->n - max);
	fputc('\n', out);
}

static int
report_text(FILE *out, const void *arg)
{
	const struct suggest_ctx *x = arg;
	const struct mesh_plan *p = x->plan;
	const struct mesh_suggestion *s = x->s;
	struct mesh_i_buf y;
	int *storers = NULL;
	size_t i, j, n = 0;
	char *host;

	mesh_i_buf_init(&y);
	cli_printf(out, "plan: %s", p->name ? p->name : "(unnamed)");
	if (p->file != NULL)
		cli_printf(out, " (%s)", p->file);
	fputc('\n', out);
	if (s->domains != NULL)
		verdict_by(out, s);
	else if (s->target == 3)
		verdict3(out, s);
	else
		verdict(out, s);
	if (s->nbefore > 0) {
		cli_printf(out, "single points of failure now: ");
		for (i = 0; i < s->nbefore && i < MESH_GROUP_NAMES_MAX; i++)
			cli_printf(out, "%s%s", i ? ", " : "",
			    p->nodes[s->before[i]].name);
		if (s->nbefore > MESH_GROUP_NAMES_MAX)
			cli_printf(out, ", ... and %zu more (--format json "
			    "lists them all)", s->nbefore -
			    MESH_GROUP_NAMES_MAX);
		fputc('\n', out);
	}
	if (s->domains != NULL)
		domains_text(out, s);
	if (s->nroutes > 0) {
		fputs("\nroutes to add:\n", out);
		for (i = 0; i < s->nroutes; i++) {
			const struct mesh_node *to =
			    &p->nodes[s->routes[i].to];

			cli_printf(out, "  %s stores a route to %s (%s:%d)%s",
			    p->nodes[s->routes[i].from].name, to->name,
			    to->host, to->port, i < s->njoins ?
			    " [joins pieces]" : "");
			if (s->domains != NULL)
				cli_printf(out, " [%s - %s]", s->domains->names[
				    s->domains->of[s->routes[i].from]],
				    s->domains->names[
				    s->domains->of[s->routes[i].to]]);
			fputc('\n', out);
		}
		/* The storers, sorted by name, each once. */
		if ((storers = malloc(s->nroutes * sizeof(*storers))) == NULL)
			return -1;
		for (i = 0; i < s->nroutes; i++) {
			for (j = 0; j < n; j++)
				if (storers[j] == s->routes[i].from)
					break;
			if (j == n)
				storers[n++] = s->routes[i].from;
		}
		if (mesh_plan_sort_nodes(p, storers, n) != 0) {
			free(storers);
			return -1;
		}
		fputs("\nadd to each node's harperdb-config.yaml, under "
		    "clustering.hubServer.cluster.network.routes:\n", out);
		for (j = 0; j < n; j++) {
			cli_printf(out, "  %s:\n", p->nodes[storers[j]].name);
			for (i = 0; i < s->nroutes; i++) {
				const struct mesh_node *to =
				    &p->nodes[s->routes[i].to];

				if (s->routes[i].from != storers[j])
					continue;
				mesh_i_buf_yaml(&y, to->host);
				if ((host = mesh_i_buf_take(&y)) == NULL) {
					free(storers);
					return -1;
				}
				cli_printf(out, "    - host: %s\n      port: "
				    "%d\n", host, to->port);
				free(host);
			}
		}
		free(storers);
	}
	cli_report_warnings(out, x->diags);
	return 0;
}

/*
 * Whether a node of plan has the label key (host, or a plan of no nodes:
 * always, as by_found says). When none does, say so, with the labels the
 * plan has and the nearest of them, and return -1.
 */
static int
check_by(const struct mesh_plan *plan, const char *key)
{
	const char *near = NULL, *first = NULL;
	size_t i, j, best = (size_t)-1, nkeys = 0;

	if (strcmp(key, "host") == 0 || plan->nnodes == 0)
		return 0;
	for (i = 0; i < plan->nnodes; i++)
		if (mesh_node_label(&plan->nodes[i], key) != NULL)
			return 0;
	/* The labels the plan has: the nearest, and how many. */
	for (i = 0; i < plan->nnodes; i++)
		for (j = 0; j < plan->nodes[i].nlabels; j++) {
			const char *k = plan->nodes[i].labels[j].key;
			size_t d = mesh_i_edit_distance(key, k, 64, 1);

			if (first == NULL || strcmp(k, first) < 0)
				first = k;
			nkeys++;
			if (d < best || (d == best && strcmp(k, near) < 0)) {
				best = d;
				near = k;
			}
		}
	if (near != NULL && best <= 1 + strlen(key) / 3)
		cli_error("suggest: --by %s: no node has the label '%s' (did "
		    "you mean '%s'?)", key, key, near);
	else if (first != NULL)
		cli_error("suggest: --by %s: no node has the label '%s'; the "
		    "plan's nodes have labels such as '%s' (or use --by "
		    "host)", key, key, first);
	else
		cli_error("suggest: --by %s: no node has the label '%s', and "
		    "no node has labels; --by host takes each host as a "
		    "domain", key, key);
	return -1;
}

int
cli_suggest(int argc, char **argv)
{
	struct suggest_opts o;
	struct mesh_suggest_options sopt;
	struct mesh_suggestion *s = NULL;
	struct mesh_plan *plan;
	struct cli_input in;
	struct suggest_ctx ctx;
	enum mesh_error err;
	char *report = NULL;
	size_t len, i;
	int rc;

	memset(&o, 0, sizeof(o));
	o.target = 2;
	cli_input_init(&in);
	if ((rc = cli_parse_options(argc, argv, CLI_SUGGEST,
	    &o.c, suggest_option, &o)) != 0 ||
	    (rc = cli_input_load(&in, &o.c, argc, argv)) != 0)
		goto done;
	rc = CLI_EXIT_BAD;
	plan = in.plan;
	if (o.by != NULL && o.target == 3) {
		cli_error("suggest: --by and --target 3 do not go together: "
		    "--by answers for the loss of one node or one domain; "
		    "leave one of them out");
		goto done;
	}
	if (o.by != NULL && check_by(plan, o.by) != 0)
		goto done;
	if (o.target == 3 && plan->nnodes > MESH_SUGGEST_TARGET3_MAX) {
		cli_error("suggest: --target 3 takes plans of at most %d "
		    "nodes; this one has %zu", MESH_SUGGEST_TARGET3_MAX,
		    plan->nnodes);
		goto done;
	}
	/* No route links a node that does not cluster: no suggestion can
	 * join it; say so rather than fail to verify. */
	for (i = 0; i < plan->nnodes; i++)
		if (plan->nodes[i].no_cluster) {
			cli_error("suggest: node '%s' does not join the cluster "
			    "(clustering: false), so no route can link it; "
			    "turn its clustering on, or leave it out of the "
			    "plan, and ask again", plan->nodes[i].name);
			goto done;
		}
	sopt.target = o.target;
	sopt.by = o.by;
	if ((err = mesh_suggest_with(plan, &sopt, &s)) != MESH_OK) {
		cli_error("suggest: %s", mesh_strerror(err));
		goto done;
	}
	if (!s->verified) {
		cli_error("suggest: the routes found do not remove every "
		    "single point of failure%s; nothing is suggested",
		    o.by != NULL ? " and every domain whose loss splits the "
		    "plan" : "");
		goto done;
	}
	/* The report is made first, then the plan written (when it
	 * cannot be, no report), then the report: once the plan is
	 * written, only writing the report can fail. Adding routes keeps
	 * node indices, so the report reads the same. */
	ctx.plan = plan;
	ctx.s = s;
	ctx.diags = &in.diags;
	if ((report = cli_render(&o.c, o.c.json ?
	    mesh_suggestion_json(s, plan, &in.diags) : NULL, report_text,
	    &ctx, &len)) == NULL)
		goto done;
	if (o.plan_out != NULL) {
		if ((err = mesh_suggest_apply(plan, s, NULL)) != MESH_OK) {
			cli_error("suggest: %s", mesh_strerror(err));
			goto done;
		}
		if (cli_write_plan(plan, o.plan_out, o.c.plan) != 0)
			goto done;
	}
	if (cli_write_output(o.c.output, report, len, o.c.plan) != 0)
		goto done;
	rc = s->nroutes > 0 ? CLI_EXIT_FOUND : CLI_EXIT_OK;
done:
	free(report);
	mesh_suggestion_free(s);
	cli_input_free(&in);
	return rc;
}
