/* cli_msgs.c: every message the tool writes to stderr, in one place. */
#include <stdarg.h>
#include <stdio.h>

#include "cli/cli.h"

/* The usage lines, as docs/cli.md gives them. */
void
cli_usage(FILE *f)
{
	cli_progress_clear();
	fputs("usage: meshsim check [--format text|json|dot|svg|sarif] [--down NODES]\n"
	    "                     [--fail-on never|partition|spof|bridge]\n"
	    "                     [--model graph|mesh|replication] "
	    "[--input-format FORMAT]\n"
	    "                     [--apply NODE=REQUEST.json]...\n"
	    "                     [--generation nats|replication]\n"
	    "                     [--inventory FILE] [--env NODE=FILE]...\n"
	    "                     [--connectivity-limit N] [-o FILE]\n"
	    "                     [--nats-args NODE=FILE]...\n"
	    "                     PLAN | [HOST=]CONFIG.yaml ... |\n"
	    "                     [HOST=]CONFIG.conf ...\n"
	    "       meshsim sweep [--k N] [--by KEY] [--model graph|mesh]\n"
	    "                     [--force] [-j N] [--format text|json]\n"
	    "                     [--shard I/N] [--input-format FORMAT]\n"
	    "                     [-o FILE] PLAN\n"
	    "       meshsim availability [--node-availability P]\n"
	    "                     [--trials N] [--seed S] [--fail-below P]\n"
	    "                     [--force] [-j N] [--format text|json]\n"
	    "                     [--shard I/N] [--input-format FORMAT]\n"
	    "                     [-o FILE] PLAN\n"
	    "       meshsim merge [--format text|json] [-o FILE] PARTIAL...\n"
	    "       meshsim simulate [--format text|json|junit] [-o FILE] PLAN\n"
	    "       meshsim report [--format html|md] [--down NODES]\n"
	    "                     [--by LABEL] [--input-format FORMAT] "
	    "[-o FILE] PLAN\n"
	    "       meshsim diff [--format text|json|markdown]\n"
	    "                     [--input-format FORMAT] [--trials N] [--seed S]\n"
	    "                     [-o FILE] OLD NEW\n"
	    "       meshsim suggest [--target 2|3] [--by KEY] [--format text|json]\n"
	    "                     [--input-format FORMAT] [-o PLAN] PLAN\n"
	    "       meshsim export [--format json|graphml|gml|dot|nats]\n"
	    "                     [--loopback BASEPORT] [--input-format FORMAT]\n"
	    "                     [-o FILE|DIR] PLAN\n"
	    "       meshsim import harper [--generation nats|replication]\n"
	    "                     [--inventory FILE] [--env NODE=FILE]...\n"
	    "                     [-o PLAN] [HOST=]CONFIG.yaml ...\n"
	    "       meshsim import harper-routes [--inventory FILE] [-o PLAN]\n"
	    "                     NODE=ANSWER.json ...\n"
	    "       meshsim import harper-network [--inventory FILE]\n"
	    "                     [--fail-on-drift] [-o PLAN] ANSWER.json\n"
	    "       meshsim import harper-cluster-status [--configured PLAN]\n"
	    "                     [--fail-on-drift] [-o PLAN]\n"
	    "                     [NODE=]ANSWER.json ...\n"
	    "       meshsim import kubernetes [-o PLAN] MANIFEST.yaml ...\n"
	    "       meshsim import compose [-o PLAN] COMPOSE.yml\n"
	    "       meshsim import nats [--inventory FILE] [--nats-args NODE=FILE]...\n"
	    "                     [-o PLAN] [HOST=]CONFIG.conf ...\n"
	    "       meshsim import nats-routez [--fail-on-drift] [-o PLAN]\n"
	    "                     NODE=ANSWER.json ...\n"
	    "       meshsim --help | --version\n"
	    "-q, --quiet: no progress bar (drawn on stderr when it is a terminal)\n"
	    "FORMAT: auto json gml graphml edgelist ncol harper kubernetes compose\n"
	    "        nats\n"
	    "Every command also takes the input limits [--max-input-size SIZE]\n"
	    "  [--max-nodes N] [--max-routes N] [--max-name-length N]\n"
	    "  [--max-depth N] (defaults 1G, 2M, 10M, 1024, 64).\n", f);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	cli_progress_clear();
	fputs("meshsim: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* "meshsim: note: " and the message, on stderr: what the output says
 * and the user may have missed (a --by key no node has). */
void
cli_note(const char *fmt, ...)
{
	va_list ap;

	cli_progress_clear();
	fputs("meshsim: note: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* file:line:column: severity: message [code], as a compiler writes it;
 * unknown parts are left out. */
void
cli_diag_to(FILE *f, const struct mesh_diag *d)
{
	if (f == stderr)
		cli_progress_clear();
	if (d->file != NULL) {
		fputs(d->file, f);
		if (d->line > 0) {
			fprintf(f, ":%d", d->line);
			if (d->column > 0)
				fprintf(f, ":%d", d->column);
		}
		fputs(": ", f);
	} else {
		fputs("meshsim: ", f);
	}
	fprintf(f, "%s: %s [%s]\n", mesh_severity_name(d->severity),
	    d->message, d->code);
}

void
cli_diags(const struct mesh_diags *d, enum mesh_severity min)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].severity >= min)
			cli_diag_to(stderr, &d->v[i]);
	if (d->nomem)
		cli_error("out of memory: some diagnostics were lost");
}

int
cli_read_failed(const char *who, enum mesh_error err,
    const struct mesh_diags *d)
{
	cli_diags(d, MESH_NOTE);
	if (err != MESH_EINPUT && err != MESH_EIO)
		cli_error("%s: %s", who, mesh_strerror(err));
	return CLI_EXIT_BAD;
}
