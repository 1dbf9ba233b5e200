/* cli_replication.c: the text report's lines for the replication model (docs/replication.md). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "meshsim/replication.h"

int
cli_replication_verdicts(FILE *out, const struct mesh_replication *r)
{
	char *run = mesh_replication_running_text(r);
	char *join = mesh_replication_joining_text(r);
	int rc = -1;

	if (run != NULL && join != NULL) {
		cli_printf(out, "verdict (running cluster, replication): %s\n"
		    "verdict (joining): %s\n"
		    "model: replication (docs/replication.md): a formed "
		    "cluster is a full mesh of its\nmembers; the route graph "
		    "below decides who can join\n", run, join);
		rc = 0;
	}
	free(run);
	free(join);
	return rc;
}

void
cli_replication_section(FILE *out, const struct mesh_analysis *a,
    const struct mesh_replication *r)
{
	const struct mesh_plan *p = r->plan;
	size_t i;

	if (r->nclusters > 1 && a->ndown > 0) {
		fputs("\nrunning clusters (replication), largest first:\n",
		    out);
		for (i = 0; i < r->nclusters && i < CLI_LIST_MAX; i++) {
			size_t n = r->cluster_start[i + 1] -
			    r->cluster_start[i];

			cli_printf(out, "  %zu. (%zu %s) ", i + 1, n,
			    cli_plural(n, "node", "nodes"));
			cli_names(out, p, r->cluster_nodes + r->cluster_start[i],
			    n, n);
			fputc('\n', out);
		}
		if (r->nclusters > CLI_LIST_MAX)
			cli_printf(out, "  ... and %zu more\n",
			    r->nclusters - CLI_LIST_MAX);
	}
	fputs("\njoin dependencies (replication: while the node on the left "
	    "is down, those on\nthe right cannot join, or rejoin with an "
	    "empty node table; members that restart\nreconnect from their "
	    "node tables):", out);
	if (r->ndeps == 0)
		fputs(" none\n", out);
	else
		fputc('\n', out);
	for (i = 0; i < r->ndeps && i < CLI_LIST_MAX; i++) {
		const struct mesh_repl_dependency *d = &r->deps[i];

		cli_printf(out, "  %s: ", p->nodes[d->node].name);
		cli_names(out, p, r->names + d->first, d->nlisted, d->size);
		fputc('\n', out);
	}
	if (r->ndeps > CLI_LIST_MAX)
		cli_printf(out, "  ... and %zu more\n",
		    r->ndeps - CLI_LIST_MAX);
}

void
cli_replication_note(FILE *out, const struct mesh_plan *p, const char *what)
{
	if (p->cluster != MESH_CLUSTER_HARPER_REPLICATION)
		return;
	cli_printf(out, "note: a replication cluster: %s answers for the route "
	    "graph (who can join),\nnot the running cluster, which stays a "
	    "full mesh of its up members\n(docs/replication.md)\n", what);
}
