/* cli_msgs.c: every message the tool writes to stderr, in one place. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

/*
 * Write s to f with its control characters escaped as C and JSON write
 * them: \n, \r and \t, the rest of C0 and DEL as \xHH, and the C1
 * controls (U+0080 to U+009F, two bytes in UTF-8) as \u0080 to \u009f.
 * Text quoted from an input (a name, a host, a key) then can neither
 * move the cursor, recolour or clear the terminal, nor start a line that
 * reads as another diagnostic. Everything else, a backslash too, is
 * written as it is (docs/diagnostics.md).
 */
static void
put_text(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	/* Plain runs in one fwrite each: stderr is unbuffered. */
	for (;; p++) {
		if (*p >= 0x20 && *p != 0x7f && !(*p == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f))
			continue;
		if (p > run)
			fwrite(run, 1, (size_t)(p - run), f);
		if (*p == '\0')
			return;
		if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\r')
			fputs("\\r", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p == 0xc2)
			fprintf(f, "\\u%04x", *++p);
		else
			fprintf(f, "\\x%02x", *p);
		run = p + 1;
	}
}

/* fmt and ap formatted, then written to f by put_text(). Out of memory
 * for a message longer than the buffer: its first 511 bytes. */
static void
put_vtext(FILE *f, const char *fmt, va_list ap)
{
	char small[512], *s = small;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small) &&
	    (s = malloc((size_t)n + 1)) != NULL)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	put_text(f, s != NULL ? s : small);
	if (s != small)
		free(s);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	cli_progress_clear();
	fputs("meshsim: error: ", stderr);
	va_start(ap, fmt);
	put_vtext(stderr, fmt, ap);
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
	put_vtext(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* file:line:column: severity: message [code], as a compiler writes it;
 * unknown parts are left out, and the file and message written by
 * put_text() (the library's diagnostic keeps the text as read: JSON,
 * SARIF and JUnit escape it their own way). */
void
cli_diag_to(FILE *f, const struct mesh_diag *d)
{
	if (f == stderr)
		cli_progress_clear();
	if (d->file != NULL) {
		put_text(f, d->file);
		if (d->line > 0) {
			fprintf(f, ":%d", d->line);
			if (d->column > 0)
				fprintf(f, ":%d", d->column);
		}
		fputs(": ", f);
	} else {
		fputs("meshsim: ", f);
	}
	fprintf(f, "%s: ", mesh_severity_name(d->severity));
	put_text(f, d->message);
	fprintf(f, " [%s]\n", d->code);
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
