/* diag.c: the list of diagnostics (diag.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"

void
mesh_diags_init(struct mesh_diags *d)
{
	memset(d, 0, sizeof(*d));
}

void
mesh_diags_clear(struct mesh_diags *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->v[i].message);      /* file and node are in it */
	free(d->v);
	mesh_diags_init(d);
}

/* The block of a diagnostic: message (lm bytes with its NUL), then file
 * and node when not NULL; g's three pointers set into it. Returns the
 * block, or NULL when out of memory (g untouched). */
static char *
diag_block(struct mesh_diag *g, const char *message, size_t lm,
    const char *file, const char *node)
{
	size_t lf = file ? strlen(file) + 1 : 0;
	size_t ln = node ? strlen(node) + 1 : 0;
	char *b;

	if ((b = malloc(lm + lf + ln)) == NULL)
		return NULL;
	if (message != NULL)
		memcpy(b, message, lm);
	g->message = b;
	g->file = file ? memcpy(b + lm, file, lf) : NULL;
	g->node = node ? memcpy(b + lm + lf, node, ln) : NULL;
	return b;
}

int
mesh_diags_add(struct mesh_diags *d, enum mesh_severity sev,
    const char *code, const char *file, int line, int column,
    const char *node, const char *fmt, ...)
{
	struct mesh_diag g = { sev, code, NULL, NULL, line, column, NULL };
	char small[256];
	va_list ap;
	int n;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		struct mesh_diag *v = realloc(d->v, cap * sizeof(*v));

		if (v == NULL)
			goto nomem;
		d->v = v;
		d->cap = cap;
	}
	/* The message, the file and the node in one block, the message
	 * first: mesh_diags_clear() frees it through g.message. The text is
	 * formatted once where it fits the stack buffer (most do). */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0 || diag_block(&g, (size_t)n < sizeof(small) ? small : NULL,
	    (size_t)n + 1, file, node) == NULL)
		goto nomem;
	if ((size_t)n >= sizeof(small)) {
		va_start(ap, fmt);
		vsnprintf(g.message, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	d->v[d->n++] = g;
	if (sev == MESH_ERROR)
		d->errors++;
	return 0;
nomem:
	d->nomem = 1;
	if (sev == MESH_ERROR)
		d->errors++;
	return -1;
}

int
mesh_i_diag_set_file(struct mesh_diag *g, const char *file)
{
	struct mesh_diag h = *g;

	if (diag_block(&h, g->message, strlen(g->message) + 1, file,
	    g->node) == NULL)
		return -1;
	free(g->message);
	*g = h;
	return 0;
}

/* Compare two pointers into the list: by file, line, column, then by
 * position in the list, which makes qsort stable. */
static int
diag_cmp(const void *pa, const void *pb)
{
	const struct mesh_diag *a = *(const struct mesh_diag *const *)pa;
	const struct mesh_diag *b = *(const struct mesh_diag *const *)pb;
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");

	if (c != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return (a > b) - (a < b);
}

void
mesh_diags_sort(struct mesh_diags *d)
{
	struct mesh_diag **p = NULL, *sorted = NULL;
	size_t i;

	if (d->n < 2)
		return;
	p = malloc(d->n * sizeof(*p));
	sorted = malloc(d->n * sizeof(*sorted));
	if (p == NULL || sorted == NULL)
		goto done;	/* left in insertion order: still deterministic */
	for (i = 0; i < d->n; i++)
		p[i] = &d->v[i];
	qsort(p, d->n, sizeof(*p), diag_cmp);
	for (i = 0; i < d->n; i++)
		sorted[i] = *p[i];
	memcpy(d->v, sorted, d->n * sizeof(*sorted));
done:
	free(p);
	free(sorted);
}

const char *
mesh_severity_name(enum mesh_severity sev)
{
	switch (sev) {
	case MESH_NOTE:         return "note";
	case MESH_WARNING:      return "warning";
	case MESH_ERROR:        return "error";
	}
	return "unknown";
}
