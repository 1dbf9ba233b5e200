/* cli_msgs.c: every message the tool writes to stderr, in one place. */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "cli/cli.h"

/*
 * Write s to f with its control characters escaped as C and JSON write
 * them (mesh_i_control(), the one table): \n, \r and \t, the rest of C0
 * and DEL as \xHH, and the C1 controls (U+0080 to U+009F, two bytes in
 * UTF-8) as \u0080 to \u009f. Text quoted from an input (a name, a host,
 * a key) then can neither move the cursor, recolour or clear the
 * terminal, nor start a line that reads as another diagnostic.
 * Everything else, a backslash too, is written as it is
 * (docs/diagnostics.md). put_text_max() writes at most max bytes of s
 * (a C1 control that does not fit whole is left out).
 */
static void
put_text_max(FILE *f, const char *s, size_t max)
{
	const char *p, *run = s, *end = s + strnlen(s, max);
	char esc[MESH_I_CONTROL_ESC];
	size_t n;

	/* Plain runs in one fwrite each: stderr is unbuffered. */
	for (p = s; p < end; p++) {
		if (!MESH_I_MAY_CONTROL(*p) ||
		    (n = mesh_i_control(p, esc)) == 0)
			continue;
		if (n > (size_t)(end - p)) {
			end = p;        /* a C1 control cut by max */
			break;
		}
		if (p > run)
			fwrite(run, 1, (size_t)(p - run), f);
		fputs(esc, f);
		p += n - 1;
		run = p + 1;
	}
	if (end > run)
		fwrite(run, 1, (size_t)(end - run), f);
}

static void
put_text(FILE *f, const char *s)
{
	put_text_max(f, s, SIZE_MAX);
}

void
cli_puts(FILE *out, const char *s)
{
	put_text(out, s);
}

/*
 * Skip, in ap, the argument of a conversion of length len (the modifier:
 * "", "hh", "h", "l", "ll", "z", "j", "t" or "L") and conversion conv,
 * which is not 's'.
 */
static void
skip_arg(va_list *ap, const char *len, char conv)
{
	if (strchr("fFeEgGaA", conv) != NULL) {
		if (*len == 'L')
			(void)va_arg(*ap, long double);
		else
			(void)va_arg(*ap, double);
	} else if (conv == 'p') {
		(void)va_arg(*ap, void *);
	} else if (conv == 'c') {
		(void)va_arg(*ap, int);
	} else if (strcmp(len, "ll") == 0) {
		(void)va_arg(*ap, long long);
	} else if (*len == 'l') {
		(void)va_arg(*ap, long);
	} else if (*len == 'z') {
		(void)va_arg(*ap, size_t);
	} else if (*len == 'j') {
		(void)va_arg(*ap, intmax_t);
	} else if (*len == 't') {
		(void)va_arg(*ap, ptrdiff_t);
	} else {
		(void)va_arg(*ap, int); /* c, and d i o u x X of int or less */
	}
}

/* A width or a precision at *q, moved past it: digits (none: 0), or
 * '*', the next int of *ap. */
static int
spec_number(const char **q, va_list *ap)
{
	int v = 0;

	if (**q == '*') {
		(*q)++;
		return va_arg(*ap, int);
	}
	for (; **q >= '0' && **q <= '9'; (*q)++)
		v = v * 10 + (**q - '0');
	return v;
}

/*
 * One conversion of cli_vprintf(): spec ("%-*zu"), with its length
 * modifier len and its conversion conv, and its arguments at *ap, moved
 * past them. A string is written by put_text_max(), padded with spaces
 * to the width and cut at the precision as printf() would (in bytes).
 */
static void
put_conversion(FILE *out, const char *spec, const char *len, char conv,
    va_list *ap)
{
	const char *q = spec + 1, *s;
	size_t nflags = strspn(q, "-+ #0"), n;
	int left = memchr(q, '-', nflags) != NULL, width, prec = -1;
	va_list aq;

	if (conv != 's') {
		va_copy(aq, *ap);
		vfprintf(out, spec, aq);
		va_end(aq);
		for (s = strchr(spec, '*'); s != NULL; s = strchr(s + 1, '*'))
			(void)va_arg(*ap, int);
		skip_arg(ap, len, conv);
		return;
	}
	q += nflags;
	if ((width = spec_number(&q, ap)) < 0) {
		left = 1;       /* a negative '*' width: '-' and its value */
		width = width == INT_MIN ? INT_MAX : -width;
	}
	if (*q == '.') {
		q++;
		prec = spec_number(&q, ap);     /* negative: none */
	}
	if ((s = va_arg(*ap, const char *)) == NULL)
		s = "(null)";
	n = strnlen(s, prec >= 0 ? (size_t)prec : SIZE_MAX);
	for (; !left && (size_t)width > n; width--)
		fputc(' ', out);
	put_text_max(out, s, n);
	for (; left && (size_t)width > n; width--)
		fputc(' ', out);
}

/*
 * The conversion *p points to (a '%', not of "%%"): its text into spec
 * (32 bytes), its length modifier into len (3 bytes), *p moved past it.
 * Returns its conversion character, or 0 when it is none of printf's or
 * too long for spec (*p then unmoved).
 */
static char
conversion(const char **p, char *spec, char *len)
{
	const char *q = *p + 1, *l;
	size_t n;

	q += strspn(q, "-+ #0");
	q += *q == '*' ? 1 : strspn(q, "0123456789");
	if (*q == '.') {
		q++;
		q += *q == '*' ? 1 : strspn(q, "0123456789");
	}
	l = q;
	q += strspn(q, "hlzjtL");
	n = (size_t)(q - l);
	if (*q == '\0' || n > 2 || (size_t)(q + 1 - *p) >= 32)
		return 0;
	memcpy(len, l, n);
	len[n] = '\0';
	memcpy(spec, *p, (size_t)(q + 1 - *p));
	spec[q + 1 - *p] = '\0';
	*p = q + 1;
	return *q;
}

/* Whether a string of fmt's conversions holds a control character that
 * put_text() escapes (or cannot be told without the slow way: a string
 * with a precision, a conversion not of printf's). */
static int
any_control(const char *fmt, va_list ap)
{
	const char *p = fmt, *s;
	char spec[32], len[3], c;
	va_list aq;
	size_t n, i;
	int found = 0;

	va_copy(aq, ap);
	while (!found && (p = strchr(p, '%')) != NULL) {
		if (p[1] == '%') {
			p += 2;
			continue;
		}
		if ((c = conversion(&p, spec, len)) == 0) {
			found = 1;
			break;
		}
		for (s = strchr(spec, '*'); s != NULL; s = strchr(s + 1, '*'))
			(void)va_arg(aq, int);
		if (c != 's') {
			skip_arg(&aq, len, c);
			continue;
		}
		if ((s = va_arg(aq, const char *)) == NULL ||
		    strchr(spec, '.') != NULL) {
			found = 1;
			break;
		}
		for (n = strlen(s), i = mesh_i_control_span(s, n); i < n &&
		    !found; i += 1 + mesh_i_control_span(s + i + 1, n - i - 1))
			found = mesh_i_control(s + i, NULL) > 0;
	}
	va_end(aq);
	return found;
}

void
cli_vprintf(FILE *out, const char *fmt, va_list ap)
{
	const char *p = fmt;
	char spec[32], lenmod[3], c;
	va_list aq;
	size_t n;

	/* Most text holds no control character: then printf's own way. */
	if (!any_control(fmt, ap)) {
		vfprintf(out, fmt, ap);
		return;
	}
	va_copy(aq, ap);
	while (*p != '\0') {
		if (*p != '%') {
			n = strcspn(p, "%");
			fwrite(p, 1, n, out);
			p += n;
		} else if (p[1] == '%') {
			fputc('%', out);
			p += 2;
		} else if ((c = conversion(&p, spec, lenmod)) != 0) {
			put_conversion(out, spec, lenmod, c, &aq);
		} else {
			fputs(p, out);  /* not a conversion of printf's */
			break;
		}
	}
	va_end(aq);
}

void
cli_printf(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vprintf(out, fmt, ap);
	va_end(ap);
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

/* Diagnostics cli_diags() gathers for each write to stderr. */
#define DIAGS_A_WRITE 256

/* Write to f the diagnostics of d from from on of severity min or more,
 * DIAGS_A_WRITE at most; returns the index after the last one looked at. */
static size_t
put_diags(FILE *f, const struct mesh_diags *d, size_t from,
    enum mesh_severity min)
{
	size_t i, n = 0;

	for (i = from; i < d->n && n < DIAGS_A_WRITE; i++)
		if (d->v[i].severity >= min) {
			cli_diag_to(f, &d->v[i]);
			n++;
		}
	return i;
}

/*
 * stderr is unbuffered, and cli_diag_to() makes about seven writes of a
 * diagnostic: a few thousand warnings were a fifth of an import's time.
 * So they are gathered, DIAGS_A_WRITE at a time, in a memory stream and
 * written together; each one as it comes when no stream can be had.
 */
void
cli_diags(const struct mesh_diags *d, enum mesh_severity min)
{
	size_t i = 0, next, len = 0;
	char *buf;
	FILE *m;
	int ok;

	while (i < d->n) {
		buf = NULL;
		if ((m = open_memstream(&buf, &len)) == NULL) {
			i = put_diags(stderr, d, i, min);
			continue;
		}
		next = put_diags(m, d, i, min);
		/* A write that failed (out of memory) marks the stream;
		 * fflush() sets buf and len (fclose() would not, when its
		 * last realloc fails). buf is then ours, moved or not by
		 * fclose(). */
		ok = fflush(m) == 0 && !ferror(m) && buf != NULL;
		if (ok) {
			cli_progress_clear();
			fwrite(buf, 1, len, stderr);
		}
		fclose(m);
		if (!ok)        /* out of memory in the stream: one at a time */
			put_diags(stderr, d, i, min);
		free(buf);
		i = next;
	}
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
