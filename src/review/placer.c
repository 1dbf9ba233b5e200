/* placer.c: labels placed so that none overlaps another or a mark: greedy over candidate spots, with a grid of cells to stay near-linear. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "review/placer.h"

int
mesh_i_placer_init(struct mesh_i_placer *p, double w, double h, double cell)
{
	size_t n;

	memset(p, 0, sizeof(*p));
	p->w = w;
	p->h = h;
	p->cell = cell;
	p->gw = (size_t)(w / cell) + 1;
	p->gh = (size_t)(h / cell) + 1;
	n = p->gw * p->gh;
	p->cells = calloc(n, sizeof(*p->cells));
	p->ncell = calloc(n, sizeof(*p->ncell));
	p->cell_cap = calloc(n, sizeof(*p->cell_cap));
	if (p->cells == NULL || p->ncell == NULL || p->cell_cap == NULL) {
		mesh_i_placer_free(p);
		return -1;
	}
	return 0;
}

void
mesh_i_placer_free(struct mesh_i_placer *p)
{
	size_t i;

	if (p->cells != NULL)
		for (i = 0; i < p->gw * p->gh; i++)
			free(p->cells[i]);
	free(p->cells);
	free(p->ncell);
	free(p->cell_cap);
	free(p->boxes);
	memset(p, 0, sizeof(*p));
}

/* The cell range [*c0, *c1] covered by [a, b) along an axis of g cells. */
static void
cell_range(const struct mesh_i_placer *p, double a, double b, size_t g,
    size_t *c0, size_t *c1)
{
	double lo = floor(a / p->cell), hi = floor(b / p->cell);

	if (lo < 0)
		lo = 0;
	if (hi < 0)
		hi = 0;
	*c0 = lo >= (double)g ? g - 1 : (size_t)lo;
	*c1 = hi >= (double)g ? g - 1 : (size_t)hi;
}

/* Whether a and b share an area (touching is not overlapping). */
static int
overlap(const struct mesh_i_box *a, const struct mesh_i_box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 &&
	    b->y0 < a->y1;
}

int
mesh_i_placer_free_at(const struct mesh_i_placer *p,
    const struct mesh_i_box *b)
{
	size_t x0, x1, y0, y1, x, y, i;

	if (b->x0 < 0 || b->y0 < 0 || b->x1 > p->w || b->y1 > p->h)
		return 0;
	cell_range(p, b->x0, b->x1, p->gw, &x0, &x1);
	cell_range(p, b->y0, b->y1, p->gh, &y0, &y1);
	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++) {
			size_t c = y * p->gw + x;

			for (i = 0; i < p->ncell[c]; i++)
				if (overlap(b, &p->boxes[p->cells[c][i]]))
					return 0;
		}
	return 1;
}

int
mesh_i_placer_take(struct mesh_i_placer *p, const struct mesh_i_box *b)
{
	size_t x0, x1, y0, y1, x, y;

	if (p->nboxes == p->boxes_cap) {
		size_t cap = p->boxes_cap ? 2 * p->boxes_cap : 64;
		struct mesh_i_box *nb = realloc(p->boxes, cap * sizeof(*nb));

		if (nb == NULL)
			return -1;
		p->boxes = nb;
		p->boxes_cap = cap;
	}
	cell_range(p, b->x0, b->x1, p->gw, &x0, &x1);
	cell_range(p, b->y0, b->y1, p->gh, &y0, &y1);
	/* Room first in every cell, so that failure alters nothing. */
	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++) {
			size_t c = y * p->gw + x;

			if (p->ncell[c] == p->cell_cap[c]) {
				size_t cap = p->cell_cap[c] ?
				    2 * p->cell_cap[c] : 4;
				size_t *nc = realloc(p->cells[c],
				    cap * sizeof(*nc));

				if (nc == NULL)
					return -1;
				p->cells[c] = nc;
				p->cell_cap[c] = cap;
			}
		}
	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++) {
			size_t c = y * p->gw + x;

			p->cells[c][p->ncell[c]++] = p->nboxes;
		}
	p->boxes[p->nboxes++] = *b;
	return 0;
}

double
mesh_i_text_width(const char *text, double px)
{
	const unsigned char *s;
	char esc[MESH_I_CONTROL_ESC];
	double em = 0;
	size_t n;

	/* DejaVu Sans advance widths, rounded up, by class; a control
	 * character as the escape the picture shows (mesh_i_buf_xml()). */
	for (s = (const unsigned char *)text; *s; s++) {
		if (MESH_I_MAY_CONTROL(*s) &&
		    (n = mesh_i_control((const char *)s, esc)) > 0) {
			em += mesh_i_text_width(esc, 1);
			s += n - 1;
			continue;
		}
		if ((*s & 0xC0) == 0x80)
			continue;       /* a UTF-8 continuation byte */
		if (*s >= 0x80)
			em += 1.0;
		else if (strchr("iljI.,:;'|!", *s) != NULL)
			em += 0.32;
		else if (strchr("ftr -()[]/\\", *s) != NULL)
			em += 0.44;
		else if (strchr("mwMW@%", *s) != NULL)
			em += 1.0;
		else if (*s >= 'A' && *s <= 'Z')
			em += 0.8;
		else
			em += 0.66;
	}
	return em * px;
}
