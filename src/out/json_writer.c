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
	w->wrap = 0;
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

/* Before a value: the separator its container's layout puts before it,
 * then its key. */
static void
member(struct mesh_i_jw *w, const char *key)
{
	struct mesh_i_jw_level *l;

	if (w->keyed) {
		w->keyed = 0;
		return;
	}
	l = w->depth > 0 ? &w->open[w->depth - 1] : NULL;
	if ((key != NULL) != (l != NULL && l->close == '}'))
		w->b->failed = 1;
	if (l == NULL)
		return;
	if (l->layout == MESH_I_JW_LINES || w->wrap) {
		if (l->n > 0)
			mesh_i_buf_add(w->b, ",", 1);
		new_line(w, w->depth);
		w->wrap = 0;
	} else if (l->n > 0)
		mesh_i_buf_add(w->b, ", ", 2);
	l->n++;
	if (key != NULL) {
		mesh_i_buf_json_string(w->b, key);
		mesh_i_buf_add(w->b, ": ", 2);
	}
}

/* A value written as text: numbers, true, false, null. */
static void
literal(struct mesh_i_jw *w, const char *key, const char *text)
{
	member(w, key);
	mesh_i_buf_puts(w->b, text);
}

/* Open a container: bracket, then close at its end. */
static void
begin(struct mesh_i_jw *w, const char *key, const char *bracket,
    enum mesh_i_jw_layout layout)
{
	struct mesh_i_jw_level *l;

	literal(w, key, bracket);
	if (w->depth == MESH_I_JW_DEPTH) {
		w->b->failed = 1;
		return;
	}
	l = &w->open[w->depth++];
	l->n = 0;
	l->layout = layout;
	l->close = *bracket == '{' ? '}' : ']';
}

void
mesh_i_jw_object(struct mesh_i_jw *w, const char *key,
    enum mesh_i_jw_layout layout)
{
	begin(w, key, "{", layout);
}

void
mesh_i_jw_array(struct mesh_i_jw *w, const char *key,
    enum mesh_i_jw_layout layout)
{
	begin(w, key, "[", layout);
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
mesh_i_jw_wrap(struct mesh_i_jw *w)
{
	w->wrap = 1;
}

void
mesh_i_jw_string(struct mesh_i_jw *w, const char *key, const char *s)
{
	member(w, key);
	mesh_i_buf_json_string(w->b, s);
}

void
mesh_i_jw_string_or_null(struct mesh_i_jw *w, const char *key,
    const char *s)
{
	if (s == NULL)
		literal(w, key, "null");
	else
		mesh_i_jw_string(w, key, s);
}

/* v in decimal, with a '-' when negative is set, ending just before end
 * (a NUL is put there); returns its first character. Room: 22 bytes.
 * snprintf() took a fifth of the JSON's time: a report has a count a
 * node. */
static char *
decimal(char *end, uintmax_t v, int negative)
{
	*end = '\0';
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (negative)
		*--end = '-';
	return end;
}

void
mesh_i_jw_int(struct mesh_i_jw *w, const char *key, intmax_t v)
{
	char s[32];

	literal(w, key, decimal(s + sizeof(s) - 1, v < 0 ? -(uintmax_t)v :
	    (uintmax_t)v, v < 0));
}

void
mesh_i_jw_uint(struct mesh_i_jw *w, const char *key, uintmax_t v)
{
	char s[32];

	literal(w, key, decimal(s + sizeof(s) - 1, v, 0));
}

void
mesh_i_jw_count(struct mesh_i_jw *w, const char *key, int v)
{
	if (v < 0)
		literal(w, key, "null");
	else
		mesh_i_jw_int(w, key, v);
}

void
mesh_i_jw_bool(struct mesh_i_jw *w, const char *key, int v)
{
	literal(w, key, v ? "true" : "false");
}

void
mesh_i_jw_null(struct mesh_i_jw *w, const char *key)
{
	literal(w, key, "null");
}

void
mesh_i_jw_number(struct mesh_i_jw *w, const char *key, double x)
{
	char s[512];            /* %.4f of the largest double fits */
	int prec;

	switch (w->number) {
	case MESH_I_JW_G12:
		snprintf(s, sizeof(s), "%.12g", x);
		break;
	case MESH_I_JW_FIXED4:
		snprintf(s, sizeof(s), "%.4f", x);
		break;
	case MESH_I_JW_SHORTEST:
		/* The fewest significant digits (at most 17) that read
		 * back as x. */
		for (prec = 1; prec < 17; prec++) {
			snprintf(s, sizeof(s), "%.*g", prec, x);
			if (strtod(s, NULL) == x)
				break;
		}
		snprintf(s, sizeof(s), "%.*g", prec, x);
		break;
	}
	literal(w, key, s);
}

char *
mesh_i_jw_take(struct mesh_i_jw *w)
{
	if (w->depth != 0)
		w->b->failed = 1;
	mesh_i_buf_add(w->b, "\n", 1);
	return mesh_i_buf_take(w->b);
}
