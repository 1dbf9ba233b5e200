/* util.c: small internal helpers: strings, a growing buffer, an arena, arrays in one block. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/util.h"

char *
mesh_i_vasprintf_room(size_t room, size_t *len, const char *fmt,
    va_list ap)
{
	va_list aq;
	char small[256], *s;
	int n;

	/* Formatted once into the stack buffer and copied when it fits
	 * there (most messages), else a second time into the string. */
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0 || (size_t)n + 1 > SIZE_MAX - room ||
	    (s = malloc((size_t)n + 1 + room)) == NULL)
		return NULL;
	if ((size_t)n < sizeof(small))
		memcpy(s, small, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	if (len != NULL)
		*len = (size_t)n;
	return s;
}

char *
mesh_i_vasprintf(const char *fmt, va_list ap)
{
	return mesh_i_vasprintf_room(0, NULL, fmt, ap);
}

char *
mesh_i_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = mesh_i_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
mesh_i_buf_init(struct mesh_i_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void
mesh_i_buf_free(struct mesh_i_buf *b)
{
	free(b->data);
	mesh_i_buf_init(b);
}

static int
buf_reserve(struct mesh_i_buf *b, size_t more)
{
	size_t cap;
	char *p;

	if (b->failed)
		return -1;
	if (b->len + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void
mesh_i_buf_add(struct mesh_i_buf *b, const char *s, size_t n)
{
	if (buf_reserve(b, n) != 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
mesh_i_buf_puts(struct mesh_i_buf *b, const char *s)
{
	mesh_i_buf_add(b, s, strlen(s));
}

/* Formats into the room b has left, and only when the text does not fit
 * there grows b and formats it again: most calls format once. */
void
mesh_i_buf_printf(struct mesh_i_buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	/* Room for a short text, so that the first try usually fits. */
	if (buf_reserve(b, 64) != 0)
		return;
	room = b->cap - b->len;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		b->failed = 1;
		return;
	}
	if ((size_t)n >= room) {
		if (buf_reserve(b, (size_t)n) != 0) {
			b->data[b->len] = '\0';
			return;
		}
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
mesh_i_buf_json_string(struct mesh_i_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p;
	char *d;
	size_t n;

	/* Most strings need no escape: then one copy, quotes and all. */
	for (; *p >= 0x20 && *p != '"' && *p != '\\'; p++)
		;
	if (*p == '\0') {
		n = (size_t)(p - run);
		if (buf_reserve(b, n + 2) != 0)
			return;
		d = b->data + b->len;
		d[0] = '"';
		memcpy(d + 1, s, n);
		d[n + 1] = '"';
		d[n + 2] = '\0';
		b->len += n + 2;
		return;
	}
	/* From the first byte to escape: the run before it goes out whole
	 * with it. */
	mesh_i_buf_add(b, "\"", 1);
	for (; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		mesh_i_buf_add(b, (const char *)run, (size_t)(p - run));
		switch (*p) {
		case '"':  mesh_i_buf_add(b, "\\\"", 2); break;
		case '\\': mesh_i_buf_add(b, "\\\\", 2); break;
		case '\n': mesh_i_buf_add(b, "\\n", 2); break;
		case '\t': mesh_i_buf_add(b, "\\t", 2); break;
		case '\r': mesh_i_buf_add(b, "\\r", 2); break;
		default:   mesh_i_buf_printf(b, "\\u%04x", *p); break;
		}
		run = p + 1;
	}
	mesh_i_buf_add(b, (const char *)run, (size_t)(p - run));
	mesh_i_buf_add(b, "\"", 1);
}

void
mesh_i_buf_xml(struct mesh_i_buf *b, const char *s)
{
	const char *start = s;
	char esc[MESH_I_CONTROL_ESC];

	for (; *s; s++) {
		const char *rep;
		size_t n = 1;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			/* HTML and XML take no C0 control but tab, LF and
			 * CR, even as a reference, and HTML no C1: each is
			 * shown as the text reports show it. */
			if (!MESH_I_MAY_CONTROL(*s) ||
			    (n = mesh_i_control(s, esc)) == 0)
				continue;
			rep = esc;
			break;
		}
		mesh_i_buf_add(b, start, (size_t)(s - start));
		mesh_i_buf_puts(b, rep);
		s += n - 1;
		start = s + 1;
	}
	mesh_i_buf_puts(b, start);
}

void
mesh_i_buf_yaml(struct mesh_i_buf *b, const char *s)
{
	const char *p;
	char esc[MESH_I_CONTROL_ESC];
	size_t n;

	for (p = s; *p && (!MESH_I_MAY_CONTROL(*p) ||
	    mesh_i_control(p, NULL) == 0); p++)
		;
	if (*p == '\0') {
		mesh_i_buf_puts(b, s);
		return;
	}
	mesh_i_buf_add(b, "\"", 1);
	for (p = s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			mesh_i_buf_add(b, "\\", 1);
			mesh_i_buf_add(b, p, 1);
		} else if (MESH_I_MAY_CONTROL(*p) &&
		    (n = mesh_i_control(p, esc)) > 0) {
			mesh_i_buf_puts(b, esc);
			p += n - 1;
		} else {
			mesh_i_buf_add(b, p, 1);
		}
	}
	mesh_i_buf_add(b, "\"", 1);
}

char *
mesh_i_buf_take(struct mesh_i_buf *b)
{
	char *s = b->failed ? NULL : b->data;

	if (s == NULL && !b->failed)
		s = calloc(1, 1);
	if (b->failed)
		free(b->data);
	mesh_i_buf_init(b);
	return s;
}

#define ARENA_CHUNK     (256 * 1024)
#define ARENA_FIRST     4096

struct mesh_i_arena_chunk {
	struct mesh_i_arena_chunk *prev;  /* the chunk filled before this one */
	size_t size, used;
	_Alignas(max_align_t) unsigned char data[];
};

void
mesh_i_arena_init(struct mesh_i_arena *a)
{
	a->top = NULL;
	a->spare = NULL;
}

void
mesh_i_arena_free(struct mesh_i_arena *a)
{
	struct mesh_i_arena_chunk *c;

	while ((c = a->top) != NULL) {
		a->top = c->prev;
		free(c);
	}
	free(a->spare);
	mesh_i_arena_init(a);
}

/* n bytes at a multiple of align (a power of two, at most that of
 * max_align_t), or NULL when out of memory. */
static void *
arena_take(struct mesh_i_arena *a, size_t n, size_t align)
{
	struct mesh_i_arena_chunk *c = a->top;
	void *p;

	if (n > SIZE_MAX - _Alignof(max_align_t) - ARENA_CHUNK)
		return NULL;
	if (c != NULL)
		c->used = (c->used + align - 1) & ~(align - 1);
	if (c == NULL || c->used > c->size || c->size - c->used < n) {
		/* The first chunk small, each next one twice the last up to
		 * ARENA_CHUNK: a small plan takes no 256 KB. */
		size_t size = c == NULL ? ARENA_FIRST : c->size < ARENA_CHUNK /
		    2 ? 2 * c->size : ARENA_CHUNK;

		if (size < n)
			size = n;

		if (a->spare != NULL && a->spare->size >= size) {
			c = a->spare;
			a->spare = NULL;
		} else if ((c = malloc(sizeof(*c) + size)) == NULL) {
			return NULL;
		} else {
			c->size = size;
		}
		c->used = 0;
		c->prev = a->top;
		a->top = c;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

void *
mesh_i_arena_alloc(struct mesh_i_arena *a, size_t n)
{
	return arena_take(a, n, _Alignof(max_align_t));
}

char *
mesh_i_arena_text(struct mesh_i_arena *a, size_t n)
{
	return arena_take(a, n, 1);
}

char *
mesh_i_arena_strdup(struct mesh_i_arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = arena_take(a, n, 1);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

struct mesh_i_arena_mark
mesh_i_arena_mark(const struct mesh_i_arena *a)
{
	struct mesh_i_arena_mark m = { a->top, a->top ? a->top->used : 0 };

	return m;
}

void
mesh_i_arena_release(struct mesh_i_arena *a, struct mesh_i_arena_mark m)
{
	while (a->top != m.top) {
		struct mesh_i_arena_chunk *c = a->top;

		a->top = c->prev;
		if (a->spare == NULL) {
			a->spare = c;
		} else if (c->size > a->spare->size) {
			free(a->spare);
			a->spare = c;
		} else {
			free(c);
		}
	}
	if (a->top != NULL)
		a->top->used = m.used;
}

void
mesh_i_arena_adopt(struct mesh_i_arena *a, struct mesh_i_arena *from)
{
	struct mesh_i_arena_chunk *bottom = from->top;

	if (bottom != NULL) {
		while (bottom->prev != NULL)
			bottom = bottom->prev;
		/* from's chunks go on top: a's top chunk is filled no
		 * more, and new allocations take from's. */
		bottom->prev = a->top;
		a->top = from->top;
	}
	free(from->spare);
	mesh_i_arena_init(from);
}

int
mesh_i_sort_pairs(int *p, size_t n, const int *keys, size_t nkeys)
{
	size_t *count = malloc((nkeys + 1) * sizeof(*count));
	int *tmp = malloc((2 * n + 1) * sizeof(*tmp));
	size_t i, k;
	int pass;

	if (count == NULL || tmp == NULL) {
		free(count);
		free(tmp);
		return -1;
	}
	for (pass = 1; pass >= 0; pass--) {	/* second element, then first */
		memset(count, 0, (nkeys + 1) * sizeof(*count));
		for (i = 0; i < n; i++) {
			int x = p[2 * i + pass];

			count[(keys ? keys[x] : x) + 1]++;
		}
		for (k = 0; k < nkeys; k++)
			count[k + 1] += count[k];
		for (i = 0; i < n; i++) {
			int x = p[2 * i + pass];
			size_t at = count[keys ? keys[x] : x]++;

			tmp[2 * at] = p[2 * i];
			tmp[2 * at + 1] = p[2 * i + 1];
		}
		memcpy(p, tmp, 2 * n * sizeof(*p));
	}
	free(count);
	free(tmp);
	return 0;
}

void *
mesh_i_alloc_arrays(size_t n, const size_t *sizes, void **ptrs, int zero)
{
	const size_t align = _Alignof(max_align_t);
	size_t i, total = 0, step;
	char *block;

	for (i = 0; i < n; i++) {
		step = (sizes[i] + align - 1) / align * align;
		if (step < sizes[i] || total + step < total)
			return NULL;
		total += step;
	}
	block = zero ? calloc(1, total ? total : 1) : malloc(total ? total :
	    1);
	if (block == NULL)
		return NULL;
	for (i = 0, total = 0; i < n; i++) {
		ptrs[i] = block + total;
		total += (sizes[i] + align - 1) / align * align;
	}
	return block;
}
