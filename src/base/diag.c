/* diag.c: the list of diagnostics (diag.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"

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

/* Copy file and node (each may be NULL; lf and ln their sizes with the
 * NUL, 0 for NULL) into g's block after its message's lm bytes, and
 * point g at them. */
static void
place(struct mesh_diag *g, size_t lm, const char *file, size_t lf,
    const char *node, size_t ln)
{
	g->file = file ? memcpy(g->message + lm, file, lf) : NULL;
	g->node = node ? memcpy(g->message + lm + lf, node, ln) : NULL;
}

int
mesh_diags_add(struct mesh_diags *d, enum mesh_severity sev,
    const char *code, const char *file, int line, int column,
    const char *node, const char *fmt, ...)
{
	struct mesh_diag g = { sev, code, NULL, NULL, line, column, NULL };
	size_t lm, lf = file ? strlen(file) + 1 : 0;
	size_t ln = node ? strlen(node) + 1 : 0;
	va_list ap;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		struct mesh_diag *v = realloc(d->v, cap * sizeof(*v));

		if (v == NULL)
			goto nomem;
		d->v = v;
		d->cap = cap;
	}
	/* The message, the file and the node in one block, the message
	 * first: mesh_diags_clear() frees it through g.message. */
	va_start(ap, fmt);
	g.message = mesh_i_vasprintf_room(lf + ln, &lm, fmt, ap);
	va_end(ap);
	if (g.message == NULL)
		goto nomem;
	place(&g, lm + 1, file, lf, node, ln);
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
	size_t lm = strlen(g->message) + 1;
	size_t lf = file ? strlen(file) + 1 : 0;
	size_t ln = g->node ? strlen(g->node) + 1 : 0;

	if ((h.message = malloc(lm + lf + ln)) == NULL)
		return -1;
	memcpy(h.message, g->message, lm);
	place(&h, lm, file, lf, g->node, ln);
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
