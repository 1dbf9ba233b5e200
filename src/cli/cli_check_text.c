/* cli_check_text.c: check's text report for people: verdict first, then single points of failure, then warnings. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "meshsim/mesh.h"

/* Restart hazards, as hazards.h gives them, for the mesh model. */
struct hazards {
	size_t *first;
	int *strands;
	int *stranded;
	size_t nstranded;
};

void
cli_report_warnings(FILE *out, const struct mesh_diags *diags)
{
	size_t i, nwarn = 0;

	for (i = 0; diags != NULL && i < diags->n; i++)
		nwarn += diags->v[i].severity != MESH_ERROR;
	if (nwarn == 0)
		return;
	cli_printf(out, "\n%zu %s:\n", nwarn,
	    cli_plural(nwarn, "warning", "warnings"));
	for (i = 0; i < diags->n; i++)
		if (diags->v[i].severity != MESH_ERROR) {
			fputs("  ", out);
			cli_diag_to(out, &diags->v[i]);
		}
}

/* The verdict line. Returns 0, or -1 when out of memory. */
static int
verdict(FILE *out, const struct mesh_analysis *a)
{
	char *t;

	fputs("verdict: ", out);
	if (!a->connected) {
		if ((t = mesh_split_text(a)) == NULL)
			return -1;
		cli_printf(out, "SPLIT: %s\n", t);
		free(t);
	} else if (a->ncutpoints > 0) {
		cli_printf(out, "connected, but %zu single %s of failure\n",
		    a->ncutpoints, cli_plural(a->ncutpoints, "point", "points"));
	} else if (a->nnodes < 3) {
		cli_printf(out, "connected (%zu %s)\n", a->nnodes,
		    cli_plural(a->nnodes, "node", "nodes"));
	} else if (a->vertex_connectivity < 0) {
		fputs("connected; no single node's loss splits it\n", out);
	} else {
		cli_printf(out, "connected; survives any %d node %s\n",
		    a->vertex_connectivity - 1,
		    cli_plural((size_t)a->vertex_connectivity - 1, "failure",
		    "failures"));
	}
	return 0;
}

static void
connectivity(FILE *out, const char *what, int k, size_t limit)
{
	if (k >= 0)
		cli_printf(out, "%s connectivity: %d\n", what, k);
	else
		cli_printf(out, "%s connectivity: not computed above %zu nodes "
		    "(--connectivity-limit)\n", what, limit);
}

/* The restart hazards section: for each survivor X, whom a restart would
 * leave alone while X is down; and who is stranded already. */
static void
hazards_section(FILE *out, const struct mesh_analysis *a,
    const struct hazards *h)
{
	const struct mesh_plan *p = a->plan;
	size_t i, k = 0;

	for (i = 0; i < a->nnodes; i++) {
		int v = a->by_name[i];
		size_t n = h->first[v + 1] - h->first[v];

		if (n == 0)
			continue;
		if (k == 0)
			fputs("\nrestart hazards (while the node on the left "
			    "is down, those on the right\nwould stay alone "
			    "if they restarted: no other route neighbour is "
			    "up):\n", out);
		if (k++ == CLI_LIST_MAX)
			continue;
		cli_printf(out, "  %s: ", p->nodes[v].name);
		cli_names(out, p, h->strands + h->first[v], n, n);
		fputc('\n', out);
	}
	if (k == 0)
		cli_printf(out, "\nrestart hazards: none (whichever %snode "
		    "goes down, any node that restarts\nstill finds a route "
		    "neighbour up)\n", a->ndown > 0 ? "other " : "");
	else if (k > CLI_LIST_MAX)
		cli_printf(out, "  ... and %zu more\n", k - CLI_LIST_MAX);
	if (h->nstranded > 0) {
		fputs("stranded now (every route neighbour down: alone if "
		    "they restart): ", out);
		cli_names(out, p, h->stranded, h->nstranded, h->nstranded);
		fputc('\n', out);
	}
}

/* The surviving nodes that do not join the cluster (plan.h, no_cluster):
 * alone whatever their routes say. */
static void
not_clustering(FILE *out, const struct mesh_analysis *a)
{
	size_t at = 0, k = 0;
	int v;

	while ((v = mesh_analysis_next_not_clustering(a, &at)) >= 0) {
		if (k++ == CLI_LIST_MAX) {
			fputs(", ...", out);
			break;
		}
		cli_printf(out, "%s%s", k > 1 ? ", " : "not clustering: ",
		    a->plan->nodes[v].name);
	}
	if (k > 0)
		fputs(" (clustering off: no links to or from it)\n", out);
}

/* The report; with h, the restart hazards of the mesh model too; with
 * rp, the replication model's verdicts instead of the route graph's.
 * Returns 0, or -1 when out of memory (part of the report written). */
static int
report(FILE *out, const struct mesh_analysis *a,
    const struct mesh_diags *diags, const struct hazards *h,
    const struct mesh_replication *rp)
{
	const struct mesh_plan *p = a->plan;
	char *rt;
	size_t i;

	cli_printf(out, "plan: %s", p->name ? p->name : "(unnamed)");
	if (p->file != NULL)
		cli_printf(out, " (%s)", p->file);
	fputc('\n', out);
	if (rp == NULL ? verdict(out, a) != 0 :
	    cli_replication_verdicts(out, rp) != 0)
		return -1;
	if (a->ndown > 0) {
		fputs("down: ", out);
		cli_names(out, p, a->down, a->ndown, a->ndown);
		fputs(" (not counted: the report describes the nodes left "
		    "and the routes they store)\n", out);
	}
	if ((rt = mesh_routes_text(a)) == NULL)
		return -1;
	cli_printf(out, "nodes: %zu, links: %zu, routes: %zu%s\n", a->nnodes,
	    a->nlinks, a->nroutes, rt);
	free(rt);
	not_clustering(out, a);
	connectivity(out, "vertex", a->vertex_connectivity,
	    a->connectivity_limit);
	connectivity(out, "edge", a->edge_connectivity,
	    a->connectivity_limit);

	if (!a->connected) {
		fputs("\ngroups, largest first:\n", out);
		for (i = 0; i < a->ncomponents; i++) {
			size_t n = a->comp_start[i + 1] - a->comp_start[i];

			cli_printf(out, "  %zu. (%zu %s) ", i + 1, n,
			    cli_plural(n, "node", "nodes"));
			cli_names(out, p, a->comp_nodes + a->comp_start[i], n, n);
			fputc('\n', out);
		}
	}
	if (a->ncutpoints > 0) {
		fputs("\nsingle points of failure (nodes whose loss splits "
		    "the plan):\n", out);
		for (i = 0; i < a->ncutpoints; i++) {
			const struct mesh_cutpoint *cp = &a->cutpoints[i];
			char *t = mesh_cutpoint_text(a, cp);

			if (t == NULL)
				return -1;
			cli_printf(out, "  %s: %s\n", p->nodes[cp->node].name,
			    t);
			free(t);
		}
	}
	if (a->nbridges > 0) {
		fputs("\nbridges (links whose loss splits the plan):\n", out);
		for (i = 0; i < a->nbridges && i < CLI_LIST_MAX; i++)
			cli_printf(out, "  %s -- %s\n",
			    p->nodes[a->bridges[2 * i]].name,
			    p->nodes[a->bridges[2 * i + 1]].name);
		if (a->nbridges > CLI_LIST_MAX)
			cli_printf(out, "  ... and %zu more\n",
			    a->nbridges - CLI_LIST_MAX);
	}

	fputs("\nroute storage: ", out);
	if (a->top_storer < 0) {
		fputs("no node stores a route that links it\n", out);
	} else {
		size_t none = 0;

		for (i = 0; i < a->nnodes; i++)
			none += a->stored[a->by_name[i]] == 0;
		/* The same count as the header's: all routes, or those
		 * that make links when some do not. */
		cli_printf(out, "%s stores %zu of %s%zu %s (%.0f%%); ",
		    p->nodes[a->top_storer].name, a->stored[a->top_storer],
		    a->stored_total == a->nroutes ? "" : "the ",
		    a->stored_total, a->stored_total == a->nroutes ?
		    cli_plural(a->stored_total, "route", "routes") :
		    cli_plural(a->stored_total, "route that makes a link",
		    "routes that make links"), 100.0 *
		    (double)a->stored[a->top_storer] /
		    (double)a->stored_total);
		if (none > 0)
			cli_printf(out, "%zu %s none\n", none,
			    cli_plural(none, "node stores", "nodes store"));
		else
			fputs("every node stores some\n", out);
	}
	if (h != NULL)
		hazards_section(out, a, h);
	if (rp != NULL)
		cli_replication_section(out, a, rp);

	cli_report_warnings(out, diags);
	return 0;
}

int
cli_report_text(FILE *out, const struct mesh_analysis *a,
    const struct mesh_diags *diags)
{
	return report(out, a, diags, NULL, NULL);
}

int
cli_report_text_replication(FILE *out, const struct mesh_analysis *a,
    const struct mesh_replication *r, const struct mesh_diags *diags)
{
	return report(out, a, diags, NULL, r);
}

int
cli_report_text_hazards(FILE *out, const struct mesh_analysis *a,
    const struct mesh_diags *diags)
{
	struct hazards h = { NULL, NULL, NULL, 0 };
	int rc = -1;

	if (mesh_restart_hazards(a->plan, a->is_down, &h.first,
	    &h.strands) == MESH_OK &&
	    mesh_stranded(a->plan, a->is_down, &h.stranded,
	    &h.nstranded) == MESH_OK)
		rc = report(out, a, diags, &h, NULL);
	free(h.first);
	free(h.strands);
	free(h.stranded);
	return rc;
}
