/* placer.h: labels placed so that none overlaps another or a mark: greedy over candidate spots, with a grid of cells to stay near-linear. */
#ifndef MESH_PLACER_H
#define MESH_PLACER_H

#include <stddef.h>

/* A box: x0 <= x < x1, y0 <= y < y1, in SVG pixels. */
struct mesh_i_box {
	double x0, y0, x1, y1;
};

/*
 * The boxes taken so far (labels and marks), in a grid of square cells
 * over the area [0, w) x [0, h): a box is listed in each cell it touches,
 * so a query reads only the boxes near it.
 */
struct mesh_i_placer {
	double w, h, cell;
	size_t gw, gh;
	struct mesh_i_box *boxes;
	size_t nboxes, boxes_cap;
	size_t **cells;         /* per cell: box indices */
	size_t *ncell, *cell_cap;
};

/*
 * An empty placer over w x h with cells of side cell. Returns 0, or -1
 * when out of memory (nothing is then held; mesh_i_placer_free() may
 * still be called).
 */
int mesh_i_placer_init(struct mesh_i_placer *p, double w, double h,
    double cell);

/* Free what p holds; p is then empty and may be freed again. */
void mesh_i_placer_free(struct mesh_i_placer *p);

/* Whether box b is inside the area and overlaps no box taken. */
int mesh_i_placer_free_at(const struct mesh_i_placer *p,
    const struct mesh_i_box *b);

/* Take box b (clipped to the area). Returns 0, or -1 when out of memory
 * (p is unaltered). */
int mesh_i_placer_take(struct mesh_i_placer *p, const struct mesh_i_box *b);

/*
 * The width, in pixels, that text takes at font size px in the common
 * sans-serif fonts (DejaVu Sans, the widest of them, Liberation Sans,
 * Arial, Helvetica): an upper bound per character, so that boxes so
 * measured hold the text as browsers draw it. UTF-8 counts one wide
 * character per code point beyond ASCII.
 */
double mesh_i_text_width(const char *text, double px);

/* Above and below the baseline, as fractions of the font size: bounds of
 * the same fonts' ascent and descent. */
#define MESH_I_TEXT_ASCENT 0.96
#define MESH_I_TEXT_DESCENT 0.26

#endif
