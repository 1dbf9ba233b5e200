/* util.h: small internal helpers: strings, a growing buffer, an arena, arrays in one block. */
#ifndef MESH_UTIL_H
#define MESH_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* A malloc'd formatted string, or NULL when out of memory. */
char *mesh_i_vasprintf(const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 0)))
#endif
    ;
/* The same with room more bytes after the string's NUL, and its length
 * in *len (len may be NULL): a string and what goes with it in one
 * allocation. */
char *mesh_i_vasprintf_room(size_t room, size_t *len, const char *fmt,
    va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 0)))
#endif
    ;
char *mesh_i_asprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/*
 * A growing byte buffer. Appending never fails loudly: on ENOMEM the
 * buffer sets failed and ignores further appends; check once at the end.
 */
struct mesh_i_buf {
	char *data;
	size_t len;
	size_t cap;
	int failed;
};

void mesh_i_buf_init(struct mesh_i_buf *b);
void mesh_i_buf_free(struct mesh_i_buf *b);
void mesh_i_buf_add(struct mesh_i_buf *b, const char *s, size_t n);
void mesh_i_buf_puts(struct mesh_i_buf *b, const char *s);
void mesh_i_buf_printf(struct mesh_i_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* s as a JSON string literal, quotes included. */
void mesh_i_buf_json_string(struct mesh_i_buf *b, const char *s);
/* s with & < > " ' as the entities HTML and XML (SVG) read, and its
 * control characters as the visible escapes of mesh_i_control(). */
void mesh_i_buf_xml(struct mesh_i_buf *b, const char *s);
/* s as a YAML scalar in a config snippet for people to paste: as it is,
 * or, when it holds a control character, double-quoted, '\\' and '"'
 * escaped and each control as mesh_i_control() shows it (\n, \x1b,
 * \u009b are YAML's escapes too): it reads back as s, and shows no
 * control. */
void mesh_i_buf_yaml(struct mesh_i_buf *b, const char *s);
/* Hand over the NUL-terminated contents (NULL if failed); b is reset. */
char *mesh_i_buf_take(struct mesh_i_buf *b);

/*
 * An arena: memory handed out in order from large chunks and freed all at
 * once, or rolled back to a mark. No per-allocation overhead; nothing in
 * it can be freed alone.
 */
struct mesh_i_arena {
	struct mesh_i_arena_chunk *top;   /* the chunk being filled */
	struct mesh_i_arena_chunk *spare; /* one released chunk kept for reuse */
};

/* Where an arena stood. */
struct mesh_i_arena_mark {
	struct mesh_i_arena_chunk *top;
	size_t used;
};

void mesh_i_arena_init(struct mesh_i_arena *a);
/* Free every chunk; the arena is then empty and can be used again. */
void mesh_i_arena_free(struct mesh_i_arena *a);
/* n bytes, aligned for any type, or NULL when out of memory. */
void *mesh_i_arena_alloc(struct mesh_i_arena *a, size_t n);
/* n bytes for text (no alignment), or NULL when out of memory. */
char *mesh_i_arena_text(struct mesh_i_arena *a, size_t n);
/* A copy of s in the arena, or NULL when out of memory. */
char *mesh_i_arena_strdup(struct mesh_i_arena *a, const char *s);
struct mesh_i_arena_mark mesh_i_arena_mark(const struct mesh_i_arena *a);
/* Give back everything allocated since m. */
void mesh_i_arena_release(struct mesh_i_arena *a, struct mesh_i_arena_mark m);
/* Move every chunk of from into a, which then frees them; what from
 * handed out stays where it is. from is left empty. */
void mesh_i_arena_adopt(struct mesh_i_arena *a, struct mesh_i_arena *from);

/*
 * Sort n pairs (p[2i], p[2i+1]) by (key(p[2i]), key(p[2i+1])), where
 * key(x) is keys[x], or x when keys is NULL, and every key lies in
 * 0 .. nkeys-1. Two stable counting passes: linear. Returns 0, or -1 when
 * out of memory (the pairs are then unaltered).
 */
int mesh_i_sort_pairs(int *p, size_t n, const int *keys, size_t nkeys);

/*
 * Several arrays in one allocation, so that a pass that needs n arrays
 * costs one malloc, not n: ptrs[i] is set to sizes[i] bytes, each aligned
 * for any type, zeroed when zero is set. Returns the block, which the
 * caller frees (and only it: the arrays are parts of it), or NULL when out
 * of memory or when the sizes overflow (ptrs is then untouched).
 */
void *mesh_i_alloc_arrays(size_t n, const size_t *sizes, void **ptrs,
    int zero);

#endif
