/* cli_msgs.c: every message the tool writes to stderr, in one place. */
#include <stdarg.h>
#include <stdio.h>

#include "cli/cli.h"

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
