/* json_writer.c: the one writer of meshsim's JSON: commas, layout, strings, numbers. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "out/json_writer.h"

void
mesh_i_jw_init(struct mesh_i_jw *w, struct mesh_i_buf *b,
    enum mesh_i_jw_number number)
{
	w->b = b;
	w->number = number;
	w->depth = 0;
	w->keyed = 0;
}

void
mesh_i_jw_inside(struct mesh_i_jw *w, int depth)
{
	int i;

	if (depth > MESH_I_JW_DEPTH) {
		w->b->failed = 1;
		return;
	}
	for (i = 0; i < depth; i++) {
		w->open[i].n = 1;
		w->open[i].layout = MESH_I_JW_LINES;
		w->open[i].close = '}';
	}
	w->depth = depth;
	w->keyed = 1;
}

/* A new line and the indentation of depth levels. */
static void
new_line(struct mesh_i_jw *w, int depth)
{
	int i;

	mesh_i_buf_add(w->b, "\n", 1);
	for (i = 0; i < depth; i++)
		mesh_i_buf_add(w->b, "  ", 2);
}

/* Before a key, or a value that is not a key's: the separator that its
 * container's layout puts before it. */
static void
member(struct mesh_i_jw *w)
{
	struct mesh_i_jw_level *l;

	if (w->keyed) {
		w->keyed = 0;
		return;
	}
	if (w->depth == 0)
		return;
	l = &w->open[w->depth - 1];
	if (l->layout == MESH_I_JW_LINES) {
		if (l->n > 0)
			mesh_i_buf_add(w->b, ",", 1);
		new_line(w, w->depth);
	} else if (l->n > 0)
		mesh_i_buf_add(w->b, ", ", 2);
	l->n++;
}

static void
begin(struct mesh_i_jw *w, char bracket, char close,
    enum mesh_i_jw_layout layout)
{
	struct mesh_i_jw_level *l;

	member(w);
	if (w->depth == MESH_I_JW_DEPTH) {
		w->b->failed = 1;
		return;
	}
	mesh_i_buf_add(w->b, &bracket, 1);
	l = &w->open[w->depth++];
	l->n = 0;
	l->layout = layout;
	l->close = close;
}

void
mesh_i_jw_object(struct mesh_i_jw *w, enum mesh_i_jw_layout layout)
{
	begin(w, '{', '}', layout);
}

void
mesh_i_jw_array(struct mesh_i_jw *w, enum mesh_i_jw_layout layout)
{
	begin(w, '[', ']', layout);
}

void
mesh_i_jw_end(struct mesh_i_jw *w)
{
	const struct mesh_i_jw_level *l;

	if (w->depth == 0) {
		w->b->failed = 1;
		return;
	}
	l = &w->open[--w->depth];
	if (l->layout == MESH_I_JW_LINES && l->n > 0)
		new_line(w, w->depth);
	mesh_i_buf_add(w->b, &l->close, 1);
}

void
mesh_i_jw_key(struct mesh_i_jw *w, const char *key)
{
	member(w);
	mesh_i_buf_json_string(w->b, key);
	mesh_i_buf_add(w->b, ": ", 2);
	w->keyed = 1;
}

void
mesh_i_jw_string(struct mesh_i_jw *w, const char *s)
{
	member(w);
	mesh_i_buf_json_string(w->b, s);
}

void
mesh_i_jw_string_or_null(struct mesh_i_jw *w, const char *s)
{
	if (s != NULL)
		mesh_i_jw_string(w, s);
	else
		mesh_i_jw_null(w);
}

void
mesh_i_jw_int(struct mesh_i_jw *w, intmax_t v)
{
	member(w);
	mesh_i_buf_printf(w->b, "%jd", v);
}

void
mesh_i_jw_uint(struct mesh_i_jw *w, uintmax_t v)
{
	member(w);
	mesh_i_buf_printf(w->b, "%ju", v);
}

void
mesh_i_jw_int_or_null(struct mesh_i_jw *w, int v)
{
	if (v >= 0)
		mesh_i_jw_int(w, v);
	else
		mesh_i_jw_null(w);
}

void
mesh_i_jw_bool(struct mesh_i_jw *w, int v)
{
	member(w);
	mesh_i_buf_puts(w->b, v ? "true" : "false");
}

void
mesh_i_jw_null(struct mesh_i_jw *w)
{
	member(w);
	mesh_i_buf_add(w->b, "null", 4);
}

/* x with the fewest significant digits (at most 17) that read back as x. */
static void
shortest(struct mesh_i_buf *b, double x)
{
	char s[40];
	int prec;

	for (prec = 1; prec < 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, x);
		if (strtod(s, NULL) == x)
			break;
	}
	mesh_i_buf_printf(b, "%.*g", prec, x);
}

void
mesh_i_jw_number(struct mesh_i_jw *w, double x)
{
	member(w);
	switch (w->number) {
	case MESH_I_JW_G12:
		mesh_i_buf_printf(w->b, "%.12g", x);
		break;
	case MESH_I_JW_FIXED4:
		mesh_i_buf_printf(w->b, "%.4f", x);
		break;
	case MESH_I_JW_SHORTEST:
		shortest(w->b, x);
		break;
	}
}

char *
mesh_i_jw_take(struct mesh_i_jw *w)
{
	if (w->depth != 0)
		w->b->failed = 1;
	mesh_i_buf_add(w->b, "\n", 1);
	return mesh_i_buf_take(w->b);
}
