/* json_writer.h: the one writer of meshsim's JSON: commas, layout, strings, numbers. */
#ifndef MESH_JSON_WRITER_H
#define MESH_JSON_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/*
 * Every JSON document meshsim writes goes through one writer, as jq's
 * jv_print.c: callers say what comes (an object, a member, a number) and
 * the writer puts the keys, the commas, the new lines and the
 * indentation.
 *
 * Every value call takes the key it stands under: a key inside an
 * object, NULL in an array or for the document itself.
 *
 * Layout: a container opened MESH_I_JW_LINES puts each member on a line
 * of its own, indented two spaces a level of nesting, and its closing
 * bracket on a line of its own ("[]" or "{}" when empty); one opened
 * MESH_I_JW_INLINE keeps its members on the line, ", " between them.
 *
 * Numbers: a document chooses once how its doubles are written, so that
 * the same value always gives the same bytes (docs/json.md).
 *
 * Failure: like struct mesh_i_buf, the writer never fails loudly: out
 * of memory, nesting deeper than MESH_I_JW_DEPTH, or a key missing in
 * an object (or given outside one) marks the buffer failed, and
 * mesh_i_jw_take() then returns NULL.
 */

#define MESH_I_JW_DEPTH 10

enum mesh_i_jw_number {
	MESH_I_JW_G12,          /* "%.12g" (availability, diff) */
	MESH_I_JW_FIXED4,       /* "%.4f" (shares: check, sweep) */
	MESH_I_JW_SHORTEST      /* the fewest digits that read back the same */
};

enum mesh_i_jw_layout {
	MESH_I_JW_LINES,        /* one member a line, indented */
	MESH_I_JW_INLINE        /* members on one line */
};

struct mesh_i_jw_level {
	size_t n;               /* members written */
	enum mesh_i_jw_layout layout;
	char close;             /* ']' or '}' */
};

struct mesh_i_jw {
	struct mesh_i_buf *b;   /* borrowed: the caller owns and frees it */
	enum mesh_i_jw_number number;
	int depth;              /* containers open */
	int keyed;              /* the next value's key is already written */
	int wrap;               /* the next member starts a line (jw_wrap) */
	struct mesh_i_jw_level open[MESH_I_JW_DEPTH];
};

/* A writer appending to b, its doubles written as number says. */
void mesh_i_jw_init(struct mesh_i_jw *w, struct mesh_i_buf *b,
    enum mesh_i_jw_number number);
/* For a value inside a document written without this writer: the next
 * value (key NULL) stands after a key already written, depth containers
 * deep, each one a member a line (`check --apply`'s keys, cli_apply.c). */
void mesh_i_jw_inside(struct mesh_i_jw *w, int depth);

/* Open an object or an array; mesh_i_jw_end() closes the innermost one
 * open. */
void mesh_i_jw_object(struct mesh_i_jw *w, const char *key,
    enum mesh_i_jw_layout layout);
void mesh_i_jw_array(struct mesh_i_jw *w, const char *key,
    enum mesh_i_jw_layout layout);
void mesh_i_jw_end(struct mesh_i_jw *w);
/* The next member of the innermost container, even one opened
 * MESH_I_JW_INLINE, starts a line of its own, indented as a member a
 * line would be; the container still closes where its last member ends
 * (the replication model's "dependencies"). */
void mesh_i_jw_wrap(struct mesh_i_jw *w);

/* Values. */
void mesh_i_jw_string(struct mesh_i_jw *w, const char *key, const char *s);
/* s, or null when s is NULL. */
void mesh_i_jw_string_or_null(struct mesh_i_jw *w, const char *key,
    const char *s);
void mesh_i_jw_int(struct mesh_i_jw *w, const char *key, intmax_t v);
void mesh_i_jw_uint(struct mesh_i_jw *w, const char *key, uintmax_t v);
/* v, or null when v < 0 (a count not computed). */
void mesh_i_jw_count(struct mesh_i_jw *w, const char *key, int v);
void mesh_i_jw_bool(struct mesh_i_jw *w, const char *key, int v);
void mesh_i_jw_null(struct mesh_i_jw *w, const char *key);
/* x in the document's number format. */
void mesh_i_jw_number(struct mesh_i_jw *w, const char *key, double x);

/* The whole document, every container closed, with a new line after it,
 * as a malloc'd string the caller frees; NULL when out of memory (or
 * when a container is left open). The buffer is then empty again. */
char *mesh_i_jw_take(struct mesh_i_jw *w);

#endif
