/* cli_apply.c: `meshsim check --apply NODE=REQUEST.json`: Harper route requests as what-ifs, reported before and after. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_apply.h"
#include "out/analysis_json.h"
#include "out/json_out.h"
#include "out/json_writer.h"
#include "base/util.h"

struct cli_apply {
	const struct mesh_plan *plan;
	struct mesh_ops_request **reqs;
	struct mesh_ops_step *steps;
	size_t n;
	struct mesh_plan *after;
	struct mesh_ops_outcome *outcomes;
	struct mesh_analysis *before;
};

void
cli_apply_free(struct cli_apply *ap)
{
	size_t i;

	if (ap == NULL)
		return;
	for (i = 0; ap->reqs != NULL && i < ap->n; i++)
		mesh_ops_request_free(ap->reqs[i]);
	free(ap->reqs);
	free(ap->steps);
	mesh_ops_outcomes_free(ap->outcomes, ap->n);
	mesh_analysis_free(ap->before);
	mesh_plan_free(ap->after);
	free(ap);
}

const struct mesh_plan *
cli_apply_plan(const struct cli_apply *ap)
{
	return ap->after;
}

/* NODE=FILE: the node is the shortest prefix before an '=' that names a
 * node of the plan. Returns the node and sets *file, or -1 after
 * reporting. */
static int
split_arg(const struct mesh_plan *plan, char *arg, const char **file)
{
	char *eq;
	int k;

	for (eq = strchr(arg, '='); eq != NULL; eq = strchr(eq + 1, '=')) {
		*eq = '\0';
		k = mesh_plan_find(plan, arg);
		*eq = '=';
		if (k >= 0) {
			*file = eq + 1;
			return k;
		}
	}
	if ((eq = strchr(arg, '=')) == NULL) {
		cli_error("--apply: '%s' is not NODE=REQUEST.json", arg);
		return -1;
	}
	*eq = '\0';
	cli_no_node(plan, "--apply", arg, eq + 1);
	*eq = '=';
	return -1;
}

int
cli_apply_run(const struct mesh_plan *plan, int replication, char **args,
    size_t n, const struct mesh_analysis_options *opts,
    struct mesh_diags *diags, struct cli_apply **out)
{
	struct cli_apply *ap;
	enum mesh_error err = MESH_OK, e;
	size_t i, len;
	char *buf;

	*out = NULL;
	if ((ap = calloc(1, sizeof(*ap))) == NULL ||
	    (ap->reqs = calloc(n + 1, sizeof(*ap->reqs))) == NULL ||
	    (ap->steps = calloc(n + 1, sizeof(*ap->steps))) == NULL)
		goto nomem;
	ap->plan = plan;
	ap->n = n;
	for (i = 0; i < n; i++) {
		const char *file;
		int k = split_arg(plan, args[i], &file);

		if (k < 0)
			goto fail;
		/* Every request is read, so that all their errors show. */
		e = mesh_ops_read_file(file, diags, &buf, &len);
		if (e == MESH_OK) {
			e = mesh_ops_request_parse(buf, len, file, diags,
			    &ap->reqs[i]);
			free(buf);
		}
		if (e == MESH_ENOMEM)
			goto nomem;
		if (e != MESH_OK)
			err = e;
		ap->steps[i].node = k;
		ap->steps[i].req = ap->reqs[i];
	}
	if (err == MESH_OK && (err = mesh_ops_check_generation(plan,
	    replication, (const struct mesh_ops_request *const *)ap->reqs, n,
	    diags)) == MESH_ENOMEM)
		goto nomem;
	if (err != MESH_OK) {
		mesh_diags_sort(diags);
		cli_diags(diags, MESH_NOTE);
		goto fail;
	}
	if ((err = mesh_analyze(plan, opts, &ap->before)) != MESH_OK ||
	    (err = mesh_ops_apply(plan, ap->steps, n, diags, &ap->after,
	    &ap->outcomes)) != MESH_OK) {
		cli_error("%s: %s", plan->file ? plan->file : "the plan",
		    mesh_strerror(err));
		goto fail;
	}
	*out = ap;
	return 0;
nomem:
	cli_error("out of memory");
fail:
	cli_apply_free(ap);
	return CLI_EXIT_BAD;
}

/* Whether node v is an articulation point of a. */
static int
is_cutpoint(const struct mesh_analysis *a, int v)
{
	size_t i;

	for (i = 0; i < a->ncutpoints; i++)
		if (a->cutpoints[i].node == v)
			return 1;
	return 0;
}

/* The articulation points of a that are not those of b, in name order,
 * into v; returns how many. */
static size_t
spof_diff(const struct mesh_analysis *a, const struct mesh_analysis *b,
    int *v)
{
	size_t i, n = 0;

	for (i = 0; i < a->ncutpoints; i++)
		if (!is_cutpoint(b, a->cutpoints[i].node))
			v[n++] = a->cutpoints[i].node;
	return n;
}

/* What the requests did to the single points of failure: v[0 .. nnew-1]
 * those they introduced, then v[nnew .. nnew + ngone - 1] those they
 * removed, each in name order. */
struct spofs {
	int *v;
	size_t nnew;
	size_t ngone;
};

/* Fill x for the plan of ap after the requests (after); returns 0, or -1
 * when out of memory. Either way the caller frees x->v. */
static int
spofs_make(struct spofs *x, const struct cli_apply *ap,
    const struct mesh_analysis *after)
{
	/* The two lists never share a node: room for every node once (the
	 * plan after has the nodes before, and those add_node brought). */
	if ((x->v = malloc((ap->after->nnodes + 1) * sizeof(*x->v))) == NULL)
		return -1;
	x->nnew = spof_diff(after, ap->before, x->v);
	x->ngone = spof_diff(ap->before, after, x->v + x->nnew);
	return 0;
}

/* Compare a known connectivity (-1: skipped). */
static int
cmp_known(int a, int b)
{
	if (a < 0 || b < 0)
		return 0;
	return (a > b) - (a < b);
}

/* "split", "joined", "stronger", "weaker" or "unchanged": the
 * connectivity after against before. */
static const char *
change(const struct mesh_analysis *before, const struct mesh_analysis *after)
{
	int c;

	if (before->connected && !after->connected)
		return "split";
	if (!before->connected && after->connected)
		return "joined";
	if (!before->connected)
		return before->ncomponents < after->ncomponents ? "weaker" :
		    before->ncomponents > after->ncomponents ? "stronger" :
		    "unchanged";
	c = cmp_known(after->vertex_connectivity,
	    before->vertex_connectivity);
	if (c == 0)
		c = cmp_known(after->edge_connectivity,
		    before->edge_connectivity);
	if (c == 0)
		c = (before->ncutpoints > after->ncutpoints) -
		    (before->ncutpoints < after->ncutpoints);
	if (c == 0)
		c = (before->nbridges > after->nbridges) -
		    (before->nbridges < after->nbridges);
	return c > 0 ? "stronger" : c < 0 ? "weaker" : "unchanged";
}

static const char *
op_name(const struct mesh_ops_request *q)
{
	return q->opname;
}

/* What a replication request did, as the JSON's "result". */
static const char *
result_name(enum mesh_ops_result r)
{
	switch (r) {
	case MESH_OPS_LINKED:
		return "linked";
	case MESH_OPS_NEW_NODE:
		return "new-node";
	case MESH_OPS_ALREADY:
		return "already-linked";
	case MESH_OPS_SELF:
		return "self";
	case MESH_OPS_KNOWN:
		return "known";
	case MESH_OPS_UNLINKED:
		return "unlinked";
	case MESH_OPS_NOT_LINKED:
		return "not-linked";
	case MESH_OPS_NOT_FOUND:
		break;
	}
	return "not-found";
}

/* What a replication request did, for people: after "NODE: OP HOST
 * (FILE): ". */
static void
text_node_result(FILE *out, const struct cli_apply *ap, size_t i)
{
	const struct mesh_ops_request *q = ap->reqs[i];
	const struct mesh_ops_outcome *o = &ap->outcomes[i];
	const char *x = ap->after->nodes[ap->steps[i].node].name;
	const char *t = o->target >= 0 ? ap->after->nodes[o->target].name :
	    q->target.host;

	switch (o->result) {
	case MESH_OPS_LINKED:
		cli_printf(out, "linked %s -- %s (each records the "
		    "other)", x, t);
		break;
	case MESH_OPS_NEW_NODE:
		cli_printf(out, "new node '%s' (%s:%d), linked %s -- %s "
		    "(each records the other)", t,
		    ap->after->nodes[o->target].host,
		    ap->after->nodes[o->target].port, x, t);
		break;
	case MESH_OPS_ALREADY:
		cli_printf(out, "%s and %s are linked already: no change",
		    x, t);
		break;
	case MESH_OPS_SELF:
		cli_printf(out, "names %s itself: no change", x);
		break;
	case MESH_OPS_KNOWN:
		cli_printf(out, "%s knows %s already (same cluster): "
		    "subscriptions only, no change to links", x, t);
		break;
	case MESH_OPS_UNLINKED:
		cli_printf(out, "removed the link %s -- %s that add_node "
		    "made", x, t);
		break;
	case MESH_OPS_NOT_LINKED:
		cli_printf(out, "no link between %s and %s that add_node "
		    "made: no change", x, t);
		break;
	case MESH_OPS_NOT_FOUND:
		cli_printf(out, "no node of the plan is at %s: no change",
		    t);
		break;
	}
	if (o->kept > 0)
		cli_printf(out, "; %zu configured %s between them %s "
		    "(see the warnings)", o->kept, cli_plural(o->kept, "route",
		    "routes"), cli_plural(o->kept, "stays", "stay"));
}

/* The routes idx[0 .. n-1] of q as host:port, for people. */
static void
text_routes(FILE *out, const char *what,
    const struct mesh_ops_request *q, const size_t *idx, size_t n)
{
	size_t i;

	cli_printf(out, "%s %zu", what, n);
	for (i = 0; i < n; i++) {
		cli_printf(out, "%s%s", i ? ", " : " (",
		    q->routes.v[idx[i]].host);
		/* 4.4+'s routes may give no port. */
		if (q->routes.v[idx[i]].port)
			cli_printf(out, ":%d", q->routes.v[idx[i]].port);
	}
	fputs(n ? ")" : "", out);
}

static void
text_state(FILE *out, const char *what, const struct mesh_analysis *a)
{
	const struct mesh_plan *p = a->plan;
	size_t i;

	cli_printf(out, "%s%s; ", what, a->connected ? "connected" :
	    "SPLIT");
	if (a->ncutpoints == 0)
		fputs("no single point of failure", out);
	for (i = 0; i < a->ncutpoints; i++)
		cli_printf(out, "%s%s", i ? ", " : a->ncutpoints == 1 ?
		    "1 single point of failure: " : "single points of "
		    "failure: ", p->nodes[a->cutpoints[i].node].name);
	cli_printf(out, "; %zu %s", a->nbridges, cli_plural(a->nbridges,
	    "bridge", "bridges"));
	if (a->vertex_connectivity >= 0)
		cli_printf(out, "; vertex connectivity %d, edge "
		    "connectivity %d", a->vertex_connectivity,
		    a->edge_connectivity);
	fputc('\n', out);
}

static void
text_names(FILE *out, const char *what, const struct mesh_plan *p,
    const int *v, size_t n)
{
	size_t i;

	fputs(what, out);
	for (i = 0; i < n; i++)
		cli_printf(out, "%s%s", i ? ", " : "", p->nodes[v[i]].name);
	fputs(n ? "\n" : "none\n", out);
}

int
cli_apply_text(FILE *out, const struct cli_apply *ap,
    const struct mesh_analysis *after)
{
	const struct mesh_plan *p = ap->plan;
	struct spofs x;
	size_t i;

	if (spofs_make(&x, ap, after) != 0) {
		free(x.v);
		return -1;
	}
	cli_printf(out, "what-if: %zu %s applied in order; the report "
	    "below describes the plan after %s\n", ap->n,
	    cli_plural(ap->n, "request", "requests"),
	    cli_plural(ap->n, "it", "them"));
	for (i = 0; i < ap->n; i++) {
		const struct mesh_ops_request *q = ap->reqs[i];
		const struct mesh_ops_outcome *o = &ap->outcomes[i];

		cli_printf(out, "  %zu. %s: %s", i + 1,
		    p->nodes[ap->steps[i].node].name, op_name(q));
		if (MESH_OPS_IS_NODE_OP(q->op)) {
			cli_printf(out, " %s", q->target.host);
			if (q->target.port)
				cli_printf(out, ":%d", q->target.port);
			cli_printf(out, " (%s): ", q->file);
			text_node_result(out, ap, i);
			fputc('\n', out);
			continue;
		}
		if (q->op == MESH_OPS_SET_REPL_ROUTES) {
			cli_printf(out, " to replication.routes (%s): ",
			    q->file);
			text_routes(out, "set", q, o->set, o->nset);
		} else if (q->op == MESH_OPS_SET_ROUTES) {
			fputs(q->leaf ? " to leaf" : " to hub", out);
			cli_printf(out, " (%s): ", q->file);
			text_routes(out, "set", q, o->set, o->nset);
		} else {
			cli_printf(out, " (%s): ", q->file);
			text_routes(out, "deleted", q, o->deleted, o->ndeleted);
		}
		text_routes(out, "; skipped", q, o->skipped, o->nskipped);
		fputc('\n', out);
	}
	text_state(out, "before: ", ap->before);
	text_state(out, "after:  ", after);
	text_names(out, "new single points of failure: ", ap->after, x.v,
	    x.nnew);
	text_names(out, "removed single points of failure: ", ap->after,
	    x.v + x.nnew, x.ngone);
	cli_printf(out, "connectivity: %s\n\n", change(ap->before, after));
	free(x.v);
	return 0;
}

/* The routes idx[0 .. n-1] of q under key: a list on one line of
 * {"host": ..., "port": ...}. */
static void
json_routes(struct mesh_i_jw *w, const char *key,
    const struct mesh_ops_request *q, const size_t *idx, size_t n)
{
	size_t i;

	mesh_i_jw_array(w, key, MESH_I_JW_INLINE);
	for (i = 0; i < n; i++) {
		mesh_i_jw_object(w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_string(w, "host", q->routes.v[idx[i]].host);
		if (q->routes.v[idx[i]].port)
			mesh_i_jw_int(w, "port", q->routes.v[idx[i]].port);
		else
			mesh_i_jw_null(w, "port");
		mesh_i_jw_end(w);
	}
	mesh_i_jw_end(w);
}

/* The members of a replication request's entry after "file", and its
 * end. */
static void
json_node_result(struct mesh_i_jw *w, const struct cli_apply *ap, size_t i)
{
	const struct mesh_ops_request *q = ap->reqs[i];
	const struct mesh_ops_outcome *o = &ap->outcomes[i];

	mesh_i_jw_object(w, "target", MESH_I_JW_INLINE);
	mesh_i_jw_string(w, "host", q->target.host);
	if (q->target.port)
		mesh_i_jw_int(w, "port", q->target.port);
	else
		mesh_i_jw_null(w, "port");
	mesh_i_jw_end(w);
	mesh_i_jw_string_or_null(w, "target_node", o->target >= 0 ?
	    ap->after->nodes[o->target].name : NULL);
	mesh_i_jw_string(w, "result", result_name(o->result));
	mesh_i_jw_int(w, "routes_kept", (intmax_t)o->kept);
	mesh_i_jw_end(w);
}

/* The connectivity of a under key, an object on one line. */
static void
json_state(struct mesh_i_jw *w, const char *key,
    const struct mesh_analysis *a)
{
	mesh_i_jw_object(w, key, MESH_I_JW_INLINE);
	mesh_i_jw_bool(w, "connected", a->connected);
	mesh_i_jw_cuts(w, a);
	mesh_i_jw_count(w, "vertex_connectivity", a->vertex_connectivity);
	mesh_i_jw_count(w, "edge_connectivity", a->edge_connectivity);
	mesh_i_jw_end(w);
}

/* The what-if's keys, "apply" to "connectivity_change", as members of
 * the report's top-level object, whose key "apply" b ends in. */
static void
json_apply(struct mesh_i_buf *b, const struct cli_apply *ap,
    const struct mesh_analysis *after, const struct spofs *x)
{
	const struct mesh_plan *p = ap->plan;
	struct mesh_i_jw w;
	size_t i;

	mesh_i_jw_init(&w, b, MESH_I_JW_G12);
	mesh_i_jw_inside(&w, 1);
	mesh_i_jw_array(&w, NULL, MESH_I_JW_LINES);
	for (i = 0; i < ap->n; i++) {
		const struct mesh_ops_request *q = ap->reqs[i];
		const struct mesh_ops_outcome *o = &ap->outcomes[i];

		mesh_i_jw_object(&w, NULL, MESH_I_JW_INLINE);
		mesh_i_jw_string(&w, "node", p->nodes[ap->steps[i].node].name);
		mesh_i_jw_string(&w, "operation", op_name(q));
		mesh_i_jw_string_or_null(&w, "server",
		    q->op != MESH_OPS_SET_ROUTES ? NULL :
		    q->leaf ? "leaf" : "hub");
		mesh_i_jw_string_or_null(&w, "file", q->file);
		if (MESH_OPS_IS_NODE_OP(q->op)) {
			json_node_result(&w, ap, i);
			continue;
		}
		json_routes(&w, "set", q, o->set, o->nset);
		json_routes(&w, "skipped", q, o->skipped, o->nskipped);
		json_routes(&w, "deleted", q, o->deleted, o->ndeleted);
		mesh_i_jw_end(&w);
	}
	mesh_i_jw_end(&w);
	json_state(&w, "before", ap->before);
	json_state(&w, "after", after);
	mesh_i_jw_names(&w, "introduced_spofs", ap->after, x->v,
	    x->nnew);
	mesh_i_jw_names(&w, "removed_spofs", ap->after, x->v + x->nnew,
	    x->ngone);
	mesh_i_jw_string(&w, "connectivity_change", change(ap->before, after));
}

char *
cli_apply_json(const struct cli_apply *ap, const struct mesh_analysis *after,
    char *json)
{
	const char *at, *next;
	struct mesh_i_buf b;
	struct spofs x = { NULL, 0, 0 };

	if (json == NULL)
		return NULL;
	/* Names are escaped JSON strings: a newline followed by two spaces
	 * and the key is the top-level "diagnostics", the last key; the
	 * what-if's keys go before it. */
	for (at = NULL, next = json; (next = strstr(next,
	    "\n  \"diagnostics\": ")) != NULL; next++)
		at = next;
	if (at == NULL || spofs_make(&x, ap, after) != 0) {
		free(x.v);
		free(json);
		return NULL;
	}
	mesh_i_buf_init(&b);
	mesh_i_buf_add(&b, json, (size_t)(at - json) + 1);
	mesh_i_buf_puts(&b, "  \"apply\": ");
	json_apply(&b, ap, after, &x);
	mesh_i_buf_puts(&b, ",");
	mesh_i_buf_puts(&b, at);
	free(x.v);
	free(json);
	return mesh_i_buf_take(&b);
}

int
cli_ops_inventory(const char *path, struct mesh_diags *diags,
    struct mesh_ops_inventory **out)
{
	enum mesh_error err;
	size_t len;
	char *buf;

	*out = NULL;
	if (path == NULL)
		return 0;
	err = mesh_ops_read_file(path, diags, &buf, &len);
	if (err == MESH_OK) {
		err = mesh_ops_inventory_parse(buf, len, path, diags, out);
		free(buf);
	}
	if (err == MESH_OK)
		return 0;
	cli_diags(diags, MESH_NOTE);
	if (err == MESH_ENOMEM)
		cli_error("out of memory");
	return CLI_EXIT_BAD;
}

